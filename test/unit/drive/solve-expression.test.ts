import { describe, expect, it } from 'vitest'
import type { AvatarCalibration } from '../../../src/main/core/drive/calibrate-avatar'
import { FACE_MEASURE_NAMES, type FaceMeasureName } from '../../../src/main/core/drive/face-measures'
import { createExpressionSolver, SOLVER_INPUT_LENGTH } from '../../../src/main/core/drive/solve-expression'

const VERTICES = 468

/** Face-measure changes (cm) by name, as a measures row. */
function measures(values: Partial<Record<FaceMeasureName, number>>): Float32Array {
  return Float32Array.from(FACE_MEASURE_NAMES, (name) => values[name] ?? 0)
}

/**
 * A calibration whose directions move only the face measures (no landmark rows), read as on lp_s42: the analysis
 * reads the left eye's blink at about half of the right's, and eyesWide's −1 narrows both eyes.
 */
function eyeCalibration(): AvatarCalibration {
  const none = new Float32Array(VERTICES * 2)
  return {
    names: ['blinkL', 'blinkR', 'eyesWide'],
    regions: ['eyes', 'eyes', 'eyes'],
    plus: [none, none, none],
    minus: [none, none, none],
    plusMeasures: [
      measures({ eyeOpenL: -0.55, browL: 0.35 }),
      measures({ eyeOpenR: -1, browR: 0.26 }),
      measures({ eyeOpenL: 0.3, eyeOpenR: 0.35 })
    ],
    minusMeasures: [measures({}), measures({}), measures({ eyeOpenL: -0.38, eyeOpenR: -0.49 })],
    oneSided: [true, true, false],
    weights: new Float64Array(VERTICES).fill(1 / VERTICES),
    poseGain: [1, 1, 1]
  }
}

/** A driver's change with only these face-measure changes (cm). */
function driverChange(values: Partial<Record<FaceMeasureName, number>>): Float32Array {
  const r = new Float32Array(SOLVER_INPUT_LENGTH)
  r.set(measures(values), VERTICES * 2)
  return r
}

const solveOnce = (r: Float32Array, options: { blinkTie?: number } = {}): number[] => {
  const calibration = eyeCalibration()
  return Array.from(createExpressionSolver(calibration, [0, 1, 2], options).solve(r))
}

describe('createExpressionSolver', () => {
  it("recovers a direction's own calibrated change", () => {
    const [blinkL, blinkR, eyesWide] = solveOnce(driverChange({ eyeOpenR: -0.5, browR: 0.13 }))
    expect(blinkR).toBeGreaterThan(0.4)
    expect(blinkL).toBeLessThan(0.05)
    expect(Math.abs(eyesWide!)).toBeLessThan(0.1)
  })

  it('closes both eyes alike when the driver blinks with both, though the analysis reads one eye weaker', () => {
    const blink = driverChange({ eyeOpenL: -1, eyeOpenR: -0.85, browL: 0.2, browR: 0.2 })
    const [untiedL, untiedR] = solveOnce(blink, { blinkTie: 0 })
    const [blinkL, blinkR] = solveOnce(blink)
    // untied, the weaker-read left eye's blink takes most of it: the portrait winks
    expect(untiedL! - untiedR!).toBeGreaterThan(0.3)
    expect(Math.abs(blinkL! - blinkR!)).toBeLessThan(0.5 * (untiedL! - untiedR!))
    expect(Math.min(blinkL!, blinkR!)).toBeGreaterThan(0.3)
  })

  it('keeps a wink a wink: one eye closing and the other not is solved untied', () => {
    const wink = driverChange({ eyeOpenL: -0.5, eyeOpenR: -0.05, browL: 0.3 })
    const [blinkL, blinkR] = solveOnce(wink)
    const [untiedL, untiedR] = solveOnce(wink, { blinkTie: 0 })
    expect(blinkL).toBeCloseTo(untiedL!, 6)
    expect(blinkR).toBeCloseTo(untiedR!, 6)
    expect(blinkL! - blinkR!).toBeGreaterThan(0.5)
  })
})
