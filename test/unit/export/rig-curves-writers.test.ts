import { describe, expect, it } from 'vitest'
import { ARKIT_BLENDSHAPES } from '../../../src/shared/export/arkit-mapping'
import { eyeRotation, sampleRigCurves, headRotation } from '../../../src/shared/export/rig-curves'
import {
  formatRigCurvesCsv,
  liveLinkTimecode,
  rigCurvesCsvHeader
} from '../../../src/shared/export/rig-curves-csv'
import { formatRigCurvesJson, type RigCurvesJson } from '../../../src/shared/export/rig-curves-json'
import { rigCurveDocument } from '../../support/rig-curve-document'

const curves = sampleRigCurves(rigCurveDocument(), { startSec: 0, fps: 4, frameCount: 4 })
const header = rigCurvesCsvHeader(curves.layout.extraNames)

/** A CSV line with every column 0 but those named (timecode and count first, zoom default 1). */
function line(timecode: string, values: Record<string, string>): string {
  const cells = header.map((c) => values[c] ?? (c === 'mimesis.camera.zoom' ? '1' : '0'))
  cells[0] = timecode
  cells[1] = '61'
  for (const name of Object.keys(values)) expect(header, name).toContain(name)
  return cells.join(',')
}

describe('Live Link Face timecode', () => {
  it('counts 1/60 s frames with a fraction after the seconds', () => {
    expect(liveLinkTimecode(0)).toBe('00:00:00:00.000')
    expect(liveLinkTimecode(0.5)).toBe('00:00:00:30.000')
    expect(liveLinkTimecode(1 / 24)).toBe('00:00:00:02.500')
    expect(liveLinkTimecode(3725.25)).toBe('01:02:05:15.000')
    // 59.9996 frames round up to the next second, never to frame 60.
    expect(liveLinkTimecode(0.9999999)).toBe('00:00:01:00.000')
    expect(() => liveLinkTimecode(-1)).toThrow(RangeError)
  })
})

describe('rig curves as CSV', () => {
  it('writes the Live Link Face header, then the extra and camera columns', () => {
    expect(header.slice(0, 4)).toEqual(['Timecode', 'BlendShapeCount', 'EyeBlinkLeft', 'EyeLookDownLeft'])
    expect(header.slice(53, 63)).toEqual([
      'TongueOut',
      'HeadYaw',
      'HeadPitch',
      'HeadRoll',
      'LeftEyeYaw',
      'LeftEyePitch',
      'LeftEyeRoll',
      'RightEyeYaw',
      'RightEyePitch',
      'RightEyeRoll'
    ])
    expect(header.slice(63)).toEqual([
      'mimesis.frown.neg',
      'mimesis.pucker.neg',
      'mimesis.mouthStretch.neg',
      'mimesis.lipsPress.neg',
      'mimesis.eyesWide.neg',
      'mimesis.squint.neg',
      'mimesis.browInnerUp.neg',
      'mimesis.camera.zoom',
      'mimesis.camera.panX',
      'mimesis.camera.panY'
    ])
  })

  it('writes one exact line a frame (golden)', () => {
    // Live Link's angle unit: degrees / 180.
    const yaw = (deg: number): string => String(Math.round((deg / 180) * 1e6) / 1e6)
    const expected = [
      header.join(','),
      line('00:00:00:00.000', { EyeBlinkLeft: '0.5', 'mimesis.lipsPress.neg': '1' }),
      line('00:00:00:15.000', {
        EyeBlinkLeft: '0.5',
        MouthSmileLeft: '0.25',
        MouthSmileRight: '0.25',
        HeadYaw: yaw(5),
        'mimesis.lipsPress.neg': '0.75',
        'mimesis.camera.zoom': '1.25'
      }),
      line('00:00:00:30.000', {
        EyeBlinkLeft: '0.5',
        MouthSmileLeft: '0.5',
        MouthSmileRight: '0.5',
        HeadYaw: yaw(10),
        'mimesis.lipsPress.neg': '0.5',
        'mimesis.camera.zoom': '1.5'
      }),
      line('00:00:00:45.000', {
        EyeBlinkLeft: '0.5',
        MouthSmileLeft: '0.75',
        MouthSmileRight: '0.75',
        HeadYaw: yaw(15),
        'mimesis.lipsPress.neg': '0.25',
        'mimesis.camera.zoom': '1.75'
      })
    ]
    expect(formatRigCurvesCsv(curves)).toBe(`${expected.join('\n')}\n`)
    expect(yaw(5)).toBe('0.027778')
  })

  it('turns the camera orbit into the head rotation that shows the same view', () => {
    // Camera yaw -20° (the face turns to the subject's left) is head yaw +20°; pitch keeps its sign, roll flips.
    const [y, p, r] = headRotation({ yaw: -20, pitch: 10, roll: 5 })
    expect(y).toBeCloseTo((20 * Math.PI) / 180, 12)
    expect(p).toBeCloseTo((10 * Math.PI) / 180, 12)
    expect(r).toBeCloseTo((-5 * Math.PI) / 180, 12)
    expect(Object.is(headRotation({ yaw: 0, pitch: 0, roll: 0 })[0], -0)).toBe(false)
  })

  it('fills both eyes’ rotation columns from the gaze: 30° to the side, 14° up or down at ±1', () => {
    const [y, p, r] = eyeRotation({ gazeHorizontal: 0.5, gazeVertical: -1 })
    expect(y).toBeCloseTo((15 * Math.PI) / 180, 12)
    // Looking down is pitch + (the head's convention: pitch + nods down).
    expect(p).toBeCloseTo((14 * Math.PI) / 180, 12)
    expect(r).toBe(0)
    expect(eyeRotation({ gazeHorizontal: 3 })[0]).toBeCloseTo((30 * Math.PI) / 180, 12)
    const document = rigCurveDocument()
    const gaze = document.tracks.find((t) => t.name === 'gazeHorizontal')!
    const looking = {
      ...document,
      tracks: document.tracks.map((t) =>
        t === gaze ? { ...t, keys: [{ ...rigCurveDocument().tracks[0]!.keys[0]!, value: 1 }] } : t
      )
    }
    const text = formatRigCurvesCsv(sampleRigCurves(looking, { startSec: 0, fps: 4, frameCount: 1 }))
    const [names, row] = text
      .trimEnd()
      .split('\n')
      .map((l) => l.split(','))
    const at = (name: string): string => row![names!.indexOf(name)]!
    // 30° in Live Link's unit (degrees / 180).
    expect(at('LeftEyeYaw')).toBe('0.166667')
    expect(at('RightEyeYaw')).toBe('0.166667')
    expect(at('LeftEyePitch')).toBe('0')
    expect(at('EyeLookOutLeft')).toBe('1')
  })
})

