import { describe, expect, it } from 'vitest'
import { BUILTIN_EXPRESSION_DIRECTIONS } from '../../../src/shared/engine/expression-directions'
import {
  ARKIT_BLENDSHAPES,
  ARKIT_MAPPING,
  arkitFrame,
  arkitLayout,
  extraColumnName,
  liveLinkName,
  type ArkitBlendshape
} from '../../../src/shared/export/arkit-mapping'
import { rigCurvesCsvHeader } from '../../../src/shared/export/rig-curves-csv'

const layout = arkitLayout(BUILTIN_EXPRESSION_DIRECTIONS)

/** The ARKit shapes above 0 for `values`, with their weights. */
function driven(values: Record<string, number>): Partial<Record<ArkitBlendshape, number>> {
  const { shapes } = arkitFrame(layout, values)
  const out: Partial<Record<ArkitBlendshape, number>> = {}
  ARKIT_BLENDSHAPES.forEach((name, i) => {
    if (shapes[i]! > 0) out[name] = shapes[i]!
  })
  return out
}

describe('ARKit blendshape names', () => {
  it("are Apple's 52, each once, in Apple's order", () => {
    expect(ARKIT_BLENDSHAPES).toHaveLength(52)
    expect(new Set(ARKIT_BLENDSHAPES).size).toBe(52)
    expect(ARKIT_BLENDSHAPES.slice(0, 7)).toEqual([
      'eyeBlinkLeft',
      'eyeLookDownLeft',
      'eyeLookInLeft',
      'eyeLookOutLeft',
      'eyeLookUpLeft',
      'eyeSquintLeft',
      'eyeWideLeft'
    ])
    expect(ARKIT_BLENDSHAPES.indexOf('jawForward')).toBe(14)
    expect(ARKIT_BLENDSHAPES.indexOf('mouthClose')).toBe(18)
    expect(ARKIT_BLENDSHAPES.indexOf('browDownLeft')).toBe(41)
    expect(ARKIT_BLENDSHAPES.indexOf('cheekPuff')).toBe(46)
    expect(ARKIT_BLENDSHAPES[51]).toBe('tongueOut')
  })

  it('appear exactly once each in the CSV columns, capitalised as Live Link Face writes them', () => {
    const header = rigCurvesCsvHeader(layout.extraNames)
    for (const name of ARKIT_BLENDSHAPES) {
      expect(header.filter((c) => c === liveLinkName(name))).toHaveLength(1)
    }
    expect(header.slice(2, 54)).toEqual(ARKIT_BLENDSHAPES.map(liveLinkName))
    expect(liveLinkName('eyeBlinkLeft')).toBe('EyeBlinkLeft')
    expect(new Set(header).size).toBe(header.length)
  })
})

