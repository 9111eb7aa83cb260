import { describe, expect, it } from 'vitest'
import { buildRendererGraph } from '../../../build/pack/renderer-graph'
import { VIEW_FIELDS, VIEW_LENGTH, viewVector } from '../../../src/shared/engine/renderer-layout'

describe('renderer view layout', () => {
  it('puts each field at its index, in the order the engine always sent them', () => {
    const view = viewVector({
      pivotX: 1,
      pivotY: 2,
      pivotZ: 3,
      cellSize: 4,
      sigma: 5,
      width: 6,
      height: 7,
      leakDepth: 8,
      gridOriginX: 9,
      gridOriginY: 10,
      textureScale: 11,
      shadowTintRed: 12,
      shadowTintGreen: 13,
      shadowTintBlue: 14
    })
    expect(view).toBeInstanceOf(Float32Array)
    expect(Array.from(view)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14])
  })

  it('covers every index of the view input once', () => {
    const indices = Object.values(VIEW_FIELDS)
      .map((f) => f.index)
      .sort((a, b) => a - b)
    expect(indices).toEqual(Array.from({ length: VIEW_LENGTH }, (_, i) => i))
    const viewSpec = buildRendererGraph().spec.inputs.find((s) => s.name === 'view')
    expect(viewSpec?.shape).toEqual([VIEW_LENGTH])
  })

  it('rounds to float32 like the positional array it replaced', () => {
    const fields = {
      pivotX: 255.3,
      pivotY: 201.7,
      pivotZ: 1 / 3,
      cellSize: 2.1,
      sigma: 0.1,
      width: 512,
      height: 512,
      leakDepth: 11.9,
      gridOriginX: 62.999,
      gridOriginY: 0,
      textureScale: 2,
      shadowTintRed: 0.7,
      shadowTintGreen: 1,
      shadowTintBlue: 1.15
    }
    expect(viewVector(fields)).toEqual(Float32Array.from(Object.values(fields)))
  })
})
