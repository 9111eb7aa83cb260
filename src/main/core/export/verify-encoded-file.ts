import { stat } from 'node:fs/promises'
import { type LocatedFfmpeg } from '../media/locate-ffmpeg'
import { probeVideo } from '../media/probe-video'
import { type VideoInfo } from '../media/video-info'
import { VideoInputError } from '../media/video-input-error'

/** What was sent to ffmpeg: the finished file must hold this many frames at this rate. */
export interface EncodedLength {
  frameCount: number
  /** Frames per second. */
  fps: number
}

/**
 * Seconds a finished file's duration may differ from frames / fps: one frame, plus 50 ms for the
 * audio encoder's priming (AAC and Opus add about 25 ms to the container's duration) and for the 10 ms
 * rounding of `ffmpeg -i`, which is read where there is no ffprobe.
 */
export function lengthToleranceSec(fps: number): number {
  return 1 / fps + 0.05
}

/** Why a finished file's probed length is not that of the frames encoded, or null when it is. Pure. */
export function checkEncodedLength(info: VideoInfo, expected: EncodedLength): string | null {
  const expectedSec = expected.frameCount / expected.fps
  const tolerance = lengthToleranceSec(expected.fps)
  if (info.durationSec == null) return 'it has no duration, so its container was never finished'
  if (Math.abs(info.durationSec - expectedSec) > tolerance) {
    return `it lasts ${info.durationSec.toFixed(2)} s instead of ${expectedSec.toFixed(2)} s`
  }
  // Packets read through the file cannot be fewer than the frames sent (one packet per frame for
  // H.264, ProRes and VP9 without alt-ref); a truncated file whose header survived reads fewer.
  if (info.packetCount != null && info.packetCount < expected.frameCount) {
    return `only ${info.packetCount} of its ${expected.frameCount} frames can be read`
  }
  const frames = info.frameCountEstimate
  if (frames != null && Math.abs(frames - expected.frameCount) > Math.ceil(tolerance * expected.fps)) {
    return `it holds ${frames} frames instead of ${expected.frameCount}`
  }
  return null
}

/** Time allowed to read the whole file back: a minute, plus a second per 20 MB (a slow disk). */
function probeTimeoutMs(bytes: number): number {
  return 60_000 + Math.ceil(bytes / 20e6) * 1000
}

/**
 * Reads back the file ffmpeg finished and says why it is not the video that was encoded: unreadable,
 * shorter or longer than the frames sent, or (with ffprobe, which reads every packet) cut short behind
 * an intact header. Without ffprobe only `ffmpeg -i`'s duration and rate are checked (see
 * `probeVideo`). Null when it is whole. Rejects only when the probe cannot run (or `signal` aborts it).
 */
export async function verifyEncodedFile(
  path: string,
  expected: EncodedLength,
  options: { ffmpeg: LocatedFfmpeg; signal?: AbortSignal }
): Promise<string | null> {
  let info: VideoInfo
  try {
    const bytes = (await stat(path).catch(() => null))?.size ?? 0
    info = await probeVideo(path, {
      ffmpeg: options.ffmpeg,
      signal: options.signal,
      countPackets: true,
      timeoutMs: probeTimeoutMs(bytes)
    })
  } catch (error) {
    if (!(error instanceof VideoInputError)) throw error
    switch (error.problem) {
      case 'not-found':
        return 'ffmpeg did not create it'
      case 'not-video':
        return 'it has no video stream'
      case 'corrupt':
        return 'it cannot be read back as a video (it is truncated or damaged)'
    }
  }
  return checkEncodedLength(info, expected)
}
