// Reads blinks back from a generated lid curve (one value per frame), as an observer would: a blink is a
// run of frames where the lid is more than a threshold closed.
import { evaluate, seconds, type AnimationDocument } from '@shared/timeline'

export interface MeasuredBlink {
  /** Seconds. */
  readonly start: number
  /** Seconds the lid is off open (value > 0.01). */
  readonly duration: number
  /** Seconds from leaving open to the peak, and from the peak back to open. */
  readonly closing: number
  readonly opening: number
  readonly peak: number
}

/** The lid channel of `doc` sampled at every frame of [0, durationSec]. */
export function lidCurve(doc: AnimationDocument, name = 'blinkL'): Float64Array {
  const { fps, durationSec } = doc.settings
  const frames = Math.round(durationSec * fps) + 1
  const values = new Float64Array(frames)
  for (let f = 0; f < frames; f++) values[f] = evaluate(doc, seconds(f / fps)).expression[name] ?? 0
  return values
}

/** Blinks whose peak closes past 0.5; timings measured at 0.01 (off open). */
export function measureBlinks(values: ArrayLike<number>, fps: number): MeasuredBlink[] {
  const blinks: MeasuredBlink[] = []
  let f = 0
  while (f < values.length) {
    if (values[f]! <= 0.01) {
      f++
      continue
    }
    const start = f - 1
    let peakFrame = f
    while (f < values.length && values[f]! > 0.01) {
      if (values[f]! > values[peakFrame]!) peakFrame = f
      f++
    }
    const peak = values[peakFrame]!
    if (peak > 0.5) {
      blinks.push({
        start: start / fps,
        duration: (f - start) / fps,
        closing: (peakFrame - start) / fps,
        opening: (f - peakFrame) / fps,
        peak
      })
    }
  }
  return blinks
}
