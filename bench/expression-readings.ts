// Face readings for the expression benchmark (bench/expression-reach.ts): one scalar per face measure, read from
// the project's face analysis (canonical landmarks: pose and scale removed, cm; x subject-left, y up), and which
// reading shows each expression direction at +1 and at −1.
//
// The reach table's −1 column: a direction's −1 is measured only where a real face makes the opposite movement
// (smile −1 = corners down, blink −1 = eye opened wider, brows up −1 = brows lowered, jawSideways −1 = the other
// side, a gaze direction −1 = the other way). One-sided, i.e. −1 not counted: jawOpen (a closed mouth cannot
// close further), upperLipRaise (the upper lip cannot come down over a closed mouth), browFurrow (the brows
// cannot be spread apart) and noseSneer (the nose wings cannot be pulled down). lipsPress +1 presses the lips
// together: each red lip thins toward the line where they meet, the opening staying as it is (a closed mouth
// stays closed, an open one keeps its gap), so it is read by the red lips' height without the opening
// (lipThickness), and −1, full lips pushed out, by the same reading rising. The outer lip height (lipHeight)
// would add the opening, whose change over the footage is the jaw's (its 95th percentile of decrease, 1.04 cm,
// is an open mouth closing, which no press of the lips makes).
//
// Blinks and the yardstick: a blink closes the lids fully, so over footage with blinks the 95th percentile of the
// lid gap's decrease is a blink's closure (about 1 cm, 0.9 of the drivers' gap: a shut eye still reads about
// 0.1 cm). A blink's size is the share of the person's own gap it closes, not centimetres: the avatar scales it to
// close this face's lids (personalGains), and a portrait whose eye reads 0.85 cm open (lp_drv12), shut, reads the
// same ~0.1 cm a shut driver's eye reads, so in centimetres it could not reach 1 however well it closed. The
// blinks are therefore measured relative (ReachSide.relative): the render's decrease as a share of its neutral
// render's gap, against the 95th percentile of the footage's decrease as a share of its clip's median gap.
// eyesWide −1 (a narrowing) and squint are not blinks:
// they are measured against the footage outside blinks (blinkFrames: short closures; held ones stay), and a
// squint by what it changes, the lower lid's rise over the eye's corners (lowerLid), not the whole gap. The gaze
// is measured outside blinks too (a closing lid takes the landmark model's iris down with it).
//
// Gaze: each iris centre (MediaPipe's 468 / 473) against its eye's corners in the canonical frame, mean of both
// eyes (gazeX toward the subject's left, gazeY up; the same definition as measureFace's gaze). The irises are
// the analysis's own (FaceAnalysis.canonicalIrises) where it reports them, else from its attention landmark model
// run once more (runFaceLandmarks' `irises`). gazeHorizontal +1 = toward the subject's left (the image's right),
// gazeVertical +1 = up (src/shared/engine/expression-directions.ts); gazeLeft/Right/Up/Down and gazeX/Y are
// mapped too, "left" being the subject's (blinkL = the subject's left eye). With another convention the
// wrong-sign count shows it.
import type { FaceAnalysis } from '../src/shared/face/face-analysis'
import { roiFromLandmarks } from '../src/main/core/analysis/face-roi'
import { landmarksToCanonical } from '../src/main/core/analysis/head-pose'
import { loadFaceModels } from '../src/main/core/analysis/load-face-models'
import { runFaceLandmarks } from '../src/main/core/analysis/run-face-landmarks'
import { measureFace } from '../src/main/core/drive/face-measures'
import {
  LEFT_EYE,
  RED_LIP_PAIRS,
  RIGHT_EYE,
  type EyeContours
} from '../src/main/core/engine/expression/face-regions'
import type { RgbImage } from '../src/main/core/image/decode-image'

export const READING_NAMES = [
  'mouthOpen',
  'mouthWidth',
  'cornerHeight',
  'lipHeight',
  'lipThickness',
  'noseToLip',
  'chinX',
  'eyeOpenL',
  'eyeOpenR',
  'eyeOpen',
  'lowerLid',
  'browInner',
  'browOuter',
  'browGap',
  'wingHeight',
  'gazeX',
  'gazeY'
] as const
export type ReadingName = (typeof READING_NAMES)[number]
/** A face's readings, cm; the gaze readings only where the iris points were found. */
export type Readings = Partial<Record<ReadingName, number>>

