import { spawn } from 'node:child_process'
import { access, constants, rename, stat, unlink } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { MimesisError } from '@shared/errors/mimesis-error'
import { checkOutputPath } from '../export/check-output-path'
import { isDiskFullFailure } from '../export/is-disk-full-failure'
import { makePartialPath } from '../export/make-partial-path'
import { OutputNotWritableError } from '../export/output-not-writable-error'
import { parseFfmpegProgress } from '../export/parse-ffmpeg-progress'
import { removeStalePartials } from '../export/remove-stale-partials'
import { buildAudioProbeArgs, buildExtractAudioArgs, EXTRACTED_SAMPLE_RATE } from './build-extract-audio-args'
import { classifyVideoInputFailure } from './classify-video-input-failure'
import { defaultFfmpeg } from './default-ffmpeg'
import { FfmpegNotFoundError } from './ffmpeg-not-found-error'
import { type LocatedFfmpeg } from './locate-ffmpeg'
import { type AudioProbe, parseAudioProbe } from './parse-audio-probe'
import { runCaptured } from './run-captured'
import { fsyncDirectory, fsyncFile } from '../export/fsync-path'

/** An audio file written by `extractAudio`: AAC-LC in MP4 (.m4a), 48 kHz. */
export interface ExtractedAudio {
  /** Absolute path of the written file. */
  path: string
  /** Seconds from the video's first frame to the end of the audio. */
  durationSec: number
  codec: 'aac'
  /** Hz; always 48000. */
  sampleRate: number
  /** 1 (the source was mono) or 2. */
  channels: 1 | 2
}

export interface ExtractAudioOptions {
  signal?: AbortSignal
  ffmpeg?: LocatedFfmpeg
}

/** Opening a file needs no decoding of its body; this only guards against a hung network drive. */
const PROBE_TIMEOUT_MS = 60_000
const STDERR_KEEP_CHARS = 64 * 1024

/**
 * Writes the sound of `videoPath` to `outPath` as AAC-LC in an MP4 container (.m4a), 48 kHz, mono kept
 * mono and anything wider mixed to stereo, about 160 kb/s. Time 0 of the written audio is the instant
 * of the video's first frame (the time `decodeVideoFrames` gives frame 0): audio that starts later is
 * preceded by silence, audio that starts earlier is cut, whatever the container's start times. A file
 * without video keeps its own time 0. Returns null, writing nothing, when the file has no audio stream.
 *
 * The file is written under a hidden temporary name in the folder of `outPath` and renamed when
 * complete; a failure or an abort removes it and leaves an existing `outPath` untouched.
 * Errors are `MimesisError`s; codes: `input-not-found`, `input-not-readable`, `unsupported-format`,
 * `input-damaged`, `output-not-writable`, `disk-full`, `ffmpeg-missing`, `cancelled`,
 * `audio-extract-failed`. Audio that ends before the first frame gives a file of `durationSec` 0.
 */
