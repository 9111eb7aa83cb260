// A small seeded PRNG for the generators: the same seed gives the same numbers on every machine
// (integer arithmetic only until the final division), so the same settings give the same keys.

/** A stream of pseudo-random numbers in [0, 1) and the few distributions the generators draw from. */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform in [min, max). */
  between(min: number, max: number): number
  /** Standard normal (mean 0, standard deviation 1), by Box–Muller. */
  normal(): number
  /** Exponential with the given mean (> 0). */
  exponential(mean: number): number
  /** True with probability `p`. */
  chance(p: number): boolean
}

/** The largest seed the studio and the CLI accept: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 0xffffffff

/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit state, period 2^32, good enough statistics for
 * animation noise. `seed` is taken modulo 2^32.
 */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    between: (min, max) => min + (max - min) * next(),
    normal: () => {
      // 1 - next() lies in (0, 1], so the logarithm is finite.
      const u = 1 - next()
      const v = next()
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
    },
    exponential: (mean) => -mean * Math.log(1 - next()),
    chance: (p) => next() < p
  }
}

/**
 * A seed for one named stream of a generator (blinks, gaze, head…), from the user's seed. Each part
 * draws from its own stream, so changing one parameter (the head-motion amount) leaves the other parts
 * (the blinks) exactly as they were. FNV-1a over the name, mixed with the seed by splitmix32's finaliser.
 */
export function streamSeed(seed: number, stream: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < stream.length; i++) {
    h ^= stream.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  let z = ((seed >>> 0) ^ h) >>> 0
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return (z ^ (z >>> 16)) >>> 0
}

/** The PRNG of one named stream of `seed`. */
export function streamRandom(seed: number, stream: string): SeededRandom {
  return seededRandom(streamSeed(seed, stream))
}
