// When the eyes blink, and how long each blink lasts, over a generated range. Frame-based: every blink
// starts on a frame and reaches full closure on a frame, so no blink falls between two samples.
//
// Statistics (units as named):
// - Rate: 17 blinks/min at rest (Bentivoglio et al. 1997, Mov Disord 12:1028–1034: 17 /min at rest,
//   26 /min in conversation, 4.5 /min reading); the user sets it, each closure of a double blink counted.
// - Inter-blink intervals: right-skewed, with few blinks closer than about 1 s apart outside double
//   blinks; drawn as a refractory minimum (min(1 s, 40 % of the mean)) plus an exponential remainder.
// - Duration of one closure: 100–450 ms, drawn around a 270 ms median (standard deviation 50 ms). The
//   textbook range is 100–400 ms (e.g. Schiffman, Sensation and Perception); the median is set from real
//   blinks: read by the project's analysis in the shared driving clips, lids more than 20 % closed last
//   233 ms (median of 47 blinks), and with this median and the reopening below, generated lids read through
//   the same reader last 220–230 ms (`npm run bench:generate`; a 200 ms median read as 155 ms).
// - Shape: the lid closes fast and reopens slowly; closing takes about a third of the blink
//   (Caffier, Erdmann & Ullsperger 2003, Eur J Appl Physiol 89:319–325: reopening 2–3× the closing time).
// - Double blinks: about 10 % of blinks are followed by a second closure 60–150 ms after the lid is open.
import { type SeededRandom } from './seeded-random'

/** One closure of the lids, in frames from the start of the range. */
export interface BlinkEvent {
  /** Frame on which the lid starts to close (value 0 there). */
  readonly startFrame: number
  /** Frames from the start to full closure (≥ 1). */
  readonly closeFrames: number
  /** Frames from full closure back to open (> closeFrames). */
  readonly openFrames: number
  /** How far the lid closes, 0..1 (1 = fully). */
  readonly depth: number
}

export const BLINK_MIN_SEC = 0.1
export const BLINK_MAX_SEC = 0.45
const BLINK_MEDIAN_SEC = 0.27
const BLINK_SD_SEC = 0.05
/** Share of a blink spent closing. */
export const BLINK_CLOSE_SHARE = 1 / 3
export const DOUBLE_BLINK_CHANCE = 0.1
const DOUBLE_GAP_SEC = { min: 0.06, max: 0.15 }
const REFRACTORY_MAX_SEC = 1
const REFRACTORY_SHARE = 0.4

export interface BlinkScheduleInput {
  /** Closures per minute; 0 = no blinks. */
  readonly ratePerMin: number
  /** Frames in the range (samples 0 … frames − 1). */
  readonly frames: number
  readonly fps: number
}

/** The frames of one closure of `durationSec`: closing about a third, opening the rest, inside the bounds. */
export function blinkFrames(durationSec: number, fps: number): { closeFrames: number; openFrames: number } {
  const maxTotal = Math.max(3, Math.floor(BLINK_MAX_SEC * fps + 1e-9))
  const minTotal = Math.min(maxTotal, Math.max(3, Math.ceil(BLINK_MIN_SEC * fps - 1e-9)))
  const total = Math.min(maxTotal, Math.max(minTotal, Math.round(durationSec * fps)))
  const closeFrames = Math.max(1, Math.round(total * BLINK_CLOSE_SHARE))
  return { closeFrames, openFrames: Math.max(closeFrames + 1, total - closeFrames) }
}

function closure(random: SeededRandom, startFrame: number, fps: number): BlinkEvent {
  const duration = Math.min(
    BLINK_MAX_SEC,
    Math.max(BLINK_MIN_SEC, BLINK_MEDIAN_SEC + BLINK_SD_SEC * random.normal())
  )
  return { startFrame, ...blinkFrames(duration, fps), depth: random.between(0.92, 1) }
}

/**
 * The blinks of a range, in time order and never overlapping. Each drawn blink is followed by a second
 * one with probability DOUBLE_BLINK_CHANCE, so events come at rate / (1 + chance) per minute and the
 * closures at `ratePerMin`. No blink starts in the first 0.1 s, and each ends inside the range.
 */
export function scheduleBlinks(random: SeededRandom, input: BlinkScheduleInput): BlinkEvent[] {
  const { ratePerMin, frames, fps } = input
  if (!(ratePerMin > 0) || frames < 4) return []
  const meanEventSec = (60 * (1 + DOUBLE_BLINK_CHANCE)) / ratePerMin
  const refractory = Math.min(REFRACTORY_MAX_SEC, REFRACTORY_SHARE * meanEventSec)
  const interval = () => refractory + random.exponential(meanEventSec - refractory)
  const blinks: BlinkEvent[] = []
  // The first blink comes a uniform share of one interval in, as if the range began mid-interval.
  let t = 0.1 + random.next() * meanEventSec
  for (;;) {
    const first = closure(random, Math.round(t * fps), fps)
    const isDouble = random.chance(DOUBLE_BLINK_CHANCE)
    const gapFrames = Math.max(1, Math.round(random.between(DOUBLE_GAP_SEC.min, DOUBLE_GAP_SEC.max) * fps))
    const nextInterval = interval()
    const firstEnd = first.startFrame + first.closeFrames + first.openFrames
    if (firstEnd > frames - 1) break
    blinks.push(first)
    let end = firstEnd
    if (isDouble) {
      const second = closure(random, firstEnd + gapFrames, fps)
      const secondEnd = second.startFrame + second.closeFrames + second.openFrames
      if (secondEnd <= frames - 1) {
        blinks.push(second)
        end = secondEnd
      }
    }
    // The next blink never starts before this one has ended (plus one open frame).
    t = Math.max(t + nextInterval, (end + 1) / fps)
  }
  return blinks
}
