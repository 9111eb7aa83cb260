// Where the eyes look: fixations joined by saccades. At rest the eyes hold a point for a second or two,
// then jump; often back toward the primary position (straight ahead).
//
// Statistics: fixations at rest last about 0.3–3 s (mean 2.5 s calm … 1.2 s lively here; free-viewing
// fixations average 0.3 s, a face at rest in conversation holds much longer); a saccade of a few degrees
// lasts 30–50 ms (main sequence: about 21 ms + 2.2 ms per degree, Carpenter 1988, Movements of the
// Eyes), so at video rates it spans one or two frames. Amplitudes are in gaze-direction weights
// (1 = the pack's full eye travel): standard deviation 0.06 (calm) … 0.18 (lively) horizontally, half
// that vertically.
import { type SeededRandom } from './seeded-random'

export interface GazeFixation {
  /** Frame on which the saccade to this fixation starts. */
  readonly startFrame: number
  readonly horizontal: number
  readonly vertical: number
}

/** Saccade length in frames: 40 ms, at least one frame. */
export const saccadeFrames = (fps: number): number => Math.max(1, Math.round(0.04 * fps))

const GAZE_LIMIT = 0.4
const clampGaze = (value: number) => Math.max(-GAZE_LIMIT, Math.min(GAZE_LIMIT, value))

/** The fixations of a range, the first at frame 0 straight ahead. `energy` 0..1. */
export function scheduleGaze(
  random: SeededRandom,
  input: { frames: number; fps: number; energy: number }
): GazeFixation[] {
  const { frames, fps, energy } = input
  const meanFixationSec = 2.5 - 1.3 * energy
  const spread = 0.06 + 0.12 * energy
  const fixations: GazeFixation[] = [{ startFrame: 0, horizontal: 0, vertical: 0 }]
  let t = 0.3 + random.exponential(meanFixationSec)
  while (Math.round(t * fps) < frames - 1) {
    const home = random.chance(0.35)
    fixations.push({
      startFrame: Math.round(t * fps),
      horizontal: home ? 0.2 * spread * random.normal() : clampGaze(spread * random.normal()),
      vertical: home ? 0.1 * spread * random.normal() : clampGaze(0.5 * spread * random.normal())
    })
    t += 0.3 + random.exponential(meanFixationSec - 0.3)
  }
  return fixations
}

/** Writes the fixations into the two gaze channels: hold, then a smooth saccade to the next one. */
export function writeGaze(
  horizontal: Float32Array,
  vertical: Float32Array,
  fixations: readonly GazeFixation[],
  fps: number
): void {
  const span = saccadeFrames(fps)
  let index = 0
  let from = { horizontal: 0, vertical: 0 }
  for (let frame = 0; frame < horizontal.length; frame++) {
    while (index + 1 < fixations.length && fixations[index + 1]!.startFrame <= frame) {
      from = currentGaze(fixations, index, frame, span, from)
      index++
    }
    const target = fixations[index]!
    const u = Math.min(1, (frame - target.startFrame) / span)
    const ease = u <= 0 ? 0 : 0.5 - 0.5 * Math.cos(Math.PI * u)
    horizontal[frame] = from.horizontal + (target.horizontal - from.horizontal) * ease
    vertical[frame] = from.vertical + (target.vertical - from.vertical) * ease
  }
}

/** Where the eyes are when the saccade after fixation `index` begins (it may interrupt one in flight). */
function currentGaze(
  fixations: readonly GazeFixation[],
  index: number,
  frame: number,
  span: number,
  from: { horizontal: number; vertical: number }
): { horizontal: number; vertical: number } {
  const target = fixations[index]!
  const u = Math.min(1, (frame - target.startFrame) / span)
  const ease = u <= 0 ? 0 : 0.5 - 0.5 * Math.cos(Math.PI * u)
  return {
    horizontal: from.horizontal + (target.horizontal - from.horizontal) * ease,
    vertical: from.vertical + (target.vertical - from.vertical) * ease
  }
}
