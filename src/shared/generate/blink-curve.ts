// A blink's lid curve on the frames: a fast, accelerating close and a slower, decelerating reopening.
import { type BlinkEvent } from './blink-schedule'

/** The lid's closure (0 open … depth) `k` frames after the blink's start. */
export function blinkValueAt(blink: BlinkEvent, k: number): number {
  const { closeFrames, openFrames, depth } = blink
  if (k <= 0 || k >= closeFrames + openFrames) return 0
  if (k <= closeFrames) {
    const u = k / closeFrames
    return depth * Math.sin((Math.PI / 2) * u) ** 2
  }
  // Reopening: fast at first, with a slow last part (ease-out toward open, exponent 1.5: a quadratic let the
  // lid look open within half the reopening, shorter than real blinks read by the same analysis).
  const u = (k - closeFrames) / openFrames
  return depth * (1 - u) ** 1.5
}

/**
 * Writes the blinks into a lid channel (one value per frame), taking the larger value where curves meet.
 * `depthScale` scales each blink's depth (a slight left/right difference).
 */
export function writeBlinks(
  values: Float32Array,
  blinks: readonly BlinkEvent[],
  depthScale: (index: number) => number = () => 1
): void {
  blinks.forEach((blink, index) => {
    const scaled = { ...blink, depth: Math.min(1, blink.depth * depthScale(index)) }
    const end = blink.startFrame + blink.closeFrames + blink.openFrames
    for (let frame = Math.max(0, blink.startFrame); frame <= end && frame < values.length; frame++) {
      values[frame] = Math.max(values[frame]!, blinkValueAt(scaled, frame - blink.startFrame))
    }
  })
}
