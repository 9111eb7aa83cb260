// Curve import: an exported CSV (and JSON) read back and baked gives the same curves within the reduction bound; a
// phone's Live Link Face CSV (other case, a wall-clock timecode, lopsided shapes) reads; the inverse mapping's
// rules for shared shapes; malformed files name the row and the column.
import { describe, expect, it } from 'vitest'
import { BUILTIN_EXPRESSION_DIRECTIONS } from '../../../src/shared/engine/expression-directions'
import { ARKIT_BLENDSHAPES } from '../../../src/shared/export/arkit-mapping'
import { directionValuesFromArkit } from '../../../src/shared/export/arkit-inverse'
import {
  CURVES_TOLERANCE,
  FRAMING_TOLERANCE,
  importRigCurves
} from '../../../src/shared/export/import-rig-curves'
import { parseLiveLinkTimecode } from '../../../src/shared/export/parse-live-link-csv'
import { sampleRigCurves } from '../../../src/shared/export/rig-curves'
import { formatRigCurvesCsv } from '../../../src/shared/export/rig-curves-csv'
import { formatRigCurvesJson } from '../../../src/shared/export/rig-curves-json'
import { applyPerformance } from '../../../src/shared/performance'
import {
  createDocument,
  evaluate,
  keyId,
  seconds,
  type AnimationDocument,
  type Keyframe
} from '../../../src/shared/timeline'

const FPS = 30
const names = BUILTIN_EXPRESSION_DIRECTIONS.map((d) => d.name)

const key = (
  time: number,
  value: number,
  id: string,
  interpolation: Keyframe['interpolation'] = 'linear'
) => ({
  id: keyId(id),
  time: seconds(time),
  value,
  interpolation
})

/** 2 s with motion on most directions and the head; no shared ARKit shape summed past 1. */
function take(): AnimationDocument {
  const base = createDocument({ expressionNames: names, settings: { fps: FPS, durationSec: seconds(2) } })
  const keys: Record<string, Keyframe[]> = {
    jawOpen: [key(0, 0, 'j0'), key(1, 0.8, 'j1', 'easeInOut'), key(2, 0.1, 'j2')],
    jawSideways: [key(0, -0.4, 'js0'), key(2, 0.3, 'js1')],
    smile: [key(0, -0.5, 's0'), key(1.2, 0.9, 's1')],
    frown: [key(0, 0.3, 'f0'), key(1, 0, 'f1')],
    lipsPress: [key(0, -1, 'p0'), key(2, 0.5, 'p1')],
    blinkL: [key(0.5, 0, 'bl0'), key(0.6, 1, 'bl1'), key(0.7, 0, 'bl2')],
    blinkR: [key(0.5, 0, 'br0'), key(0.6, 1, 'br1'), key(0.7, 0, 'br2')],
    squint: [key(0, -0.3, 'q0'), key(2, 0.6, 'q1')],
    gazeHorizontal: [key(0, -1, 'g0'), key(2, 1, 'g1')],
    gazeVertical: [key(0, 0.5, 'v0')],
    browInnerUp: [key(0, -0.6, 'bi0'), key(1.5, 0.7, 'bi1')],
    browFurrow: [key(1, 0, 'bf0'), key(1.5, 0.8, 'bf1')],
    yaw: [key(0, 0, 'y0'), key(2, -25, 'y1')],
    pitch: [key(0, 10, 'pi0'), key(1, -5, 'pi1')],
    roll: [key(0, 0, 'r0'), key(2, 12, 'r1')],
    zoom: [key(0, 1, 'z0'), key(2, 1.6, 'z1')],
    panX: [key(0, 0, 'x0'), key(2, -0.1, 'x1')]
  }
  return { ...base, tracks: base.tracks.map((t) => ({ ...t, keys: keys[t.name] ?? [] })) }
}

/** `performance` baked at 0 into the take's tracks emptied. */
function bake(performance: ReturnType<typeof importRigCurves>): AnimationDocument {
  const empty = take()
  const blank = { ...empty, tracks: empty.tracks.map((t) => ({ ...t, keys: [] })) }
  return applyPerformance(blank, performance, { at: seconds(0) }).document
}

/** Largest difference between two documents' values at every frame, per track kind. */
function worstDifference(a: AnimationDocument, b: AnimationDocument) {
  let expression = 0
  let camera = 0
  let framing = 0
  for (let i = 0; i < 2 * FPS; i++) {
    const [pa, pb] = [evaluate(a, seconds(i / FPS)), evaluate(b, seconds(i / FPS))]
    for (const name of names) {
      expression = Math.max(expression, Math.abs((pa.expression[name] ?? 0) - (pb.expression[name] ?? 0)))
    }
    for (const param of ['yaw', 'pitch', 'roll'] as const) {
      camera = Math.max(camera, Math.abs(pa.camera[param] - pb.camera[param]))
    }
    for (const param of ['zoom', 'panX', 'panY'] as const) {
      framing = Math.max(framing, Math.abs(pa.camera[param] - pb.camera[param]))
    }
  }
  return { expression, camera, framing }
}

