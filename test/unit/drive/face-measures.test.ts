import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { measureFace, withIrises } from '../../../src/main/core/drive/face-measures'

const meshPath = resolve(__dirname, '../../../resources/models/canonical_face_mesh.json')

describe.skipIf(!existsSync(meshPath))('face measures: gaze', () => {
  const mesh = Float32Array.from(
    (JSON.parse(readFileSync(meshPath, 'utf8')) as { vertices: number[] }).vertices
  )
  const v = (i: number): [number, number, number] => [mesh[3 * i]!, mesh[3 * i + 1]!, mesh[3 * i + 2]!]
  /** Irises at each eye's corner midpoint, shifted by (dx, dy) cm; subject's right first. */
  const irises = (dx: number, dy: number): Float32Array => {
    const out = new Float32Array(30)
    ;[
      [33, 133],
      [263, 362]
    ].forEach(([a, b], side) => {
      const c = [0, 1, 2].map((k) => (v(a!)[k]! + v(b!)[k]!) / 2)
      for (let p = 0; p < 5; p++) out.set([c[0]! + dx, c[1]! + dy, c[2]!], (5 * side + p) * 3)
    })
    return out
  }

  it('reads 0 without irises and the irises’ offset from their eyes’ corner midpoints with them', () => {
    expect(measureFace(mesh)).toMatchObject({ gazeX: 0, gazeY: 0 })
    const centred = measureFace(withIrises(mesh, irises(0, 0)))
    expect(centred.gazeX).toBeCloseTo(0, 5)
    expect(centred.gazeY).toBeCloseTo(0, 5)
    const looking = measureFace(withIrises(mesh, irises(0.3, -0.1)))
    expect(looking.gazeX).toBeCloseTo(0.3, 5)
    expect(looking.gazeY).toBeCloseTo(-0.1, 5)
    // The other measures do not change.
    expect(looking.eyeOpenL).toBe(measureFace(mesh).eyeOpenL)
  })

  it('appends the irises after the 468 landmarks, or keeps the landmarks as they are', () => {
    expect(withIrises(mesh, undefined)).toBe(mesh)
    const joined = withIrises(mesh, irises(0, 0))
    expect(joined).toHaveLength(478 * 3)
    expect(Array.from(joined.subarray(0, 468 * 3))).toEqual(Array.from(mesh))
  })
})

describe.skipIf(!existsSync(meshPath))('face measures: brow gap and nostril wings', () => {
  const mesh = Float32Array.from(
    (JSON.parse(readFileSync(meshPath, 'utf8')) as { vertices: number[] }).vertices
  )
  /** The mesh with landmarks moved by (dx, dy) cm. */
  const moved = (moves: readonly (readonly [number, number, number])[]): Float32Array => {
    const out = Float32Array.from(mesh)
    for (const [i, dx, dy] of moves) {
      out[3 * i] += dx
      out[3 * i + 1] += dy
    }
    return out
  }
  const rest = measureFace(mesh)

  it('reads the brows drawn together as a smaller gap between their inner ends, and nothing else', () => {
    // A furrow: the inner ends (upper 107 / 336, lower 55 / 285) 0.1 cm toward the middle on each side.
    const furrowed = measureFace(
      moved([
        [107, 0.1, 0],
        [55, 0.1, 0],
        [336, -0.1, 0],
        [285, -0.1, 0]
      ])
    )
    expect(rest.browGap).toBeGreaterThan(1)
    expect(furrowed.browGap - rest.browGap).toBeCloseTo(-0.2, 5)
    expect(furrowed.noseWings).toBe(rest.noseWings)
  })

  it('reads the nostril wings lifted toward the eyes as a sneer, and the brows alone as no change', () => {
    // Wings (129, 358) 0.15 cm up (canonical y is up).
    const sneer = measureFace(
      moved([
        [129, 0, 0.15],
        [358, 0, 0.15]
      ])
    )
    expect(rest.noseWings).toBeLessThan(0)
    expect(sneer.noseWings - rest.noseWings).toBeCloseTo(0.15, 5)
    expect(sneer.browGap).toBe(rest.browGap)
    const raised = measureFace(moved([107, 55, 336, 285].map((i) => [i, 0, 0.2] as const)))
    expect(raised.noseWings).toBe(rest.noseWings)
    expect(raised.browGap).toBeCloseTo(rest.browGap, 6)
  })
})
