import type { FaceBox } from '../face/face-analysis'
import type { EngineCamera } from './camera'

/**
 * Face-centred framing of an output whose aspect differs from the portrait's.
 *
 * The renderer (build/pack/renderer/resample.ts, renderFrame in src/main/core/engine/engine.ts) reads, along
 * each axis, source px s = srcLen/2 + (o + 0.5 − outLen/2 − pan·outLen)·σ/zoom for output px o, with
 * σ = min(srcW/outW, srcH/outH). At zoom 1 that is the largest window of the output's aspect that fits in
 * the portrait (outW·σ × outH·σ source px), centred, so a square output of a tall portrait used to show its
 * middle and cut the top of the head off. The window's centre is c = srcLen/2 − pan·outLen·σ/zoom, hence
 * pan = (srcLen/2 − c)·zoom/(outLen·σ). The framing keeps zoom 1 (the same window size, so the same output
 * px per portrait px as before, and no band outside the portrait, where the renderer has no plate) and only
 * chooses where the window sits: on the head with room for its hair, clamped inside the portrait.
 *
 * Margins around the face-mesh landmarks' bounding box (`faceBoxOfLandmarks`: forehead top to chin, ear to
 * ear), chosen from the 28 shared portraits and the fixture at 512 px, landmark box against the selfie
 * segmentation's outline:
 * - above: 0.85 face heights over the mesh top. The brows sit 0.12–0.20 face heights under it and the hair
 *   reaches 0.24–0.66 above it (one painting with a tall hairdo 0.94), so this is about one face height above
 *   the brows: the crown with some headroom, also when the turntable preset looks from above.
 * - below: 0.35 face heights under the chin (the jaw's travel when it opens, and some neck).
 * - sides: 0.5 face widths (the hair beside the face is 0.0–0.6 wide, and a ±35° turn shifts the head
 *   sideways by a fifth to a quarter of a face width).
 * The window is centred on that head region (horizontally the face's centre; vertically a quarter of a face
 * height above the face box's centre, since the region reaches further up than down). Where the window is
 * smaller than the region along an axis, it stays as close to that centre as keeps the whole face box in;
 * where it is smaller than the face box too, it is centred on the face.
 */
export const HEAD_MARGINS = {
  /** Above the face box's top, in face heights. */
  above: 0.85,
  /** Below the face box's bottom, in face heights. */
  below: 0.35,
  /** Left and right of the face box, in face widths. */
  sides: 0.5
} as const

/** The part of the renderer's camera that frames the picture (`EngineCamera` units). */
export type ViewFraming = Pick<EngineCamera, 'zoom' | 'panX' | 'panY'>

/** The source framing: the whole portrait (or its largest centred window of the output's aspect). */
export const UNFRAMED: ViewFraming = { zoom: 1, panX: 0, panY: 0 }

export interface FrameOnHeadInput {
  /** The portrait the avatar was built from, px (the working image: the face box is in the same px). */
  readonly portrait: { readonly width: number; readonly height: number }
  /** The face's box in portrait px (the landmarks' bounding box, `faceBoxOfLandmarks`). */
  readonly face: FaceBox
  /** Output size, px; only its aspect and the renderer's σ matter. */
  readonly output: { readonly width: number; readonly height: number }
}

/**
 * The framing that shows the head with its hair in an output of another aspect than the portrait's (see the
 * module comment). Along an axis where the output's window covers the portrait to within one output px (the
 * same aspect, up to rounding the size to whole px) the framing is the source's: nothing changes.
 */