const sampled = () => sampleRigCurves(take(), { startSec: 0, fps: FPS, frameCount: 2 * FPS })
// Key values are rounded to 1e-4 and the files to 1e-6: both far inside the bound.
const ROUNDING = 2e-4

describe('importRigCurves: the round trip', () => {
  it('an exported CSV imported back gives the same curves within the reduction bound, with fewer keys', () => {
    const performance = importRigCurves(formatRigCurvesCsv(sampled()), 'take.csv')
    expect(performance.fps).toBe(FPS)
    expect(performance.durationSec).toBeCloseTo(2, 9)
    const worst = worstDifference(bake(performance), take())
    expect(worst.expression).toBeLessThanOrEqual(CURVES_TOLERANCE.expression + ROUNDING)
    expect(worst.camera).toBeLessThanOrEqual(CURVES_TOLERANCE.camera + ROUNDING)
    expect(worst.framing).toBeLessThanOrEqual(FRAMING_TOLERANCE + ROUNDING)
    const jaw = performance.tracks.find((t) => t.name === 'jawOpen')!
    expect(jaw.keys.length).toBeGreaterThan(2)
    expect(jaw.keys.length).toBeLessThan(2 * FPS)
    // Every key the take was made of comes back on its curve (those the frames reach: the last is 1 / fps before 2 s).
    for (const track of take().tracks) {
      for (const k of track.keys.filter((k) => k.time <= (2 * FPS - 1) / FPS)) {
        const back = evaluate(bake(performance), k.time)
        const got =
          track.kind === 'expression' ? back.expression[track.name]! : back.camera[track.name as 'yaw']
        const bound = track.kind === 'expression' ? CURVES_TOLERANCE.expression : CURVES_TOLERANCE.camera
        expect(Math.abs(got - k.value), `${track.name} at ${k.time}`).toBeLessThanOrEqual(bound + ROUNDING)
      }
    }
  })

  it('an exported JSON comes back exactly as the project’s own curves (browOuterUp − included)', () => {
    const document = take()
    const outer = document.tracks.find((t) => t.name === 'browOuterUp')!
    const withOuter = {
      ...document,
      tracks: document.tracks.map((t) => (t === outer ? { ...t, keys: [key(0, -0.7, 'o0')] } : t))
    }
    const curves = sampleRigCurves(withOuter, { startSec: 0, fps: FPS, frameCount: 2 * FPS })
    const performance = importRigCurves(formatRigCurvesJson(curves), 'take.json')
    const back = bake(performance)
    expect(evaluate(back, seconds(1)).expression.browOuterUp).toBeCloseTo(-0.7, 4)
    const worst = worstDifference(back, withOuter)
    expect(worst.expression).toBeLessThanOrEqual(CURVES_TOLERANCE.expression + ROUNDING)
    expect(worst.camera).toBeLessThanOrEqual(CURVES_TOLERANCE.camera + ROUNDING)
  })
})

describe('importRigCurves: a phone’s Live Link Face CSV', () => {
  const header = [
    'Timecode',
    'BlendShapeCount',
    ...ARKIT_BLENDSHAPES.map((n) => n[0]!.toUpperCase() + n.slice(1))
  ]
  const row = (timecode: string, values: Record<string, number>, head: number[]) =>
    [
      timecode,
      '61',
      ...ARKIT_BLENDSHAPES.map((n) => String(values[n] ?? 0)),
      ...head.map(String),
      '0',
      '0',
      '0',
      '0',
      '0',
      '0'
    ].join(',')
  const csv = [
    [...header, 'HeadYaw', 'HeadPitch', 'HeadRoll', 'LeftEyeYaw', 'LeftEyePitch', 'LeftEyeRoll'].join(',') +
      ',RightEyeYaw,RightEyePitch,RightEyeRoll',
    row('14:02:03:10.500', { mouthSmileLeft: 0.6, mouthSmileRight: 0.4, eyeBlinkLeft: 1 }, [0.1, 0, 0]),
    row('14:02:03:12.500', { mouthSmileLeft: 0.2, mouthSmileRight: 0.2, jawOpen: 0.5 }, [0.2, -0.1, 0.05]),
    row('14:02:03:14.500', { mouthFrownLeft: 0.5, mouthFrownRight: 0.5, browDownLeft: 0.4 }, [0, 0, 0])
  ].join('\r\n')

  it('reads times from the first row, averages mirrored pairs and turns the head into the camera', () => {
    const performance = importRigCurves(csv, 'phone.csv')
    expect(performance.fps).toBe(30)
    const track = (name: string) => performance.tracks.find((t) => t.name === name)!
    expect(track('smile').keys.map((k) => [Number(k.time.toFixed(6)), k.value])).toEqual([
      [0, 0.5],
      [1 / 30, 0.2].map((v) => Number(v.toFixed(6))),
      [Number((2 / 30).toFixed(6)), -0.5]
    ])
    expect(track('blinkL').keys[0]!.value).toBe(1)
    // Live Link's angles are degrees / 180: HeadYaw 0.1 is 18° (the face to the subject's left: camera yaw −18°).
    expect(track('yaw').keys[0]!.value).toBeCloseTo(-18, 3)
    expect(track('pitch').keys[1]!.value).toBeCloseTo(-18, 3)
    expect(track('roll').keys[1]!.value).toBeCloseTo(-9, 3)
    // browDown, one side only, is the furrow (both brows' mean): 0.2.
    expect(track('browFurrow').keys.at(-1)!.value).toBeCloseTo(0.2, 4)
    expect(performance.tracks.some((t) => t.name === 'zoom')).toBe(false)
  })
})

