import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  FITTED_DIRECTIONS,
  FITTED_DIRECTIONS_FORMAT,
  parseFittedDirections
} from '../../../src/main/core/engine/expression/fitted-directions'
import { BUILTIN_EXPRESSION_DIRECTIONS } from '../../../src/shared/engine/expression-directions'

const jsonPath = resolve(__dirname, '../../../src/main/core/engine/expression/fitted-directions.json')

describe('fitted-directions.json (written by npm run fit:expressions)', () => {
  const raw: unknown = JSON.parse(readFileSync(jsonPath, 'utf8'))

  it('is loaded and validated against the script’s format', () => {
    expect(FITTED_DIRECTIONS.format).toBe(FITTED_DIRECTIONS_FORMAT)
    expect(parseFittedDirections(raw)).toEqual(FITTED_DIRECTIONS)
  })

  it('covers every built-in skin direction once, fits some and says why the others stay authored', () => {
    const names = FITTED_DIRECTIONS.directions.map((d) => d.name)
    // Gaze moves the eyeballs, not the mesh (expression/gaze-directions.ts): there is no skin field to fit.
    const skin = BUILTIN_EXPRESSION_DIRECTIONS.filter((d) => d.region !== 'gaze')
    expect([...names].sort()).toEqual(skin.map((d) => d.name).sort())
    const fitted = FITTED_DIRECTIONS.directions.filter((d) => d.shape === 'fitted')
    expect(fitted.length).toBeGreaterThanOrEqual(8)
    for (const d of FITTED_DIRECTIONS.directions) {
      if (d.shape === 'authored') {
        expect(d.reason!.length).toBeGreaterThan(20)
        expect(d.field).toBeUndefined()
        expect(d.amplitude).toBeNull()
      } else {
        expect(d.field).toHaveLength(468 * 3)
        // Rounded to 1e-4 cm.
        for (const v of d.field!) expect(Math.abs(v * 1e4 - Math.round(v * 1e4))).toBeLessThan(1e-6)
        expect(d.amplitude!).toBeGreaterThanOrEqual(d.p95.plus)
        expect(d.cosAuthored).toBeGreaterThanOrEqual(Number(FITTED_DIRECTIONS.parameters['minCosine']))
      }
    }
  })

  it('names the clips it came from and holds derived numbers only', () => {
    expect(FITTED_DIRECTIONS.clips.length).toBeGreaterThan(0)
    for (const c of FITTED_DIRECTIONS.clips) {
      expect(c.file).toMatch(/\.mp4$/)
      expect(c.used).toBeLessThanOrEqual(c.tracked)
      expect(c.tracked).toBeLessThanOrEqual(c.frames)
    }
    expect(FITTED_DIRECTIONS.framesUsed).toBe(FITTED_DIRECTIONS.clips.reduce((a, c) => a + c.used, 0))
    // 16 fields at most, nothing per frame: stays small.
    expect(readFileSync(jsonPath).length).toBeLessThan(200_000)
  })

  it('rejects a fitted direction without a field, a field of the wrong size, and an unexplained authored one', () => {
    const valid = JSON.parse(JSON.stringify(raw)) as { directions: Record<string, unknown>[] }
    const fittedIndex = valid.directions.findIndex((d) => d['shape'] === 'fitted')
    const authoredIndex = valid.directions.findIndex((d) => d['shape'] === 'authored')
    const broken = (edit: (d: { directions: Record<string, unknown>[] }) => void): unknown => {
      const copy = JSON.parse(JSON.stringify(valid)) as { directions: Record<string, unknown>[] }
      edit(copy)
      return copy
    }
    expect(() => parseFittedDirections(broken((c) => delete c.directions[fittedIndex]!['field']))).toThrow()
    expect(() =>
      parseFittedDirections(broken((c) => (c.directions[fittedIndex]!['field'] = [0, 1, 2])))
    ).toThrow()
    expect(() =>
      parseFittedDirections(broken((c) => delete c.directions[authoredIndex]!['reason']))
    ).toThrow()
    expect(() => parseFittedDirections({ ...valid, format: 'something else' })).toThrow()
  })
})
