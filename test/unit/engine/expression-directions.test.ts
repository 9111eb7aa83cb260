import { describe, expect, it } from 'vitest'
import {
  BUILTIN_EXPRESSION_DIRECTIONS,
  directionMin,
  expressionCode,
  expressionDirectionSpecSchema
} from '../../../src/shared/engine'

describe('expression direction ranges', () => {
  it('makes the directions without a natural opposite one-sided, and keeps the others signed', () => {
    const oneSided = BUILTIN_EXPRESSION_DIRECTIONS.filter((d) => d.oneSided === true).map((d) => d.name)
    expect(oneSided.sort()).toEqual([
      'blinkL',
      'blinkR',
      'browFurrow',
      'jawOpen',
      'noseSneer',
      'upperLipRaise'
    ])
    for (const d of BUILTIN_EXPRESSION_DIRECTIONS) expect(expressionDirectionSpecSchema.parse(d)).toEqual(d)
    expect(directionMin({ oneSided: true })).toBe(0)
    expect(directionMin({})).toBe(-1)
  })

  it('clamps a code to each direction’s range: one-sided below 0 renders as 0, signed ones keep -1..1', () => {
    const directions = [
      { name: 'jawOpen', oneSided: true },
      { name: 'smile' },
      { name: 'blinkL', oneSided: true }
    ]
    expect(Array.from(expressionCode(directions, { jawOpen: -0.6, smile: -0.6, blinkL: 1.7 }))).toEqual([
      0,
      expect.closeTo(-0.6, 6),
      1
    ])
    expect(Array.from(expressionCode(directions, { smile: Number.NaN, jawOpen: 0.25 }))).toEqual([0.25, 0, 0])
  })

  it('adds what a direction carries on its positive side only, quadratically, clamped to the carried direction’s range', () => {
    const directions = [
      { name: 'smile', carries: [{ direction: 'squint', atFull: 0.4 }] },
      { name: 'squint' },
      { name: 'jawOpen', oneSided: true }
    ]
    const code = (values: Record<string, number>): number[] => Array.from(expressionCode(directions, values))
    // It sets in quadratically: a half smile carries a quarter of what a full one does.
    expect(code({ smile: 0.5 })).toEqual([0.5, expect.closeTo(0.1, 6), 0])
    // The smile's opposite carries nothing: corners down do not raise the cheeks.
    expect(code({ smile: -1 })).toEqual([-1, 0, 0])
    expect(code({ smile: 1, squint: -0.5 })).toEqual([1, expect.closeTo(-0.1, 6), 0])
    expect(code({ smile: 1, squint: 0.8 })).toEqual([1, 1, 0])
    // The keyed value is clamped before it carries: 3 carries what 1 does.
    expect(code({ smile: 3 })).toEqual([1, expect.closeTo(0.4, 6), 0])
  })

  it('has the built-in smile carry the cheek raise (squint) and nothing else carry anything', () => {
    const carrying = BUILTIN_EXPRESSION_DIRECTIONS.filter((d) => d.carries != null)
    expect(carrying.map((d) => [d.name, d.carries!.map((c) => c.direction)])).toEqual([['smile', ['squint']]])
  })
})
