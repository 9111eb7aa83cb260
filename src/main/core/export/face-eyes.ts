// The eyes of the animated 3D face (.glb). The canonical mesh spans each eye opening with the photo's eye, which
// cannot look elsewhere; so those triangles are left out of the skin, and behind each opening a sheet carries the
// eyeball the avatar builder paints (`engine/avatar/eyeball-texture.ts`: the photo where the eye shows, the iris
// completed, sclera under the lids). The gaze directions move the sheet as the engine moves the eyeball, a rubber
// sheet pinned at its border (under the lids) carrying the eyeball's travel at its middle (cm at +1, along the eye's
// axis and up); a blink sinks its eye's sheet (BLINK_SINK) behind the closing lid. Canonical frame, cm.
import { type FaceAnalysis } from '@shared/face/face-analysis'
import { createAvatarGrid } from '../engine/avatar/avatar-grid'
import { BLINK_SINK } from '../engine/avatar/eye-blink'
import { eyeRegions } from '../engine/avatar/eye-region'
import { paintEyeballs, type EyeballPatch } from '../engine/avatar/eyeball-texture'
import { faceOpenings } from '../engine/avatar/face-openings'
import { type RgbImage } from '../image/decode-image'

/** Sheet vertices across and down each eye. */
const SHEET_COLUMNS = 12
const SHEET_ROWS = 8
/** How far (cm) the sheet's middle sits behind its eye's lid margins. */
const BEHIND_LIDS_CM = 0.15
/**
 * How much deeper (cm) the sheet's corners are than its middle: it curves back like the eyeball, so past the eye's
 * corners, where the skin recedes toward the temples, it stays behind the skin (flat, it showed through there).
 */
const SHEET_CURVE_CM = 2.5
/** Each eye's corners, from the subject's right to left (the eye's axis), and the blink that closes it. */
const EYES = [
  { corners: [33, 133], blink: 'blinkR' },
  { corners: [362, 263], blink: 'blinkL' }
] as const

export interface FaceEyes {
  /** The skin's triangles without those spanning the eye openings. */
  readonly skinTriangles: Uint16Array
  /** The sheets' vertices, canonical cm. */
  readonly position: Float32Array
  /** Per sheet vertex, where it lies in the portrait, px. */
  readonly picturePx: Float32Array
  /** Triangles over the sheets' own vertices (0-based), counter-clockwise seen from the front. */
  readonly triangles: Uint16Array
  /** The painted eyeballs, to lay over the photo for the sheets' texture. */
  readonly patches: readonly EyeballPatch[]
  /** The sheets' offsets (cm, one xyz a vertex) at weight 1 of direction `name`, whose eyeball travel is `eyeball`. */
  readonly offsets: (name: string, eyeball: readonly [number, number] | undefined) => Float32Array
}

/** The canonical point at depth `z` that the pose shows at picture px (x, y). */
function unproject(pose: FaceAnalysis['pose'], x: number, y: number, z: number): [number, number] {
  const m = pose.matrix
  // Picture px = (sR q + t) with y flipped; solve the 2 × 2 system in (qx, qy).
  const [a, b, c, d] = [m[0]!, m[1]!, m[4]!, m[5]!]
  const rx = x - m[3]! - m[2]! * z
  const ry = -y - m[7]! - m[6]! * z
  const det = a * d - b * c
  return [(d * rx - b * ry) / det, (a * ry - c * rx) / det]
}

/** The eyes of `face` analysed in `picture`. */
export function faceEyes(
  face: Pick<FaceAnalysis, 'landmarks' | 'canonicalLandmarks' | 'irises' | 'pose'>,
  picture: RgbImage,
  triangles: ArrayLike<number>
): FaceEyes {
  const lm = face.canonicalLandmarks
  const grid = createAvatarGrid(picture.width, picture.height, face.pose.scale)
  const openings = faceOpenings(face.landmarks, grid.cell).eyes
  const patches = paintEyeballs(
    picture,
    openings,
    eyeRegions(face.landmarks, face.pose.scale),
    face.irises,
    grid
  )
  const skin: number[] = []
  for (let t = 0; t < triangles.length; t += 3) {
    const corners = [triangles[t]!, triangles[t + 1]!, triangles[t + 2]!]
    if (!openings.some((o) => corners.every((v) => o.ringSet.has(v)))) skin.push(...corners)
  }
  const perSheet = SHEET_COLUMNS * SHEET_ROWS
  const position = new Float32Array(2 * perSheet * 3)
  const picturePx = new Float32Array(2 * perSheet * 2)
  const sheetTriangles: number[] = []
  const pinned = new Float32Array(2 * perSheet)
  patches.forEach((patch, e) => {
    const ring = openings[e]!.ring
    const z = ring.reduce((sum, v) => sum + lm[3 * v + 2]!, 0) / ring.length - BEHIND_LIDS_CM
    for (let r = 0; r < SHEET_ROWS; r++) {
      for (let c = 0; c < SHEET_COLUMNS; c++) {
        const [u, w] = [c / (SHEET_COLUMNS - 1), r / (SHEET_ROWS - 1)]
        const x = patch.x0 + u * patch.w
        const y = patch.y0 + w * patch.h
        const i = e * perSheet + r * SHEET_COLUMNS + c
        const depth = z - (SHEET_CURVE_CM * ((2 * u - 1) ** 2 + (2 * w - 1) ** 2)) / 2
        position.set([...unproject(face.pose, x, y, depth), depth], 3 * i)
        picturePx.set([x, y], 2 * i)
        pinned[i] = Math.sin(Math.PI * u) * Math.sin(Math.PI * w)
        // Picture rows run down and canonical y up: (r, c) → (r, c+1) → (r+1, c) turns counter-clockwise.
        if (r < SHEET_ROWS - 1 && c < SHEET_COLUMNS - 1) {
          sheetTriangles.push(i, i + SHEET_COLUMNS, i + 1, i + 1, i + SHEET_COLUMNS, i + SHEET_COLUMNS + 1)
        }
      }
    }
  })
  const axes = EYES.map(({ corners: [a, b] }) => {
    const d = [0, 1, 2].map((k) => lm[3 * b + k]! - lm[3 * a + k]!)
    const length = Math.hypot(d[0]!, d[1]!, d[2]!) || 1
    return d.map((v) => v / length)
  })
  const offsets = (name: string, eyeball: readonly [number, number] | undefined): Float32Array => {
    const out = new Float32Array(position.length)
    const [along, up] = eyeball ?? [0, 0]
    EYES.forEach((eye, e) => {
      const axis = axes[e]!
      const sink = name === eye.blink ? BLINK_SINK : 0
      for (let k = 0; k < perSheet; k++) {
        const i = e * perSheet + k
        const w = pinned[i]!
        out.set([along * axis[0]! * w, (along * axis[1]! + up) * w, along * axis[2]! * w - sink], 3 * i)
      }
    })
    return out
  }
  return {
    skinTriangles: Uint16Array.from(skin),
    position,
    picturePx,
    triangles: Uint16Array.from(sheetTriangles),
    patches,
    offsets
  }
}
