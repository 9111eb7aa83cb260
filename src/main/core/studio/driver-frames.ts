// Pure helpers over a tracked driver's frames: finding the frame for a time, the size of a picture of
// it, and its tracked mesh in that picture's pixels.
import type { DriverFace, DriverTrack } from '../drive/track-driver'

/**
 * Index of the frame nearest `timeSec` (times sorted ascending); with `withFace`, of the nearest frame
 * that has a tracked face (-1 when none has). Ties go to the earlier frame.
 */
export function nearestFrameIndex(
  track: Pick<DriverTrack, 'times' | 'faces'>,
  timeSec: number,
  options: { withFace?: boolean } = {}
): number {
  const { times, faces } = track
  if (times.length === 0) return -1
  let lo = 0
  let hi = times.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (times[mid]! < timeSec) lo = mid + 1
    else hi = mid
  }
  // lo: first frame at or after timeSec (or the last frame).
  const candidates = lo > 0 && Math.abs(times[lo - 1]! - timeSec) <= Math.abs(times[lo]! - timeSec)
  let best = candidates ? lo - 1 : lo
  if (!options.withFace || faces[best] != null) return best
  best = -1
  let bestDistance = Infinity
  for (let i = 0; i < times.length; i++) {
    if (faces[i] == null) continue
    const distance = Math.abs(times[i]! - timeSec)
    if (distance < bestDistance) {
      best = i
      bestDistance = distance
    }
  }
  return best
}

/** Picture size for a `width`×`height` video with its longest side at most `maxSide` (never upscaled). */
export function fitFrameSize(
  width: number,
  height: number,
  maxSide: number
): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height))
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale))
  }
}

/**
 * The face's 468 landmarks as (x, y) pairs in a picture of `width`×`height` px of the frame the face was
 * tracked on (`analysedWidth`×`analysedHeight`): the pose matrix [s·R | t] maps each canonical point
 * to the analysed frame with y up, so image x = row 0 · [p, 1] and image y = −(row 1 · [p, 1]).
 */
export function projectLandmarks(
  face: Pick<DriverFace, 'canonical' | 'matrix'>,
  analysedWidth: number,
  analysedHeight: number,
  width: number,
  height: number
): number[] {
  const m = face.matrix
  const p = face.canonical
  const sx = width / analysedWidth
  const sy = height / analysedHeight
  // The 468 mesh points (the irises that may follow them are not part of the mesh).
  const count = Math.min(p.length / 3, 468)
  const out = new Array<number>(count * 2)
  for (let v = 0, o = 0; v < count * 3; v += 3, o += 2) {
    const x = p[v]!
    const y = p[v + 1]!
    const z = p[v + 2]!
    out[o] = (m[0]! * x + m[1]! * y + m[2]! * z + m[3]!) * sx
    out[o + 1] = -(m[4]! * x + m[5]! * y + m[6]! * z + m[7]!) * sy
  }
  return out
}
