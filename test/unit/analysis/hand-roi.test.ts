import { describe, expect, it } from 'vitest'
import { palmToHandRect } from '../../../src/main/core/analysis/hand-roi'
import type { RawDetection } from '../../../src/main/core/analysis/raw-detection'

/** A 40 px palm box centred at (100, 200) with the wrist at `wrist` and the middle finger's MCP at `mcp`. */
function palm(wrist: [number, number], mcp: [number, number]): RawDetection {
  const keypoints = [...wrist, 0, 0, ...mcp, 0, 0, 0, 0, 0, 0, 0, 0]
  return { xMin: 80, yMin: 180, width: 40, height: 40, score: 0.9, keypoints }
}

describe('palmToHandRect (MediaPipe palm -> hand crop)', () => {
  it('keeps an upright hand upright and moves the crop half a box toward the fingers', () => {
    const r = palmToHandRect(palm([100, 215], [100, 190]))
    expect(r.rotation).toBeCloseTo(0, 9)
    expect(r.xCenter).toBeCloseTo(100, 9)
    expect(r.yCenter).toBeCloseTo(200 - 20, 9) // up, toward the fingers
    expect(r.width).toBeCloseTo(40 * 2.6, 9)
    expect(r.height).toBeCloseTo(40 * 2.6, 9)
  })

  it('turns the crop with a hand whose fingers point right, and shifts it to the right', () => {
    const r = palmToHandRect(palm([85, 200], [110, 200]))
    // fingers along +x: the crop's up (-y) axis must map to +x, a quarter turn clockwise on screen
    expect(r.rotation).toBeCloseTo(Math.PI / 2, 9)
    expect(r.xCenter).toBeCloseTo(100 + 20, 9)
    expect(r.yCenter).toBeCloseTo(200, 9)
  })
})
