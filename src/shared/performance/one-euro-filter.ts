// The One Euro filter (Casiez, Roussel & Vogel, CHI 2012): an adaptive first-order low-pass whose
// cutoff rises with the signal's speed, so slow motion is smoothed hard (jitter goes) while fast
// motion passes with little lag (blinks and jaw snaps survive). Written for sampled series whose
// sample times may be irregular (variable-frame-rate video).
import { type TrackKind } from '../timeline/ids'

export interface OneEuroParams {
  /** Cutoff frequency when the signal is still, Hz. Lower = smoother at rest, more lag. */
  readonly minCutoff: number
  /**
   * Cutoff increase per unit of speed, Hz per (value unit / s). Higher = less lag on fast motion.
   * Depends on the value's units: degrees move in larger numbers than weights, so need a smaller beta.
   */
  readonly beta: number
  /** Cutoff of the low-pass applied to the speed estimate itself, Hz. */
  readonly dCutoff: number
}

// Starting values tuned by the drive benchmark; the lead tunes them against recorded clips.
export const DRIVE_SMOOTHING: Readonly<Record<TrackKind, OneEuroParams>> = {
  /** Expression weights (−1..1). */
  expression: { minCutoff: 1.5, beta: 2, dCutoff: 1 },
  /** Head rotation, degrees. */
  camera: { minCutoff: 0.8, beta: 0.05, dCutoff: 1 }
}

/** Sample period assumed when no valid earlier period is known, s (30 fps video). */
const FALLBACK_DT = 1 / 30

function checkParams(params: OneEuroParams): void {
  const { minCutoff, beta, dCutoff } = params
  if (!(Number.isFinite(minCutoff) && minCutoff > 0)) {
    throw new RangeError(`oneEuroFilter: minCutoff must be a positive frequency in Hz, got ${minCutoff}`)
  }
  if (!(Number.isFinite(beta) && beta >= 0)) {
    throw new RangeError(`oneEuroFilter: beta must be finite and >= 0, got ${beta}`)
  }
  if (!(Number.isFinite(dCutoff) && dCutoff > 0)) {
    throw new RangeError(`oneEuroFilter: dCutoff must be a positive frequency in Hz, got ${dCutoff}`)
  }
}

/**
 * Weight of the new sample in an exponential low-pass with cutoff `cutoffHz` over a step of `dt`
 * seconds: the discrete form of a first-order RC filter with time constant 1 / (2π · cutoff).
 */
function smoothingFactor(cutoffHz: number, dt: number): number {
  const tau = 1 / (2 * Math.PI * cutoffHz)
  return 1 / (1 + tau / dt)
}

function checkLengths(times: ArrayLike<number>, values: ArrayLike<number>): void {
  if (times.length !== values.length) {
    throw new RangeError(
      `oneEuroFilter: times and values must have the same length, got ${times.length} and ${values.length}`
    )
  }
}

/** A One Euro filter fed one sample at a time (live capture), with the rules of `oneEuroFilter`. */
export interface OneEuroStream {
  /** The filtered value of sample `x` at time `t` (seconds); NaN passes through and restarts the filter. */
  step(t: number, x: number): number
  /** Forgets the filter's state: the next finite sample passes unfiltered. */
  reset(): void
}

/** A causal One Euro filter over samples that arrive one by one; `oneEuroFilter` runs one over a series. */
export function createOneEuro(params: OneEuroParams): OneEuroStream {
  checkParams(params)
  const { minCutoff, beta, dCutoff } = params
  let active = false
  let lastTime = 0 // s
  let lastDt = FALLBACK_DT // s
  let lastRaw = 0 // value units
  let lastFiltered = 0 // value units
  let lastSpeed = 0 // filtered speed, value units per second
  return {
    step(t, x) {
      if (!Number.isFinite(x)) {
        active = false
        return x
      }
      if (!active) {
        active = true
        lastRaw = x
        lastFiltered = x
        lastSpeed = 0
        if (Number.isFinite(t)) lastTime = t
        return x
      }
      const step = t - lastTime
      const dt = step > 0 ? step : lastDt
      lastDt = dt
      if (step > 0) lastTime = t
      // Speed from the raw samples (as in the authors' reference code), then smoothed at dCutoff.
      const speed = (x - lastRaw) / dt
      lastSpeed += smoothingFactor(dCutoff, dt) * (speed - lastSpeed)
      const cutoff = minCutoff + beta * Math.abs(lastSpeed)
      lastFiltered += smoothingFactor(cutoff, dt) * (x - lastFiltered)
      lastRaw = x
      return lastFiltered
    },
    reset() {
      active = false
    }
  }
}

/**
 * Filters `values` sampled at `times` (seconds, normally increasing) causally, sample by sample.
 *
 * - A step whose time does not advance (equal, decreasing or non-finite time) is taken to last as
 *   long as the previous valid step (1/30 s if there was none), so one bad timestamp does not
 *   blow up the speed estimate.
 * - A non-finite value (NaN: no face tracked on that frame) is copied through unchanged, and the
 *   filter restarts at the next finite value, which passes unfiltered: stale state from before a
 *   gap must not drag the motion after it.
 *
 * Returns a new array of the same length; the inputs are not modified.
 */
export function oneEuroFilter(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  params: OneEuroParams
): Float32Array {
  checkParams(params)
  checkLengths(times, values)
  const out = new Float32Array(values.length)
  const filter = createOneEuro(params)
  for (let i = 0; i < values.length; i++) out[i] = filter.step(times[i]!, values[i]!)
  return out
}

/**
 * Offline, lag-free One Euro: filters forward, then filters that result again backward in time
 * (time reversed, so the second pass sees increasing times), and returns it in the original order.
 * The backward pass's lead cancels the forward pass's lag, so peaks stay where they were; the
 * price is a second pass of smoothing (a short pulse loses a little more height).
 * Non-finite values pass through and split the series into independently filtered runs.
 */
export function zeroPhaseOneEuro(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  params: OneEuroParams
): Float32Array {
  const forward = oneEuroFilter(times, values, params)
  const n = forward.length
  const reversedTimes = new Float64Array(n)
  const reversedValues = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    reversedTimes[i] = -times[n - 1 - i]!
    reversedValues[i] = forward[n - 1 - i]!
  }
  const backward = oneEuroFilter(reversedTimes, reversedValues, params)
  return backward.reverse()
}
