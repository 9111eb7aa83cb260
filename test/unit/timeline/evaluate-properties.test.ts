// Property tests over random tracks, with a seeded generator so a failure reproduces from its seed.
import { describe, expect, it } from 'vitest'
import {
  type BezierHandles,
  type CameraParam,
  type Interpolation,
  type Keyframe,
  type TrackDefinition,
  CAMERA_TRACK_DEFINITIONS,
  EXPRESSION_TRACK_DEFINITION,
  INTERPOLATIONS,
  evaluateKeys,
  keyId,
  seconds
} from '@shared/timeline'
import { type SeededRandom, seededRandom } from './seeded-random'

const FPS = 30
const RUNS = 200

const DEFINITIONS: TrackDefinition[] = [
  EXPRESSION_TRACK_DEFINITION,
  ...(['yaw', 'pitch', 'roll', 'zoom', 'panX', 'panY'] as CameraParam[]).map(
    (p) => CAMERA_TRACK_DEFINITIONS[p]
  )
]

interface RandomTrack {
  definition: TrackDefinition
  keys: Keyframe[]
}

function randomHandles(rnd: SeededRandom, span: number): BezierHandles {
  return {
    out: { dt: rnd.next(), dv: rnd.between(-span, span) },
    in: { dt: rnd.next(), dv: rnd.between(-span, span) }
  }
}

function randomTrack(
  rnd: SeededRandom,
  interpolations: readonly Interpolation[] = INTERPOLATIONS
): RandomTrack {
  const definition = rnd.pick(DEFINITIONS)
  const { min, max } = definition.range
  const count = rnd.int(1, 12)
  const framesUsed = new Set<number>()
  while (framesUsed.size < count) framesUsed.add(rnd.int(0, 300))
  const keys = [...framesUsed]
    .sort((a, b) => a - b)
    .map((frame, i): Keyframe => {
      const interpolation = rnd.pick(interpolations)
      return {
        id: keyId(`k${i}`),
        time: seconds(frame / FPS),
        value: rnd.between(min, max),
        interpolation,
        ...(interpolation === 'bezier' && rnd.next() < 0.7 ? { handles: randomHandles(rnd, max - min) } : {})
      }
    })
  return { definition, keys }
}

function forEachSeed(body: (rnd: SeededRandom, seed: number) => void): void {
  for (let seed = 1; seed <= RUNS; seed++) {
    try {
      body(seededRandom(seed), seed)
    } catch (error) {
      throw new Error(`property failed for seed ${seed}: ${String(error)}`, { cause: error })
    }
  }
}

describe('evaluate properties', () => {
  it('the value at a key equals the key', () => {
    forEachSeed((rnd) => {
      const { definition, keys } = randomTrack(rnd)
      for (const k of keys) expect(evaluateKeys(keys, k.time, definition)).toBe(k.value)
    })
  })

  it('hold stays constant until the next key', () => {
    forEachSeed((rnd) => {
      const { definition, keys } = randomTrack(rnd, ['hold'])
      for (let i = 0; i + 1 < keys.length; i++) {
        const a = keys[i]!
        const b = keys[i + 1]!
        for (let s = 0; s < 10; s++) {
          const t = seconds(a.time + (b.time - a.time) * rnd.next() * 0.999999)
          expect(evaluateKeys(keys, t, definition)).toBe(a.value)
        }
      }
    })
  })

  it('is clamped to the first / last key outside the keyed range', () => {
    forEachSeed((rnd) => {
      const { definition, keys } = randomTrack(rnd)
      const first = keys[0]!
      const last = keys[keys.length - 1]!
      expect(evaluateKeys(keys, seconds(first.time - rnd.between(1e-9, 100)), definition)).toBe(first.value)
      expect(evaluateKeys(keys, seconds(last.time + rnd.between(1e-9, 100)), definition)).toBe(last.value)
    })
  })

  it('always stays within the track range', () => {
    forEachSeed((rnd) => {
      const { definition, keys } = randomTrack(rnd)
      for (let s = 0; s < 50; s++) {
        const v = evaluateKeys(keys, seconds(rnd.between(-1, 11)), definition)
        expect(v).toBeGreaterThanOrEqual(definition.range.min)
        expect(v).toBeLessThanOrEqual(definition.range.max)
      }
    })
  })

  it('is continuous for non-hold interpolations (small dt gives small dv), across keys too', () => {
    const smooth: Interpolation[] = ['linear', 'easeIn', 'easeOut', 'easeInOut', 'bezier']
    forEachSeed((rnd) => {
      const { definition, keys } = randomTrack(rnd, smooth)
      const span = definition.range.max - definition.range.min
      const dt = 1e-7
      const probes = [
        ...keys.map((k) => k.time as number),
        ...Array.from({ length: 30 }, () => rnd.between(0, 10))
      ]
      for (const t of probes) {
        const before = evaluateKeys(keys, seconds(t - dt), definition)
        const after = evaluateKeys(keys, seconds(t + dt), definition)
        // A zero-length handle with a value offset has a vertical tangent: |dv| ~ sqrt(dt), still small.
        expect(Math.abs(after - before)).toBeLessThan(0.01 * span)
      }
    })
  })

  it('easings and bezier with handles inside the endpoint range stay within the endpoints', () => {
    forEachSeed((rnd) => {
      const { definition, keys } = randomTrack(rnd, ['easeIn', 'easeOut', 'easeInOut', 'bezier', 'linear'])
      const tamed = keys.map((k, i): Keyframe => {
        const next = keys[i + 1]
        if (k.interpolation !== 'bezier' || !next) return k
        const lo = Math.min(k.value, next.value)
        const hi = Math.max(k.value, next.value)
        // Control values P1 = v0 + out.dv and P2 = v1 + in.dv inside [lo, hi]: convex hull property.
        const handles: BezierHandles = {
          out: { dt: rnd.next(), dv: rnd.between(lo, hi) - k.value },
          in: { dt: rnd.next(), dv: rnd.between(lo, hi) - next.value }
        }
        return { ...k, handles }
      })
      for (let i = 0; i + 1 < tamed.length; i++) {
        const a = tamed[i]!
        const b = tamed[i + 1]!
        const lo = Math.min(a.value, b.value) - 1e-9
        const hi = Math.max(a.value, b.value) + 1e-9
        for (let s = 0; s <= 20; s++) {
          const v = evaluateKeys(tamed, seconds(a.time + ((b.time - a.time) * s) / 20), definition)
          expect(v).toBeGreaterThanOrEqual(lo)
          expect(v).toBeLessThanOrEqual(hi)
        }
      }
    })
  })

  it('default bezier handles and easings are monotonic between their keys', () => {
    forEachSeed((rnd) => {
      const { definition, keys } = randomTrack(rnd, ['easeIn', 'easeOut', 'easeInOut', 'bezier'])
      const plain = keys.map((k): Keyframe => ({
        id: k.id,
        time: k.time,
        value: k.value,
        interpolation: k.interpolation
      }))
      for (let i = 0; i + 1 < plain.length; i++) {
        const a = plain[i]!
        const b = plain[i + 1]!
        const sign = Math.sign(b.value - a.value)
        let previous = a.value
        for (let s = 1; s <= 20; s++) {
          const v = evaluateKeys(plain, seconds(a.time + ((b.time - a.time) * s) / 20), definition)
          expect((v - previous) * sign).toBeGreaterThanOrEqual(-1e-9)
          previous = v
        }
      }
    })
  })
})
