// Smooth, band-limited noise for slow motions (head drift, breathing, expression drift): a sum of a few
// sinusoids with random frequencies in a band and random phases. Deterministic from the PRNG, with a
// hard bound: |value| ≤ amplitude everywhere, because the weights sum to 1.
import { type SeededRandom } from './seeded-random'

export interface SmoothNoise {
  /** The value at `t` seconds; always within ±amplitude. */
  at(t: number): number
}

export interface SmoothNoiseBand {
  /** Lowest and highest component frequency, Hz. */
  readonly minHz: number
  readonly maxHz: number
  /** Bound of the sum, in the value's units. */
  readonly amplitude: number
  /** Number of sinusoids (default 4). */
  readonly components?: number
}

export function smoothNoise(random: SeededRandom, band: SmoothNoiseBand): SmoothNoise {
  const count = band.components ?? 4
  const parts: { hz: number; phase: number; weight: number }[] = []
  for (let i = 0; i < count; i++) {
    // Log-uniform frequencies; lower ones weigh more (1/f-like), as slow drift dominates real head motion.
    const hz = band.minHz * (band.maxHz / band.minHz) ** random.next()
    parts.push({ hz, phase: random.between(0, 2 * Math.PI), weight: 1 / Math.sqrt(hz) })
  }
  const total = parts.reduce((sum, part) => sum + part.weight, 0)
  const scale = total > 0 ? band.amplitude / total : 0
  return {
    at: (t) => {
      let sum = 0
      for (const part of parts) sum += part.weight * Math.sin(2 * Math.PI * part.hz * t + part.phase)
      return sum * scale
    }
  }
}