/** What each reading is, for the report. */
export const READING_NOTES: Readonly<Record<ReadingName, string>> = {
  mouthOpen: 'gap between the inner lips over their middle (measureFace)',
  mouthWidth: 'corner-to-corner distance (measureFace)',
  cornerHeight: 'mouth corners over the inner lips’ midline (measureFace)',
  lipHeight:
    'outer lip height, upper-lip top (0) over lower-lip bottom (17): the lips pressed together (and rolled in) shrink it',
  lipThickness:
    'red lips’ height without the opening: upper lip (37, 0, 267 over 82, 13, 312) plus lower lip (87, 14, 317 over 84, 17, 314), means of the three middle pairs',
  noseToLip: 'upper-lip top (0) below the nose base (2)',
  chinX: 'chin (152) x minus nose tip (1) x, toward the subject’s left',
  eyeOpenL: 'lid gap of the subject’s left eye (measureFace)',
  eyeOpenR: 'lid gap of the subject’s right eye (measureFace)',
  eyeOpen: 'mean lid gap of both eyes',
  lowerLid:
    'lower lid margin (its 3 middle points) over the eye corners, mean of both eyes: a squint raises it, a blink hardly',
  browInner: 'inner brow heads (upper edge, 2 inner points) over the eye corners',
  browOuter: 'outer brow (upper edge, 3 outer points) over the eye corners',
  browGap: 'x distance between the inner brow heads 107 and 336',
  wingHeight: 'nose wings (129, 358) over the inner eye corners (133, 362)',
  gazeX: 'iris centres (468, 473) x from their eye-corner midpoints, toward the subject’s left',
  gazeY: 'iris centres y from their eye-corner midpoints, up'
}

const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length

/** Brow height over the eye's corners, as measureFace's, from a subset of the brow's upper edge. */
function browHeight(c: ArrayLike<number>, eye: EyeContours, part: 'inner' | 'outer'): number {
  const y = (i: number): number => c[3 * i + 1]!
  const pts = part === 'inner' ? eye.browUpper.slice(3) : eye.browUpper.slice(0, 3)
  return mean(pts.map(y)) - (y(eye.upper[0]!) + y(eye.upper[eye.upper.length - 1]!)) / 2
}

/** Height (cm) of the lower lid margin's middle (its 3 middle points) over the midpoint of the eye's corners. */
function lowerLidHeight(c: ArrayLike<number>, eye: EyeContours): number {
  const y = (i: number): number => c[3 * i + 1]!
  const mid = Math.floor(eye.lower.length / 2)
  const corners = (y(eye.lower[0]!) + y(eye.lower[eye.lower.length - 1]!)) / 2
  return mean(eye.lower.slice(mid - 1, mid + 2).map(y)) - corners
}

/**
 * Height of the red lips (cm), the opening left out: the mean of the three middle pairs across the upper lip plus
 * that across the lower lip. Pressed lips thin; an opening mouth changes it little.
 */
function redLipHeight(c: ArrayLike<number>): number {
  const y = (i: number): number => c[3 * i + 1]!
  return mean(RED_LIP_PAIRS.map(([a, b]) => y(a) - y(b))) * 2
}

/** The readings of one face's canonical landmarks (468 x 3, cm), gaze excepted. */
export function canonicalReadings(c: ArrayLike<number>): Readings {
  const x = (i: number): number => c[3 * i]!
  const y = (i: number): number => c[3 * i + 1]!
  const m = measureFace(c)
  return {
    mouthOpen: m.mouthOpen,
    mouthWidth: m.mouthWidth,
    cornerHeight: m.cornerHeight,
    lipHeight: y(0) - y(17),
    lipThickness: redLipHeight(c),
    noseToLip: y(2) - y(0),
    chinX: x(152) - x(1),
    eyeOpenL: m.eyeOpenL,
    eyeOpenR: m.eyeOpenR,
    eyeOpen: (m.eyeOpenL + m.eyeOpenR) / 2,
    lowerLid: (lowerLidHeight(c, RIGHT_EYE) + lowerLidHeight(c, LEFT_EYE)) / 2,
    browInner: (browHeight(c, RIGHT_EYE, 'inner') + browHeight(c, LEFT_EYE, 'inner')) / 2,
    browOuter: (browHeight(c, RIGHT_EYE, 'outer') + browHeight(c, LEFT_EYE, 'outer')) / 2,
    browGap: x(336) - x(107),
    wingHeight: (y(129) + y(358) - y(133) - y(362)) / 2
  }
}

