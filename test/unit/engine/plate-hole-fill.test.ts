import { describe, expect, it } from 'vitest'
import { fillPlateHole } from '../../../src/main/core/engine/avatar/plate-hole-fill'
import { pushPullFill } from '../../../src/main/core/engine/avatar/push-pull-fill'
import { seededRandom } from '../timeline/seeded-random'

// 160 x 160 px at 5 px per cm: a green, grainy background; a head-shaped hole (disc of radius 30 px around
// (80, 70)) whose rim (the outer 2 px) is the person layer's soft edge, not target; below it a red torso that is
// known plate but the person, from the hole's lower part down to the frame's bottom.
const W = 160
const H = 160
const SCALE = 5
const HEAD: readonly [number, number] = [80, 70]

function portraitPlate() {
  const prng = seededRandom(3)
  const plate = new Float32Array(3 * W * H)
  const known = new Float32Array(W * H)
  const target = new Uint8Array(W * H)
  const person = new Float32Array(W * H)
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x
      const d = Math.hypot(x - HEAD[0], y - HEAD[1])
      const torso = y > 88 && Math.abs(x - 80) < 50
      const grain = 0.2 * (prng.next() - 0.5)
      const rgb = torso ? [0.9, 0.1, 0.1] : [0.2 + grain, 0.5 + grain, 0.25 + grain]
      for (let c = 0; c < 3; c++) plate[c * W * H + i] = rgb[c]!
      known[i] = d < 30 ? 0 : 1
      target[i] = d < 28 ? 1 : 0
      person[i] = d < 30 || torso ? 1 : 0
    }
  }
  pushPullFill(plate, known, W, H, 3)
  return { plate, known, target, person }
}

const redness = (plate: Float32Array, i: number): number => plate[i]! - plate[W * H + i]!

describe('fillPlateHole', () => {
  it('textures the hole from the background only, never from the person (the torso)', () => {
    const { plate, known, target, person } = portraitPlate()
    // Push-pull bleeds the torso's red into the hole's lower part.
    const lowest = 97 * W + 80
    expect(redness(plate, lowest)).toBeGreaterThan(0)
    expect(fillPlateHole(plate, known, target, person, W, H, SCALE)).toBe('patch-match')
    for (let i = 0; i < W * H; i++) {
      if (target[i]) expect(redness(plate, i)).toBeLessThan(-0.1)
    }
    // The background's grain carries into the hole.
    let s = 0
    let s2 = 0
    let n = 0
    for (let y = 50; y < 90; y++) {
      for (let x = 60; x < 100; x++) {
        const v = plate[W * H + y * W + x]!
        s += v
        s2 += v * v
        n++
      }
    }
    const grainSd = 0.2 / Math.sqrt(12)
    expect(Math.sqrt(s2 / n - (s / n) ** 2)).toBeGreaterThan(0.75 * grainSd)
  })

  it('writes only the target pixels of the hole, and is deterministic', () => {
    const a = portraitPlate()
    const before = a.plate.slice()
    fillPlateHole(a.plate, a.known, a.target, a.person, W, H, SCALE)
    for (let i = 0; i < W * H; i++) {
      if (a.target[i] && !(a.known[i]! > 0)) continue
      for (let c = 0; c < 3; c++) expect(a.plate[c * W * H + i]).toBe(before[c * W * H + i])
    }
    const b = portraitPlate()
    fillPlateHole(b.plate, b.known, b.target, b.person, W, H, SCALE)
    expect(b.plate).toEqual(a.plate)
  })

  it('textures only as deep as a turn can uncover and push-pulls the rest from the textured band', () => {
    // At 1 px per cm the 30 px hole is 30 cm across: beyond 6 cm from its edge no texture is synthesised.
    const { plate, known, target, person } = portraitPlate()
    fillPlateHole(plate, known, target, person, W, H, 1)
    const centre = HEAD[1] * W + HEAD[0]
    const neighbours = [centre - 1, centre + 1, centre - W, centre + W]
    for (const j of neighbours)
      expect(Math.abs(plate[W * H + j]! - plate[W * H + centre]!)).toBeLessThan(0.01)
  })

  it('falls back to the mirrored detail where there is no background to copy', () => {
    const { plate, known, target } = portraitPlate()
    const everyone = new Float32Array(W * H).fill(1)
    expect(fillPlateHole(plate, known, target, everyone, W, H, SCALE)).toBe('mirrored-detail')
    expect(fillPlateHole(plate, known, new Uint8Array(W * H), null, W, H, SCALE)).toBe('none')
  })
})