describe('the mapping of the built-in directions', () => {
  it('has one row for every side of every direction: both sides of a two-sided one, + of a one-sided one', () => {
    for (const d of BUILTIN_EXPRESSION_DIRECTIONS) {
      const sides = ARKIT_MAPPING.filter((m) => m.direction === d.name).map((m) => m.side)
      expect(sides.sort(), d.name).toEqual(d.oneSided ? ['pos'] : ['neg', 'pos'])
    }
    expect(ARKIT_MAPPING).toHaveLength(12 * 2 + 6)
    const names = new Set(BUILTIN_EXPRESSION_DIRECTIONS.map((d) => d.name))
    for (const m of ARKIT_MAPPING) expect(names.has(m.direction), m.direction).toBe(true)
  })

  it('maps every side or carries it as an extra column, and nothing else', () => {
    const unmapped = ARKIT_MAPPING.filter((m) => m.targets.length === 0).map((m) =>
      extraColumnName(m.direction, m.side)
    )
    expect(layout.extraNames).toEqual(unmapped)
    expect(layout.extraNames).toContain('mimesis.lipsPress.neg')
    for (const m of ARKIT_MAPPING) {
      const value = m.side === 'pos' ? 1 : -1
      const frame = arkitFrame(layout, { [m.direction]: value })
      const total = frame.shapes.reduce((a, b) => a + b, 0) + frame.extra.reduce((a, b) => a + b, 0)
      expect(total, `${m.direction} ${m.side}`).toBeGreaterThan(0)
    }
  })

  it('drives the shapes its sides name: smile + smiles, smile - frowns', () => {
    expect(driven({ smile: 1 })).toEqual({ mouthSmileLeft: 1, mouthSmileRight: 1 })
    expect(driven({ smile: -0.5 })).toEqual({ mouthFrownLeft: 0.5, mouthFrownRight: 0.5 })
    expect(driven({ jawOpen: 0.3 })).toEqual({ jawOpen: 0.3 })
    expect(driven({ browInnerUp: 1 })).toEqual({ browInnerUp: 1 })
    expect(driven({ browFurrow: 1 })).toEqual({ browDownLeft: 1, browDownRight: 1 })
    expect(driven({ pucker: 1 })).toEqual({ mouthPucker: 1 })
    expect(driven({ noseSneer: 0.4 })).toEqual({ noseSneerLeft: 0.4, noseSneerRight: 0.4 })
  })

  it("blinkL closes ARKit Left (the subject's left eye), blinkR ARKit Right", () => {
    expect(driven({ blinkL: 1 })).toEqual({ eyeBlinkLeft: 1 })
    expect(driven({ blinkR: 1 })).toEqual({ eyeBlinkRight: 1 })
  })

  it("jawSideways + (the jaw to the subject's left) is jawLeft, - is jawRight", () => {
    expect(driven({ jawSideways: 0.6 })).toEqual({ jawLeft: 0.6 })
    expect(driven({ jawSideways: -0.6 })).toEqual({ jawRight: 0.6 })
  })

  it("gazeHorizontal + (irises to the subject's left): the left eye looks out, the right eye in", () => {
    expect(driven({ gazeHorizontal: 1 })).toEqual({ eyeLookOutLeft: 1, eyeLookInRight: 1 })
    expect(driven({ gazeHorizontal: -1 })).toEqual({ eyeLookInLeft: 1, eyeLookOutRight: 1 })
  })

  it('gazeVertical + looks up with both eyes, - down', () => {
    expect(driven({ gazeVertical: 0.5 })).toEqual({ eyeLookUpLeft: 0.5, eyeLookUpRight: 0.5 })
    expect(driven({ gazeVertical: -0.5 })).toEqual({ eyeLookDownLeft: 0.5, eyeLookDownRight: 0.5 })
  })

  it('keeps 0..1 whatever the input: sums clamp, one-sided negatives are 0, NaN is 0', () => {
    expect(driven({ smile: -1, frown: 1 })).toEqual({
      mouthFrownLeft: 1,
      mouthFrownRight: 1,
      mouthShrugLower: 0.5
    })
    expect(driven({ blinkL: -1, jawOpen: -0.5 })).toEqual({})
    expect(driven({ smile: 7 })).toEqual({ mouthSmileLeft: 1, mouthSmileRight: 1 })
    expect(driven({ smile: Number.NaN })).toEqual({})
    let seed = 7
    const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 6 - 3
    for (let n = 0; n < 200; n++) {
      const values = Object.fromEntries(BUILTIN_EXPRESSION_DIRECTIONS.map((d) => [d.name, random()]))
      const { shapes, extra } = arkitFrame(layout, values)
      for (const v of [...shapes, ...extra]) {
        expect(v).toBeGreaterThanOrEqual(0)
        expect(v).toBeLessThanOrEqual(1)
      }
    }
  })

  it('carries a negative side without an ARKit shape in its extra column', () => {
    const frame = arkitFrame(layout, { lipsPress: -0.7 })
    expect(frame.shapes.every((v) => v === 0)).toBe(true)
    expect(frame.extra[layout.extraNames.indexOf('mimesis.lipsPress.neg')]).toBeCloseTo(0.7, 12)
  })

  it("carries a direction the table does not know (another pack's) whole, both sides", () => {
    const other = arkitLayout([...BUILTIN_EXPRESSION_DIRECTIONS, { name: 'cheekPuffUp' }])
    expect(other.extraNames.slice(-2)).toEqual(['mimesis.cheekPuffUp.pos', 'mimesis.cheekPuffUp.neg'])
    const frame = arkitFrame(other, { cheekPuffUp: -0.25 })
    expect(Array.from(frame.extra.slice(-2))).toEqual([0, 0.25])
  })
})