/** Each iris centre (its first point) minus the midpoint of its eye's corners, canonical, mean of both eyes. */
function irisOffset(lm: ArrayLike<number>, irises: ArrayLike<number>): { gazeX: number; gazeY: number } {
  const eyes = [LEFT_EYE, RIGHT_EYE].map((eye) => {
    const a = eye.upper[0]!
    const b = eye.upper[eye.upper.length - 1]!
    return [(lm[3 * a]! + lm[3 * b]!) / 2, (lm[3 * a + 1]! + lm[3 * b + 1]!) / 2] as const
  })
  let gx = 0
  let gy = 0
  for (const side of [0, 1]) {
    const ix = irises[side * 15]!
    const iy = irises[side * 15 + 1]!
    // each iris goes with the nearer eye, whatever order the irises come in
    const eye = eyes.reduce((best, e) =>
      Math.hypot(e[0] - ix, e[1] - iy) < Math.hypot(best[0] - ix, best[1] - iy) ? e : best
    )
    gx += (ix - eye[0]) / 2
    gy += (iy - eye[1]) / 2
  }
  return { gazeX: gx, gazeY: gy }
}

/**
 * Gaze readings of a face analysed in `image`: its irises against its eye corners (irisOffset). The irises are
 * the analysis's own (FaceAnalysis.canonicalIrises) where it reports them; an analysis without them gets them
 * from the attention model run once more on the ROI of the face's landmarks (eye corners from the same run,
 * mapped into the canonical frame with the face's pose). Null with the plain mesh model (no irises).
 */
export async function gazeReadings(
  image: RgbImage,
  face: FaceAnalysis
): Promise<{ gazeX: number; gazeY: number } | null> {
  // Read structurally so this compiles with and without the field (it came with the gaze directions).
  const own = (face as { readonly canonicalIrises?: Float32Array }).canonicalIrises
  if (own && own.length >= 30) return irisOffset(face.canonicalLandmarks, own)
  const models = await loadFaceModels()
  if (!models.landmarker.refinement) return null
  const run = await runFaceLandmarks(image, roiFromLandmarks(face.landmarks), models.landmarker)
  if (!run.irises) return null
  return irisOffset(
    landmarksToCanonical(run.landmarks, face.pose),
    landmarksToCanonical(run.irises, face.pose)
  )
}

/** All readings of a face analysed in `image` (without the gaze readings and their extra model run: `gaze` false). */
export async function faceReadings(image: RgbImage, face: FaceAnalysis, gaze = true): Promise<Readings> {
  return { ...canonicalReadings(face.canonicalLandmarks), ...(gaze ? await gazeReadings(image, face) : null) }
}

/**
 * What the readings of a face depend on, as text (the functions' code and the reading names): the footage cache is
 * keyed by it, so a changed definition re-tracks the clips while edits elsewhere do not.
 */
export const readingsFingerprint = (): string =>
  [
    READING_NAMES.join(','),
    canonicalReadings,
    browHeight,
    lowerLidHeight,
    redLipHeight,
    RED_LIP_PAIRS.join(';'),
    measureFace,
    gazeReadings,
    irisOffset,
    blinkFrames,
    relativeChange,
    BLINK_OPEN_SHARE,
    MAX_BLINK_FRAMES
  ]
    .map(String)
    .join('\n')

/**
 * A reading's change from `median` as a share of it (the yardstick of a relative ReachSide), or null where the
 * median is not a positive size (only gaps and widths have a share).
 */
export const relativeChange = (value: number, median: number): number | null =>
  median > 0 ? (value - median) / median : null

/** Share of its clip's median lid gap below which an eye counts as closed. */
export const BLINK_OPEN_SHARE = 0.5
/**
 * Longest run of closed frames that counts as a blink: 8 frames, 0.27–0.32 s at the clips' 25–30 fps (a blink's
 * closed phase lasts 0.1–0.3 s). Longer closures (a held squint, a laugh, a look down) are expressions, and
 * stay in the footage: with every closed frame left out, 14 % of the frames went, a third of some clips.
 */
export const MAX_BLINK_FRAMES = 8

/**
 * Which of a clip's frames (in order) are in a blink: a run of at most MAX_BLINK_FRAMES frames with either eye's
 * lid gap under BLINK_OPEN_SHARE of the clip's median gap of that eye, and the frame on either side of it (a
 * blink starts and ends half closed). A frame without lid readings counts as open.
 */
export function blinkFrames(frames: readonly Readings[]): boolean[] {
  const medianOf = (r: 'eyeOpenL' | 'eyeOpenR'): number => {
    const s = frames
      .map((f) => f[r])
      .filter((x): x is number => x !== undefined)
      .sort((a, b) => a - b)
    return s.length ? s[Math.floor(s.length / 2)]! : NaN
  }
  const medL = medianOf('eyeOpenL')
  const medR = medianOf('eyeOpenR')
  const closed = frames.map(
    (f) =>
      (f.eyeOpenL ?? Infinity) < BLINK_OPEN_SHARE * medL || (f.eyeOpenR ?? Infinity) < BLINK_OPEN_SHARE * medR
  )
  const blink = frames.map(() => false)
  for (let start = 0; start < closed.length; start++) {
    if (!closed[start]) continue
    let end = start
    while (end + 1 < closed.length && closed[end + 1]) end++
    if (end - start + 1 <= MAX_BLINK_FRAMES)
      for (let i = Math.max(0, start - 1); i <= Math.min(closed.length - 1, end + 1); i++) blink[i] = true
    start = end
  }
  return blink
}