describe('directionValuesFromArkit', () => {
  const sample = (values: Record<string, number>, extra: Record<string, number> = {}) => ({
    shapes: Float64Array.from(ARKIT_BLENDSHAPES, (n) => values[n] ?? 0),
    extra: new Map(Object.entries(extra))
  })

  it('credits a shared shape to the side with a shape of its own first: frown, then the rest to smile −', () => {
    const values = directionValuesFromArkit(
      sample({ mouthFrownLeft: 0.7, mouthFrownRight: 0.7, mouthShrugLower: 0.15 })
    )
    expect(values.get('frown')).toBeCloseTo(0.3, 12)
    expect(values.get('smile')).toBeCloseTo(-0.4, 12)
  })

  it('browDown goes to browFurrow; browOuterUp keeps only its + side', () => {
    const values = directionValuesFromArkit(
      sample({ browDownLeft: 0.5, browDownRight: 0.5, browOuterUpLeft: 0.2, browOuterUpRight: 0.2 })
    )
    expect(values.get('browFurrow')).toBeCloseTo(0.5, 12)
    expect(values.get('browOuterUp')).toBeCloseTo(0.2, 12)
  })

  it('reads the extra columns of sides ARKit has no shape for, and of directions the table does not know', () => {
    const values = directionValuesFromArkit(
      sample(
        { mouthPressLeft: 0.2, mouthPressRight: 0.2 },
        { 'mimesis.lipsPress.neg': 0.5, 'mimesis.tongueCurl.pos': 0.3 }
      )
    )
    expect(values.get('lipsPress')).toBeCloseTo(-0.3, 12)
    expect(values.get('tongueCurl')).toBeCloseTo(0.3, 12)
  })

  it('leaves out a direction none of whose shapes is in the file', () => {
    const shapes = Float64Array.from(ARKIT_BLENDSHAPES, (n) => (n === 'jawOpen' ? 0.4 : NaN))
    expect([...directionValuesFromArkit({ shapes, extra: new Map() })]).toEqual([['jawOpen', 0.4]])
  })
})

describe('malformed curves', () => {
  const good = formatRigCurvesCsv(sampled()).split('\n')
  const cells = good[2]!.split(',')

  it.each([
    [
      'a cell that is not a number',
      () => {
        const bad = [...cells]
        bad[4] = 'abc'
        return [good[0], good[1], bad.join(',')].join('\n')
      },
      /row 2 \(line 3\), column 5 "EyeLookInLeft": "abc" is not a number/
    ],
    [
      'a row with a missing value',
      () => [good[0], good[1], cells.slice(0, -1).join(',')].join('\n'),
      /row 2 \(line 3\) has \d+ values, but the header has \d+ columns/
    ],
    [
      'a bad timecode',
      () => [good[0], ['12:3', ...cells.slice(1)].join(',')].join('\n'),
      /row 1 \(line 2\), column 1 "Timecode": "12:3" is not a timecode/
    ],
    [
      'a time going backwards',
      () => [good[0], good[3], good[2]].join('\n'),
      /row 2 \(line 3\), column 1 "Timecode": the time goes backwards/
    ],
    ['no Timecode column', () => 'a,b\n1,2', /no Timecode column/],
    ['no curves', () => 'Timecode,Foo\n00:00:00:00.000,1', /has no curves to import/],
    ['a header alone', () => good[0]!, /no rows/],
    ['a JSON of something else', () => '{"format":"other"}', /at format, /],
    [
      'a JSON whose rows are short',
      () => {
        const json = JSON.parse(formatRigCurvesJson(sampled())) as { directions: { frames: number[][] } }
        json.directions.frames[3] = [1]
        return JSON.stringify(json)
      },
      /directions\.frames row 3 has 1 values for 18 names/
    ]
  ])('%s is a CurvesFileError naming where', (_, make, message) => {
    expect(() => importRigCurves(make(), 'bad.csv')).toThrow(message)
    try {
      importRigCurves(make(), 'bad.csv')
    } catch (error) {
      expect(error).toMatchObject({ code: 'curves-invalid' })
    }
  })

  it('parses Live Link Face timecodes, FF.fff in 1/60 s', () => {
    expect(parseLiveLinkTimecode('00:00:01:30.000')).toBeCloseTo(1.5, 12)
    expect(parseLiveLinkTimecode('01:02:03:04.5')).toBeCloseTo(3723 + 4.5 / 60, 12)
    expect(parseLiveLinkTimecode('00:61:00:00.000')).toBeNull()
    expect(parseLiveLinkTimecode('nope')).toBeNull()
  })
})