export function frameOnHead(input: FrameOnHeadInput): ViewFraming {
  const { portrait, face, output } = input
  for (const [name, value] of [
    ['portrait.width', portrait.width],
    ['portrait.height', portrait.height],
    ['output.width', output.width],
    ['output.height', output.height]
  ] as const) {
    if (!(Number.isFinite(value) && value > 0)) {
      throw new RangeError(`frameOnHead: ${name} must be a positive number, got ${value}`)
    }
  }
  if (
    ![face.x, face.y, face.width, face.height].every(Number.isFinite) ||
    face.width < 0 ||
    face.height < 0
  ) {
    throw new RangeError(`frameOnHead: the face box must be finite with a non-negative size`)
  }
  const sigma = Math.min(portrait.width / output.width, portrait.height / output.height)
  const region = headRegion(face)
  const centreX = placeWindow({
    length: portrait.width,
    window: output.width * sigma,
    onePx: sigma,
    face: [face.x, face.x + face.width],
    region: [region.x, region.x + region.width]
  })
  const centreY = placeWindow({
    length: portrait.height,
    window: output.height * sigma,
    onePx: sigma,
    face: [face.y, face.y + face.height],
    region: [region.y, region.y + region.height]
  })
  return {
    zoom: 1,
    panX: panFor(portrait.width, output.width * sigma, centreX),
    panY: panFor(portrait.height, output.height * sigma, centreY)
  }
}

/** The face box widened by `HEAD_MARGINS`: the head with its hair, which the framing tries to keep in. */
export function headRegion(face: FaceBox): FaceBox {
  const x = face.x - HEAD_MARGINS.sides * face.width
  const y = face.y - HEAD_MARGINS.above * face.height
  return {
    x,
    y,
    width: face.width * (1 + 2 * HEAD_MARGINS.sides),
    height: face.height * (1 + HEAD_MARGINS.above + HEAD_MARGINS.below)
  }
}

/**
 * A user's camera (timeline, project, command line) on top of a framing: the framed view is the base, so the
 * user's zoom scales about the framed window's centre and the user's pan moves by fractions of the output as
 * before. Output px o reads s = srcLen/2 + ((o' − p·outLen)/z − pF·outLen)·σ/zF (o' = o + 0.5 − outLen/2),
 * i.e. zoom z·zF and pan p + pF·z. Yaw, pitch and roll pass through. With `UNFRAMED` the camera's values
 * come back unchanged.
 */
export function composeCamera(
  framing: ViewFraming,
  camera: Partial<EngineCamera> = {}
): Partial<EngineCamera> {
  const zoom = camera.zoom ?? 1
  return {
    ...camera,
    zoom: zoom * framing.zoom,
    panX: (camera.panX ?? 0) + framing.panX * zoom,
    panY: (camera.panY ?? 0) + framing.panY * zoom
  }
}

/** True when the framing is the source's (composing it changes nothing). */
export function isUnframed(framing: ViewFraming): boolean {
  return framing.zoom === 1 && framing.panX === 0 && framing.panY === 0
}

/** The axis-aligned bounding box of face-mesh landmarks (x, y, z triplets in image px). */
export function faceBoxOfLandmarks(landmarks: ArrayLike<number>): FaceBox {
  let left = Infinity
  let right = -Infinity
  let top = Infinity
  let bottom = -Infinity
  for (let i = 0; i + 2 < landmarks.length; i += 3) {
    const x = landmarks[i]!
    const y = landmarks[i + 1]!
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue
    left = Math.min(left, x)
    right = Math.max(right, x)
    top = Math.min(top, y)
    bottom = Math.max(bottom, y)
  }
  if (!(right >= left && bottom >= top)) throw new RangeError('faceBoxOfLandmarks: no finite landmark')
  return { x: left, y: top, width: right - left, height: bottom - top }
}

/** The window's centre along one axis, in source px. */
function placeWindow(axis: {
  length: number
  window: number
  /** Source px per output px (σ). */
  onePx: number
  face: readonly [number, number]
  region: readonly [number, number]
}): number {
  const { length, window, onePx, face, region } = axis
  // The window covers the whole axis to within one output px: the source's framing, exactly.
  if (length - window < onePx) return length / 2
  const half = window / 2
  let centre = (region[0] + region[1]) / 2
  if (window < region[1] - region[0]) {
    centre =
      window >= face[1] - face[0]
        ? Math.min(Math.max(centre, face[1] - half), face[0] + half)
        : (face[0] + face[1]) / 2
  }
  return Math.min(Math.max(centre, half), length - half)
}

/** The renderer's pan (fraction of the output) that centres a window of `window` source px on `centre` at zoom 1. */
function panFor(length: number, window: number, centre: number): number {
  const pan = (length / 2 - centre) / window
  return pan === 0 ? 0 : pan
}