/** Whether a spec reads the gaze. */
export const readsGaze = (spec: ReachSpec | null): boolean =>
  !!spec && [spec.plus, spec.minus].some((s) => s?.reading === 'gazeX' || s?.reading === 'gazeY')

/** The reading that shows one side of a direction and the sign of its change there. */
export interface ReachSide {
  readonly reading: ReadingName
  readonly sign: 1 | -1
  /**
   * Measured against the footage outside blinks (blinkFrames left out): for movements that a blink is not, whose
   * reading a blink also moves (the lids' gap, the iris's height), so that the yardstick is the movement itself.
   */
  readonly outsideBlinks: boolean
  /**
   * Measured as a share (relativeChange): the render's change over its neutral render's reading, against the
   * footage's change over its clip's median. For movements whose size is the person's own opening (a blink
   * closes the gap, however wide it was). Absent: centimetres.
   */
  readonly relative?: true
}

export interface ReachSpec {
  readonly plus: ReachSide
  /** null: one-sided (−1 is not a movement a real face makes; not counted). */
  readonly minus: ReachSide | null
}

const side = (reading: ReadingName, sign: 1 | -1, outsideBlinks = false): ReachSide => ({
  reading,
  sign,
  outsideBlinks
})
const twoSided = (reading: ReadingName, sign: 1 | -1, outsideBlinks = false): ReachSpec => ({
  plus: side(reading, sign, outsideBlinks),
  minus: side(reading, sign > 0 ? -1 : 1, outsideBlinks)
})

const REACH_SPECS: Readonly<Record<string, ReachSpec>> = {
  jawOpen: { plus: side('mouthOpen', 1), minus: null },
  jawSideways: twoSided('chinX', 1),
  smile: twoSided('cornerHeight', 1),
  frown: twoSided('cornerHeight', -1),
  pucker: twoSided('mouthWidth', -1),
  mouthStretch: twoSided('mouthWidth', 1),
  lipsPress: twoSided('lipThickness', -1),
  upperLipRaise: { plus: side('noseToLip', -1), minus: null },
  // A blink closes the lids: the share of the gap it closes (see the yardstick note at the top).
  blink: { plus: { ...side('eyeOpen', -1), relative: true }, minus: side('eyeOpen', 1) },
  blinkL: { plus: { ...side('eyeOpenL', -1), relative: true }, minus: side('eyeOpenL', 1) },
  blinkR: { plus: { ...side('eyeOpenR', -1), relative: true }, minus: side('eyeOpenR', 1) },
  // eyesWide −1 narrows the eyes without closing them, a squint raises the lower lid: against the footage's
  // narrowing outside blinks (with blinks, the 95th percentile of the lid gap's decrease is a blink's full
  // closure, about 1 cm, and of the lower lid's rise a blink's squeeze).
  eyesWide: twoSided('eyeOpen', 1, true),
  squint: twoSided('lowerLid', 1, true),
  browInnerUp: twoSided('browInner', 1),
  browOuterUp: twoSided('browOuter', 1),
  browFurrow: { plus: side('browGap', -1), minus: null },
  noseSneer: { plus: side('wingHeight', 1), minus: null }
}

// The gaze against the footage outside blinks: a closing lid hides the iris and the landmark model's iris drops
// with it, which is no gaze.
const GAZE: Readonly<Record<string, ReachSpec>> = {
  left: twoSided('gazeX', 1, true),
  right: twoSided('gazeX', -1, true),
  x: twoSided('gazeX', 1, true),
  horizontal: twoSided('gazeX', 1, true),
  up: twoSided('gazeY', 1, true),
  down: twoSided('gazeY', -1, true),
  y: twoSided('gazeY', 1, true),
  vertical: twoSided('gazeY', 1, true)
}

/** The readings of a direction, null when the bench has none for it ("no measure"). */
export function reachSpecOf(direction: string): ReachSpec | null {
  const gaze = /^(?:gaze|look|eyesLook|eyeLook)(Left|Right|Up|Down|X|Y|Horizontal|Vertical)$/i.exec(direction)
  if (gaze) return GAZE[gaze[1]!.toLowerCase()]!
  return REACH_SPECS[direction] ?? null
}
