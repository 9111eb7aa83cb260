import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  FAR_LEVEL,
  NO_DEPTH_LEVEL,
  depthOfLevel,
  depthSidecar,
  encodeSequenceDepth
} from '../../../src/main/core/export/sequence-depth'
import { sequenceDepthRange } from '../../../src/main/core/render/sequence-depth-range'

function alphas(values: number[]): Uint8Array {
  const rgba = new Uint8Array(values.length * 4)
  values.forEach((a, i) => (rgba[4 * i + 3] = a))
  return rgba
}

const RANGE = { nearPx: -100, farPx: 200 }

describe('the depth pass of an image sequence', () => {
  it('maps near to 65535, far to 1 and the background (alpha 0) to 0, whatever its depth', () => {
    const levels = encodeSequenceDepth(
      Float32Array.from([-100, 200, 50, 50]),
      alphas([255, 255, 255, 0]),
      RANGE
    )
    expect(Array.from(levels)).toEqual([65535, FAR_LEVEL, 1 + Math.round(65534 / 2), NO_DEPTH_LEVEL])
  })

  it('does not weight the level by alpha: a soft edge keeps its depth', () => {
    const levels = encodeSequenceDepth(Float32Array.from([50, 50]), alphas([255, 3]), RANGE)
    expect(levels[1]).toBe(levels[0])
  })

  it('clamps depths outside the range into it, and never to the no-depth level', () => {
    const levels = encodeSequenceDepth(
      Float32Array.from([-1e6, 1e6, Number.NaN]),
      alphas([255, 255, 255]),
      RANGE
    )
    expect(Array.from(levels)).toEqual([65535, FAR_LEVEL, NO_DEPTH_LEVEL])
  })

  it('is the same level for the same depth in every frame (a fixed range, not per frame)', () => {
    const a = encodeSequenceDepth(Float32Array.from([10, 20]), alphas([255, 255]), RANGE)
    const b = encodeSequenceDepth(Float32Array.from([10, 150]), alphas([255, 255]), RANGE)
    expect(b[0]).toBe(a[0])
  })

  it('reads back within half a level: depthOfLevel inverts it', () => {
    const step = (RANGE.farPx - RANGE.nearPx) / 65534
    fc.assert(
      fc.property(fc.double({ min: RANGE.nearPx, max: RANGE.farPx, noNaN: true }), (d) => {
        const [level] = encodeSequenceDepth(Float32Array.of(d), alphas([255]), RANGE)
        const back = depthOfLevel(level!, RANGE)
        expect(back).not.toBeNull()
        expect(Math.abs(back! - Math.fround(d))).toBeLessThanOrEqual(step / 2 + 1e-9)
      })
    )
    expect(depthOfLevel(0, RANGE)).toBeNull()
  })

  it('refuses mismatched buffers and an empty range', () => {
    expect(() => encodeSequenceDepth(new Float32Array(2), new Uint8Array(4), RANGE)).toThrow(RangeError)
    expect(() =>
      encodeSequenceDepth(new Float32Array(1), new Uint8Array(4), { nearPx: 5, farPx: 5 })
    ).toThrow(RangeError)
  })

  it('describes its encoding in the sidecar so it can be inverted', () => {
    const sidecar = depthSidecar(
      { ...RANGE, sourceWidth: 512, sourceHeight: 640 },
      {
        depthPattern: 'shot_depth_%05d.png',
        colourPattern: 'shot_%05d.png',
        frameCount: 3,
        fps: 24,
        width: 64,
        height: 64
      }
    )
    expect(sidecar).toMatchObject({
      frames: 'shot_depth_%05d.png',
      colourFrames: 'shot_%05d.png',
      firstFrame: 1,
      frameCount: 3,
      nearPx: -100,
      farPx: 200,
      noDepthLevel: 0,
      farLevel: 1,
      nearLevel: 65535,
      sourceWidth: 512
    })
    expect(sidecar.decode).toMatch(/farPx − \(L − 1\) \/ 65534 × \(farPx − nearPx\)/)
  })
})

describe('sequenceDepthRange', () => {
  it('spans the pivot depth ± the farthest neutral point from the pivot, with room for expressions', () => {
    // Two points: one 30 px to the right of the pivot, one 40 px nearer than it.
    const features = Float32Array.from([130, 100, 100, 100, 50, 10])
    const range = sequenceDepthRange({
      features,
      pointCount: 2,
      pivot: [100, 100, 50],
      width: 512,
      height: 512
    })
    expect(range).toEqual({ nearPx: 0, farPx: 100, sourceWidth: 512, sourceHeight: 512 })
  })
})
