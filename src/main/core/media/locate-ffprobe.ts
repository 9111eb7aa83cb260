import { dirname, join } from 'node:path'
import { ensureExecutable } from './ensure-executable'
import { type FfmpegCandidateFailure, FfmpegNotFoundError } from './ffmpeg-not-found-error'
import { findOnPath } from './find-on-path'
import { type FfmpegSource } from './locate-ffmpeg'
import { runCaptured } from './run-captured'

export interface LocatedFfprobe {
  path: string
  source: FfmpegSource
  version: string
}

export interface LocateFfprobeOptions {
  configuredPath?: string
  /** An ffprobe beside this ffmpeg is tried next (the npm-bundled ffmpeg has none). */
  ffmpegPath?: string
  systemCommand?: string
  log?: (message: string) => void
}

/** Finds a working ffprobe: configured path, then beside the ffmpeg in use, then PATH. */
export async function locateFfprobe(options: LocateFfprobeOptions = {}): Promise<LocatedFfprobe> {
  const log = options.log ?? (() => undefined)
  const exe = process.platform === 'win32' ? 'ffprobe.exe' : 'ffprobe'
  const tried: FfmpegCandidateFailure[] = []
  const candidates: Array<{ source: FfmpegSource; path: string | null }> = [
    { source: 'configured', path: options.configuredPath?.trim() ? options.configuredPath : null },
    { source: 'bundled', path: options.ffmpegPath != null ? join(dirname(options.ffmpegPath), exe) : null },
    { source: 'system', path: await findOnPath(options.systemCommand ?? 'ffprobe') }
  ]
  for (const { source, path } of candidates) {
    if (path == null) {
      if (source === 'system')
        tried.push({ source, path: '-', reason: `${options.systemCommand ?? 'ffprobe'} is not on PATH` })
      continue
    }
    const problem = await ensureExecutable(path)
    if (problem != null) {
      tried.push({ source, path, reason: problem })
      continue
    }
    const run = await runCaptured(path, ['-hide_banner', '-version']).catch((error: unknown) => ({
      code: -1,
      stdout: '',
      stderr: String(error)
    }))
    const version = /^ffprobe version (\S+)/m.exec(run.stdout)?.[1]
    if (run.code !== 0 || version == null) {
      tried.push({ source, path, reason: 'does not run as ffprobe' })
      continue
    }
    log(`ffprobe: using ${source} ${path} (version ${version})`)
    return { path, source, version }
  }
  for (const t of tried) log(`ffprobe: skipped ${t.source} ${t.path}: ${t.reason}`)
  throw new FfmpegNotFoundError('ffprobe', tried)
}
