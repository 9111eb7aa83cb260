// Rig curves as CSV in the layout of the files Live Link Face (Epic's ARKit capture app) records, which Unreal's
// Live Link Face importer, Blender add-ons (Faceit) and Maya importers read:
//   Timecode,BlendShapeCount,EyeBlinkLeft,…,TongueOut,HeadYaw,HeadPitch,HeadRoll,
//   LeftEyeYaw,LeftEyePitch,LeftEyeRoll,RightEyeYaw,RightEyePitch,RightEyeRoll,<extra columns…>
// - Timecode: `HH:MM:SS:FF.fff` of the document clock, where FF.fff counts 1/60 s frames with a fraction, as Live
//   Link Face writes it and Epic's importer reads it (hours·3600 + minutes·60 + seconds + FF.fff / 60), whatever
//   the export's own frame rate: at 24 fps frame 1 is `00:00:00:02.500`.
// - BlendShapeCount: 61, the curves Live Link Face sends (52 shapes, the head's 3 angles, the eyes' 6).
// - The 52 ARKit weights, 0..1, in Apple's order, capitalised as Live Link Face names them.
// - HeadYaw, HeadPitch, HeadRoll: the head's angles (`headRotation`) in Live Link's unit, degrees / 180 (so ±1 is
//   ±180°; `LIVE_LINK_DEGREES_PER_UNIT`).
// - LeftEyeYaw … RightEyeRoll: the same unit, from the gaze directions (`eyeRotation`: the gaze is also in the
//   eyeLook* shapes), the same for both eyes. Importers that read the columns by position (shapes 2–53, head 54–56,
//   eyes 57–62) find them where they expect.
// The unit is Epic's: Unreal's Apple ARKit face support (AppleARKitFaceSupport plugin, AppleARKitFaceMeshConversion.h,
// `ToBlendShapeMap`, UE 4.2x) fills the HeadYaw/HeadPitch/HeadRoll and eye curves from the face anchor's and eyes'
// rotations turned into Unreal's frame (an FRotator, degrees), each angle divided by 180 ("map the -180..180 range to
// -1..1"); Live Link Face streams and records these curves (its 61 columns are that plugin's EARFaceBlendShape
// curves, by name and order), so its files hold that unit too, not radians. The signs are this file's own choice (see
// `headRotation`: yaw + turns to the subject's left, pitch + nods down, roll + tilts toward the subject's right
// shoulder): in that source yaw and roll change sign with the session's mirroring (they are negated unless the face
// is mirrored; pitch never is), and the phone's setting is not in the file, so no one sign is Live Link Face's.
// - Then the extra columns (`arkit-mapping.ts`: direction sides ARKit has no shape for, 0..1) and the rest of the
//   camera, `mimesis.camera.zoom` (× the framing), `mimesis.camera.panX` / `panY` (fractions of the frame).
// Values have at most 6 decimals; lines end in \n.
import { ARKIT_BLENDSHAPES, liveLinkName } from './arkit-mapping'
import { formatCurveValue, type RigCurves } from './rig-curves'

/** Live Link Face's frame rate for the FF field of its timecode. */
export const LIVE_LINK_TIMECODE_RATE = 60

/** Degrees per unit of Live Link's head and eye curves: they hold degrees / 180 (±1 = ±180°). */
export const LIVE_LINK_DEGREES_PER_UNIT = 180

/** Live Link Face's BlendShapeCount: 52 shapes + head (3) + eyes (6). */
export const LIVE_LINK_CURVE_COUNT = 61

export const LIVE_LINK_HEAD_COLUMNS = ['HeadYaw', 'HeadPitch', 'HeadRoll'] as const
export const LIVE_LINK_EYE_COLUMNS = [
  'LeftEyeYaw',
  'LeftEyePitch',
  'LeftEyeRoll',
  'RightEyeYaw',
  'RightEyePitch',
  'RightEyeRoll'
] as const
export const CAMERA_EXTRA_COLUMNS = [
  'mimesis.camera.zoom',
  'mimesis.camera.panX',
  'mimesis.camera.panY'
] as const

/** `HH:MM:SS:FF.fff` of `time` seconds (FF.fff in 1/60 s frames). */
export function liveLinkTimecode(time: number): string {
  if (!Number.isFinite(time) || time < 0)
    throw new RangeError(`timecode: time must be 0 or more, got ${time}`)
  const milliframes = Math.round(time * LIVE_LINK_TIMECODE_RATE * 1000)
  const perSecond = LIVE_LINK_TIMECODE_RATE * 1000
  const whole = Math.floor(milliframes / perSecond)
  const rest = milliframes - whole * perSecond
  const two = (n: number): string => String(n).padStart(2, '0')
  const frames = `${two(Math.floor(rest / 1000))}.${String(rest % 1000).padStart(3, '0')}`
  return `${two(Math.floor(whole / 3600))}:${two(Math.floor(whole / 60) % 60)}:${two(whole % 60)}:${frames}`
}

/** The header line's columns for `extraNames`. */
export function rigCurvesCsvHeader(extraNames: readonly string[]): string[] {
  return [
    'Timecode',
    'BlendShapeCount',
    ...ARKIT_BLENDSHAPES.map(liveLinkName),
    ...LIVE_LINK_HEAD_COLUMNS,
    ...LIVE_LINK_EYE_COLUMNS,
    ...extraNames,
    ...CAMERA_EXTRA_COLUMNS
  ]
}

/** Radians as Live Link's angle cells. */
function angles(radians: readonly number[]): string[] {
  return radians.map((r) => formatCurveValue((r * 180) / Math.PI / LIVE_LINK_DEGREES_PER_UNIT))
}

/** The CSV text of `curves`: the header, then one line a frame. */
export function formatRigCurvesCsv(curves: RigCurves): string {
  const lines = [rigCurvesCsvHeader(curves.layout.extraNames).join(',')]
  for (const f of curves.frames) {
    const row = [
      liveLinkTimecode(f.time),
      String(LIVE_LINK_CURVE_COUNT),
      ...Array.from(f.shapes, formatCurveValue),
      ...angles(f.head),
      ...angles(f.eyes),
      ...angles(f.eyes),
      ...Array.from(f.extra, formatCurveValue),
      formatCurveValue(f.camera.zoom),
      formatCurveValue(f.camera.panX),
      formatCurveValue(f.camera.panY)
    ]
    lines.push(row.join(','))
  }
  return `${lines.join('\n')}\n`
}
