import { ensureExecutable } from './ensure-executable'
import { type FfmpegCandidateFailure, FfmpegNotFoundError } from './ffmpeg-not-found-error'
import { findOnPath } from './find-on-path'
import { inspectFfmpegBinary } from './inspect-ffmpeg-binary'
import { resolveBundledFfmpegPath } from './resolve-bundled-ffmpeg-path'

export type FfmpegSource = 'configured' | 'bundled' | 'system'

export interface LocatedFfmpeg {
  path: string
  source: FfmpegSource
  version: string
  encoders: ReadonlySet<string>
  supportsFpsMode: boolean
}

export interface LocateFfmpegOptions {
  configuredPath?: string
  /** Override for tests; `null` means "no bundled ffmpeg". Defaults to the @ffmpeg-installer binary. */
  bundledPath?: string | null
  /** Override for tests; the command looked up on PATH. */
  systemCommand?: string
  log?: (message: string) => void
}

/** Finds a working ffmpeg with libx264: configured path, then the bundled npm binary, then PATH. */
export async function locateFfmpeg(options: LocateFfmpegOptions = {}): Promise<LocatedFfmpeg> {
  const log = options.log ?? (() => undefined)
  const tried: FfmpegCandidateFailure[] = []
  const candidates: Array<{ source: FfmpegSource; path: () => Promise<string | null>; missing: string }> = [
    {
      source: 'configured',
      path: async () => (options.configuredPath?.trim() ? options.configuredPath : null),
      missing: 'no path configured'
    },
    {
      source: 'bundled',
      path: async () =>
        options.bundledPath !== undefined ? options.bundledPath : resolveBundledFfmpegPath(),
      missing: '@ffmpeg-installer/ffmpeg has no binary for this platform'
    },
    {
      source: 'system',
      path: () => findOnPath(options.systemCommand ?? 'ffmpeg'),
      missing: `${options.systemCommand ?? 'ffmpeg'} is not on PATH`
    }
  ]
  for (const candidate of candidates) {
    const path = await candidate.path()
    if (path == null) {
      if (candidate.source !== 'configured')
        tried.push({ source: candidate.source, path: '-', reason: candidate.missing })
      continue
    }
    const reason = await checkCandidate(path)
    if (typeof reason === 'string') {
      log(`ffmpeg: skipping ${candidate.source} ${path}: ${reason}`)
      tried.push({ source: candidate.source, path, reason })
      continue
    }
    log(`ffmpeg: using ${candidate.source} ${path} (version ${reason.version})`)
    return { path, source: candidate.source, ...reason }
  }
  throw new FfmpegNotFoundError('ffmpeg', tried)
}

async function checkCandidate(path: string): Promise<Omit<LocatedFfmpeg, 'path' | 'source'> | string> {
  const notExecutable = await ensureExecutable(path)
  if (notExecutable != null) return notExecutable
  try {
    const info = await inspectFfmpegBinary(path)
    if (!info.encoders.has('libx264')) return `ffmpeg ${info.version} was built without libx264`
    return info
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}
