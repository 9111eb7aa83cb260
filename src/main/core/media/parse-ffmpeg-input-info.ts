import { normalizeRotation } from './parse-probe-json'
import { type VideoInfo } from './video-info'

/**
 * Reads what `ffmpeg -i file` prints about input #0, for machines without ffprobe. Pure.
 * Less exact than ffprobe: no frame count, and variable frame rate shows only as "tbr" differing from "fps".
 */
export function parseFfmpegInputInfo(stderr: string): VideoInfo | null {
  const lines = stderr.split(/\r?\n/)
  const videoAt = lines.findIndex((l) => /Stream #0:\d+.*: Video: /.test(l) && !/attached pic/.test(l))
  if (videoAt < 0) return null
  const videoLine = lines[videoAt] ?? ''
  const size = /, (\d{2,5})x(\d{2,5})[ ,]/.exec(videoLine)
  if (size == null) return null
  const codec = /: Video: (\w+)/.exec(videoLine)?.[1] ?? 'unknown'
  const fps = /, (\d+(?:\.\d+)?)(k?) fps/.exec(videoLine)
  const tbr = /, (\d+(?:\.\d+)?)(k?) tbr/.exec(videoLine)
  const toNumber = (m: RegExpExecArray | null): number | null =>
    m == null ? null : Number.parseFloat(m[1] ?? '') * (m[2] === 'k' ? 1000 : 1)
  const avgFps = toNumber(fps)
  const nominal = toNumber(tbr)
  const duration = /Duration:\s*(\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(stderr)
  const durationSec =
    duration == null ? null : Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3])
  let rotationCcw = 0
  for (const line of lines.slice(videoAt + 1)) {
    if (/^\s*Stream #/.test(line)) break
    const matrix = /displaymatrix: rotation of (-?\d+(?:\.\d+)?) degrees/.exec(line)
    const tag = /^\s*rotate\s*:\s*(-?\d+)/.exec(line)
    if (matrix != null) rotationCcw = Number(matrix[1])
    else if (tag != null) rotationCcw = -Number(tag[1])
  }
  const rotation = normalizeRotation(rotationCcw)
  const swap = rotation === 90 || rotation === 270
  const width = Number(size[1])
  const height = Number(size[2])
  return {
    width: swap ? height : width,
    height: swap ? width : height,
    durationSec: durationSec != null && durationSec > 0 ? durationSec : null,
    frameCountEstimate: durationSec != null && avgFps != null ? Math.round(durationSec * avgFps) : null,
    avgFps,
    isVariableFrameRate: avgFps != null && nominal != null && Math.abs(avgFps - nominal) / nominal > 0.01,
    hasAudio: lines.some((l) => /Stream #0:\d+.*: Audio: /.test(l)),
    codec,
    rotation
  }
}
