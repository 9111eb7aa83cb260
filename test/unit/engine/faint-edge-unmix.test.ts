import { describe, expect, it } from 'vitest'
import { unmixFaintEdge } from '../../../src/main/core/engine/avatar/faint-edge-unmix'

describe('unmixFaintEdge', () => {
  // One row of 8 px: a red person (alpha 1) fading out over a grey background: alpha 1, 1, 1, 0.25, 0.1, 0, 0, 0.
  const w = 8
  const alpha = Float32Array.from([1, 1, 1, 0.25, 0.1, 0, 0, 0])
  const person = [1, 0, 0]
  const background = [0.5, 0.5, 0.5]
  const source = (): Float32Array => {
    const s = new Float32Array(3 * w)
    for (let i = 0; i < w; i++) {
      for (let c = 0; c < 3; c++) s[c * w + i] = alpha[i]! * person[c]! + (1 - alpha[i]!) * background[c]!
    }
    return s
  }

  it("takes the person's share out of the plate at the faint edge and keeps the source camera's render exact", () => {
    const texture = source()
    const plate = source()
    unmixFaintEdge(texture, plate, alpha, new Uint8Array(w), w, 1, 0.3)
    for (const i of [3, 4]) {
      for (let c = 0; c < 3; c++) {
        // the plate shows the background there, the layer the person's colour
        expect(plate[c * w + i]).toBeCloseTo(background[c]!, 5)
        expect(texture[c * w + i]).toBeCloseTo(person[c]!, 5)
        // L F + (1 - L) B is still the source
        const render = alpha[i]! * texture[c * w + i]! + (1 - alpha[i]!) * plate[c * w + i]!
        expect(render).toBeCloseTo(source()[c * w + i]!, 5)
      }
    }
    // the strong layer and the background are untouched
    expect(Array.from(plate.subarray(0, 3))).toEqual(Array.from(source().subarray(0, 3)))
    expect(plate[5]).toBeCloseTo(0.5, 6)
  })

  it('leaves wisps, which are un-mixed by their own matte, alone', () => {
    const texture = source()
    const plate = source()
    unmixFaintEdge(texture, plate, alpha, Uint8Array.from([0, 0, 0, 1, 1, 0, 0, 0]), w, 1, 0.3)
    expect(Array.from(plate)).toEqual(Array.from(source()))
    expect(Array.from(texture)).toEqual(Array.from(source()))
  })
})
