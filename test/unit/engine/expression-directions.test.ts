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
})