export async function extractAudio(
  videoPath: string,
  outPath: string,
  options: ExtractAudioOptions = {}
): Promise<ExtractedAudio | null> {
  const input = resolve(videoPath)
  const output = resolve(outPath)
  const { signal } = options
  await requireInputFile(input)
  if (input === output) {
    throw new MimesisError(
      'output-not-writable',
      `The sound of ${input} cannot be written over the video itself. Choose another file name.`
    )
  }
  throwIfAborted(signal)
  const ffmpeg = options.ffmpeg ?? (await locateDefaultFfmpeg())
  if (!ffmpeg.encoders.has('aac')) {
    throw new MimesisError(
      'audio-extract-failed',
      `The ffmpeg at ${ffmpeg.path} has no AAC encoder, so it cannot extract sound. Use an ffmpeg build with the native "aac" encoder (set MIMESIS_FFMPEG to it).`
    )
  }

  const probe = await probeAudio(ffmpeg, input, signal)
  if (!probe.opened) {
    const problem = classifyVideoInputFailure(probe.stderr)
    throw problem === 'corrupt'
      ? damagedInput(input, probe.stderr)
      : new MimesisError(
          'unsupported-format',
          `${input} is not a video or audio file that ffmpeg can read, so its sound cannot be extracted. Choose a video such as an MP4, MOV or WebM file.`,
          { detail: probe.stderr.trim() }
        )
  }
  if (probe.audio == null) return null
  if (probe.hasVideo && probe.firstVideoFrameSec == null) {
    throw new MimesisError(
      'input-damaged',
      `ffmpeg could not decode the first frame of ${input} (the file is damaged, or its video codec is not supported), so its sound cannot be lined up with the picture.`,
      { detail: probe.stderr.trim() }
    )
  }
  const videoStartSec = probe.hasVideo ? (probe.firstVideoFrameSec ?? 0) : 0

  try {
    await checkOutputPath(output)
  } catch (error) {
    if (error instanceof OutputNotWritableError) {
      throw new MimesisError('output-not-writable', error.message, { cause: error })
    }
    throw error
  }
  await removeStalePartials(output)
  const partial = makePartialPath(output, '.m4a')
  try {
    const args = buildExtractAudioArgs({ inputPath: input, outputPath: partial, videoStartSec })
    const run = await runToExit(ffmpeg.path, args, signal)
    throwIfAborted(signal)
    if (run.spawnError != null) {
      throw new MimesisError(
        'audio-extract-failed',
        `Could not start ffmpeg at ${ffmpeg.path}: ${run.spawnError.message}`,
        { cause: run.spawnError }
      )
    }
    if (run.code !== 0 && isDiskFullFailure({ stderr: run.stderr })) {
      throw new MimesisError(
        'disk-full',
        `The disk is full: could not write the sound to ${output}. Free up space or choose another folder, then try again.`,
        { detail: errorLines(run.stderr) }
      )
    }
    // ffmpeg reads a file whose end is missing as far as it goes and still exits with 0; a glitch in
    // the middle (a frame that does not decode) is tolerated, as players do.
    if (/partial file|File ended prematurely/i.test(run.stderr)) {
      throw damagedInput(input, errorLines(run.stderr))
    }
    if (run.code !== 0) {
      const how = run.signal != null ? `was killed by ${run.signal}` : `exited with code ${run.code}`
      throw new MimesisError(
        'audio-extract-failed',
        `Could not extract the sound of ${input}: ffmpeg ${how}. See the details for ffmpeg's messages.`,
        { detail: errorLines(run.stderr) }
      )
    }

    const written = await probeAudio(ffmpeg, partial, signal)
    const channels = written.audio?.channels
    if (written.audio?.codec !== 'aac' || (channels !== 1 && channels !== 2)) {
      throw new MimesisError(
        'audio-extract-failed',
        `Could not extract the sound of ${input}: ffmpeg wrote a file that does not read back as mono or stereo AAC.`,
        { detail: written.stderr.trim() }
      )
    }
    const durationSec = parseFfmpegProgress(run.stderr).outTimeSec ?? written.durationSec ?? 0
    await fsyncFile(partial)
    throwIfAborted(signal)
    await rename(partial, output)
    await fsyncDirectory(dirname(output))
    return {
      path: output,
      durationSec,
      codec: 'aac',
      sampleRate: written.audio.sampleRate ?? EXTRACTED_SAMPLE_RATE,
      channels
    }
  } catch (error) {
    await unlink(partial).catch(() => undefined)
    if (signal?.aborted) throw cancelled()
    if (error instanceof MimesisError) throw error
    const errno = (error as NodeJS.ErrnoException | null)?.code ?? null
    if (isDiskFullFailure({ errnoCode: errno })) {
      throw new MimesisError(
        'disk-full',
        `The disk is full: could not write the sound to ${output}. Free up space or choose another folder, then try again.`,
        { cause: error }
      )
    }
    throw new MimesisError(
      'audio-extract-failed',
      `Could not extract the sound of ${input}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error }
    )
  }
}

async function requireInputFile(path: string): Promise<void> {
  const info = await stat(path).catch(() => null)
  if (info == null) {
    throw new MimesisError(
      'input-not-found',
      `The video ${path} does not exist. Check the path, or choose the file again.`
    )
  }
  if (!info.isFile()) {
    throw new MimesisError('input-not-found', `${path} is a folder, not a video file. Choose a video file.`)
  }
  try {
    await access(path, constants.R_OK)
  } catch (error) {
    throw new MimesisError(
      'input-not-readable',
      `No permission to read ${path}. Check the file's permissions, or copy it somewhere you can read it.`,
      { cause: error }
    )
  }
}

