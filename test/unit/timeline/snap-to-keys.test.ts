import { describe, expect, it } from 'vitest'
import { snapAdjustment, snapIndexOf, type SnapSource } from '../../../src/shared/timeline/snap-to-keys'
import { seededRandom } from './seeded-random'

/** moveKeys' snapping as it was written first: every moved key against every unmoved key of another track. */
function bruteForce(
  moved: readonly SnapSource[],
  stationary: readonly SnapSource[],
  shift: number,
  threshold: number
) {
  let best = Infinity
  let adjustment = 0
  for (const { time, trackIndex } of moved) {
    const target = time + shift
    for (const other of stationary) {
      if (other.trackIndex === trackIndex) continue
      const distance = Math.abs(other.time - target)
      if (distance <= threshold && distance < best) {
        best = distance
        adjustment = other.time - target
      }
    }
  }
  return adjustment
}

/** Keys of `tracks` tracks in document order (by track, then time), on a grid of `step` s, some of them moved. */
function randomKeys(seed: number, tracks: number, step: number) {
  const random = seededRandom(seed)
  const moved: SnapSource[] = []
  const stationary: SnapSource[] = []
  for (let trackIndex = 0; trackIndex < tracks; trackIndex++) {
    const times = [...new Set(Array.from({ length: random.int(0, 12) }, () => random.int(0, 40) * step))]
    for (const time of times.sort((a, b) => a - b))
      (random.next() < 0.3 ? moved : stationary).push({ time, trackIndex })
  }
  return { moved, stationary, random }
}

describe('snapAdjustment', () => {
  it('snaps onto the nearest key of another track, never its own', () => {
    const stationary = [
      { time: 1, trackIndex: 0 },
      { time: 2, trackIndex: 1 }
    ]
    const index = snapIndexOf(stationary)
    expect(snapAdjustment([{ time: 0, trackIndex: 0 }], index, 1.95, 0.1)).toBeCloseTo(0.05)
    // Its own track's key at 2 s is not a target; the other track's key at 1 s is too far.
    expect(snapAdjustment([{ time: 0, trackIndex: 1 }], index, 1.95, 0.1)).toBe(0)
    expect(snapAdjustment([{ time: 0, trackIndex: 1 }], index, 1.05, 0.1)).toBeCloseTo(-0.05)
    expect(snapAdjustment([{ time: 0, trackIndex: 2 }], index, 1.5, 0.1)).toBe(0)
  })

  it('on a tie takes the first pair in document order: lower track, then the earlier time', () => {
    // Target 1.5 is 0.5 from a key at 1 (track 2) and one at 2 (track 1): track 1 comes first.
    const index = snapIndexOf([
      { time: 1, trackIndex: 2 },
      { time: 2, trackIndex: 1 }
    ])
    expect(snapAdjustment([{ time: 0, trackIndex: 0 }], index, 1.5, 1)).toBe(0.5)
    // The same track on both sides: the earlier time.
    const both = snapIndexOf([
      { time: 1, trackIndex: 1 },
      { time: 2, trackIndex: 1 }
    ])
    expect(snapAdjustment([{ time: 0, trackIndex: 0 }], both, 1.5, 1)).toBe(-0.5)
  })

  it('agrees with checking every pair, ties included, on random documents', () => {
    for (let seed = 1; seed <= 400; seed++) {
      // Whole and half seconds make exact ties common.
      const { moved, stationary, random } = randomKeys(seed, 1 + (seed % 5), seed % 2 ? 1 : 0.1)
      const shift = random.int(-20, 20) * (seed % 3 === 0 ? 0.5 : 0.37)
      const threshold = random.pick([0.2, 0.5, 1, 3])
      const fast = snapAdjustment(moved, snapIndexOf(stationary), shift, threshold)
      expect(fast, `seed ${seed}`).toBe(bruteForce(moved, stationary, shift, threshold))
    }
  })
})