describe('rig curves as JSON', () => {
  it('holds the ARKit weights, the head, the extras and the project’s own directions and camera', () => {
    const json = JSON.parse(formatRigCurvesJson(curves)) as RigCurvesJson
    expect(json.format).toBe('mimesis-rig-curves')
    expect(json.version).toBe(1)
    expect(json.fps).toBe(4)
    expect(json.frameCount).toBe(4)
    expect(json.arkit.names).toEqual([...ARKIT_BLENDSHAPES])
    expect(json.arkit.frames).toHaveLength(4)
    const smileLeft = ARKIT_BLENDSHAPES.indexOf('mouthSmileLeft')
    expect(json.arkit.frames.map((f) => f[smileLeft])).toEqual([0, 0.25, 0.5, 0.75])
    expect(json.head.unit).toBe('rad')
    expect(json.head.frames[2]).toEqual([0.174533, 0, 0])
    expect(json.extra.names).toContain('mimesis.lipsPress.neg')
    expect(json.directions.names[0]).toBe('jawOpen')
    const lipsPress = json.directions.names.indexOf('lipsPress')
    expect(json.directions.frames.map((f) => f[lipsPress])).toEqual([-1, -0.75, -0.5, -0.25])
    expect(json.directions.oneSided[json.directions.names.indexOf('blinkL')]).toBe(true)
    expect(json.camera.names).toEqual(['yaw', 'pitch', 'roll', 'zoom', 'panX', 'panY'])
    expect(json.camera.frames[1]).toEqual([-5, 0, 0, 1.25, 0, 0])
  })

  it('carries an expression track the pack does not know in the extras and the directions', () => {
    const other = sampleRigCurves(rigCurveDocument(['tongueCurl']), { startSec: 0.5, fps: 4, frameCount: 2 })
    const json = JSON.parse(formatRigCurvesJson(other)) as RigCurvesJson
    expect(json.startSec).toBe(0.5)
    expect(json.extra.names.slice(-2)).toEqual(['mimesis.tongueCurl.pos', 'mimesis.tongueCurl.neg'])
    expect(json.extra.frames[0]!.slice(-2)).toEqual([0.25, 0])
    expect(json.directions.names.at(-1)).toBe('tongueCurl')
  })
})
