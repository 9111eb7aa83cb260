// A deterministic PRNG for property tests (the generators' mulberry32): a failing seed reproduces exactly.
import { seededRandom as sharedRandom } from '@shared/generate/seeded-random'

export interface SeededRandom {
  next(): number
  between(min: number, max: number): number
  int(min: number, maxInclusive: number): number
  pick<T>(items: readonly T[]): T
}

export function seededRandom(seed: number): SeededRandom {
  const { next, between } = sharedRandom(seed)
  return {
    next,
    between,
    int: (min, maxInclusive) => min + Math.floor(next() * (maxInclusive - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!
  }
}
