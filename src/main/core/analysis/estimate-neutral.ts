/**
 * A person's neutral face shape from many canonical-frame frames (each flat 468 x 3, cm): the per-value
 * median, robust to the minority of frames with strong expressions. The residual of a frame against
 * this is the driver's change from the driver's own neutral, free of the driver's identity.
 */
export function estimateNeutral(frames: readonly ArrayLike<number>[]): Float32Array {
  if (frames.length === 0) throw new Error('estimateNeutral: needs at least one frame')
  const length = frames[0].length
  for (const frame of frames) {
    if (frame.length !== length) throw new Error('estimateNeutral: frames differ in length')
  }
  const out = new Float32Array(length)
  const column = new Float64Array(frames.length)
  for (let i = 0; i < length; i++) {
    for (let f = 0; f < frames.length; f++) column[f] = frames[f][i]
    column.sort()
    const mid = column.length >> 1
    out[i] = column.length % 2 === 1 ? column[mid] : (column[mid - 1] + column[mid]) / 2
  }
  return out
}