async function locateDefaultFfmpeg(): Promise<LocatedFfmpeg> {
  try {
    return await defaultFfmpeg()
  } catch (error) {
    if (!(error instanceof FfmpegNotFoundError)) throw error
    const [summary, ...rest] = error.message.split('\n')
    throw new MimesisError('ffmpeg-missing', summary ?? error.message, {
      detail: rest.join('\n'),
      cause: error
    })
  }
}

async function probeAudio(
  ffmpeg: LocatedFfmpeg,
  path: string,
  signal: AbortSignal | undefined
): Promise<AudioProbe & { stderr: string }> {
  const run = await runCaptured(ffmpeg.path, buildAudioProbeArgs(path), {
    signal,
    timeoutMs: PROBE_TIMEOUT_MS
  }).catch((error: unknown) => {
    if (signal?.aborted) throw cancelled()
    throw new MimesisError(
      'audio-extract-failed',
      `Could not start ffmpeg at ${ffmpeg.path}: ${String(error)}`,
      {
        cause: error
      }
    )
  })
  return { ...parseAudioProbe(run.stderr), stderr: run.stderr }
}

interface ExitedRun {
  code: number | null
  signal: NodeJS.Signals | null
  stderr: string
  spawnError: Error | null
}

/**
 * Runs ffmpeg to its end and resolves only once the process has exited, also when `signal` aborts it
 * (it is then killed), so that the caller can remove the file it was writing without ffmpeg
 * creating it again afterwards.
 */
function runToExit(
  command: string,
  args: readonly string[],
  signal: AbortSignal | undefined
): Promise<ExitedRun> {
  return new Promise((resolvePromise) => {
    let stderr = ''
    let spawnError: Error | null = null
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true })
    const onAbort = (): void => {
      child.kill('SIGKILL')
    }
    const finish = (code: number | null, exitSignal: NodeJS.Signals | null): void => {
      signal?.removeEventListener('abort', onAbort)
      resolvePromise({ code, signal: exitSignal, stderr, spawnError })
    }
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk
      if (stderr.length > STDERR_KEEP_CHARS * 2) stderr = stderr.slice(-STDERR_KEEP_CHARS)
    })
    child.once('error', (error) => {
      spawnError = error
      // A process that never started has nothing to wait for; one that did still emits 'close'.
      if (child.pid === undefined) finish(null, null)
    })
    child.once('close', finish)
    if (signal?.aborted) onAbort()
    else signal?.addEventListener('abort', onAbort, { once: true })
  })
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled()
}

function cancelled(): MimesisError {
  return new MimesisError('cancelled', 'Extracting the sound was cancelled; no file was written.')
}

function damagedInput(path: string, detail: string): MimesisError {
  return new MimesisError(
    'input-damaged',
    `${path} is damaged or incomplete: ffmpeg could not read it to the end, so its sound cannot be extracted. If the file is still being copied or downloaded, wait until that has finished; otherwise export it again from its source.`,
    { detail: detail.trim() }
  )
}

/** ffmpeg's messages without the `-progress` key=value lines, the last 15 of them. */
function errorLines(stderr: string): string {
  return parseFfmpegProgress(stderr.endsWith('\n') ? stderr : `${stderr}\n`)
    .messages.slice(-15)
    .join('\n')
}
