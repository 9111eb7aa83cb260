import { measureFace, type FaceMeasures } from './face-measures'
import { rotationAngle } from './head-rotation'
import type { DriverFace } from './track-driver'

const median = (v: readonly number[]): number => {
  const s = [...v].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}
const quantile = (v: readonly number[], q: number): number => {
  const s = [...v].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))]!
}
/** Median absolute deviation, floored so a feature that never moves does not dominate the score. */
const spread = (v: readonly number[], floor: number): number => {
  const m = median(v)
  return Math.max(floor, median(v.map((x) => Math.abs(x - m))))
}

/**
 * The driver's most neutral frame: mouth closed (its opening near the clip's own 5th percentile), eyes,
 * brows and mouth width at their typical values for this person, the head near frontal, and the face
 * still (a frame caught mid-motion is a poor reference). Each term is scaled by the clip's own spread of
 * that feature, so the choice does not depend on the driver's face size or shape.
 * Returns the index into `faces` (always one with a face); throws when no frame has one.
 */
export function pickReferenceFrame(faces: readonly (DriverFace | null)[]): number {
  const indices: number[] = []
  const measures: FaceMeasures[] = []
  faces.forEach((f, i) => {
    if (f == null) return
    indices.push(i)
    measures.push(measureFace(f.canonical))
  })
  if (indices.length === 0) throw new RangeError('pickReferenceFrame: no frame has a face')
  const column = (key: keyof FaceMeasures) => measures.map((m) => m[key])
  const mouth = column('mouthOpen')
  const closedMouth = quantile(mouth, 0.05)
  const mouthSpread = spread(mouth, 0.02)
  const typical = (['eyeOpenR', 'eyeOpenL', 'browR', 'browL', 'mouthWidth', 'cornerHeight'] as const).map(
    (key) => {
      const v = column(key)
      return { key, median: median(v), spread: spread(v, 0.02) }
    }
  )
  let best = indices[0]!
  let bestScore = Infinity
  indices.forEach((frame, j) => {
    const m = measures[j]!
    let score = Math.max(0, m.mouthOpen - closedMouth) / mouthSpread
    for (const t of typical) score += Math.abs(m[t.key] - t.median) / t.spread
    // Eyes that are closing are worse than eyes a little wider than usual: a reference caught mid-blink
    // would make every later open eye read as "wide".
    const eyeDrop = typical[0]!.median + typical[1]!.median - m.eyeOpenR - m.eyeOpenL
    score += Math.max(0, eyeDrop) / typical[0]!.spread
    score += rotationAngle(faces[frame]!.rotation) / 8
    const prev = faces[frame - 1]
    const next = faces[frame + 1]
    if (prev != null && next != null) score += motion(prev.canonical, next.canonical) / 0.05
    else score += 2
    if (score < bestScore) {
      bestScore = score
      best = frame
    }
  })
  return best
}

/** Mean landmark movement between two frames (x, y), cm. */
function motion(a: Float32Array, b: Float32Array): number {
  let s = 0
  for (let v = 0; v < a.length; v += 3) s += Math.hypot(a[v]! - b[v]!, a[v + 1]! - b[v + 1]!)
  return s / (a.length / 3)
}

/**
 * The reference face: the chosen frame's canonical landmarks averaged with up to `radius` tracked
 * neighbours on each side, which halves the landmark model's frame-to-frame noise in the reference
 * that every later frame is measured against.
 */
export function referenceShape(
  faces: readonly (DriverFace | null)[],
  index: number,
  radius = 2
): Float32Array {
  const center = faces[index]
  if (center == null) throw new RangeError(`referenceShape: frame ${index} has no face`)
  const out = new Float32Array(center.canonical.length)
  let n = 0
  for (let i = Math.max(0, index - radius); i <= Math.min(faces.length - 1, index + radius); i++) {
    const f = faces[i]
    if (f == null) continue
    for (let k = 0; k < out.length; k++) out[k]! += f.canonical[k]!
    n++
  }
  for (let k = 0; k < out.length; k++) out[k]! /= n
  return out
}
