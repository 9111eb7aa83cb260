// The mouth of the animated 3D face (.glb, OBJ sequence). The canonical mesh spans the mouth opening (between the
// inner lips) with a skin of the photo, which a jaw opening could only stretch; so those triangles are left out of
// the skin, and behind the opening sit a dark cavity and two teeth strips. The upper teeth stay with the skull; the
// lower teeth move rigidly with the chin (each direction's mean displacement of the chin landmarks), and the cavity
// is a rubber sheet whose top stays with the skull and whose bottom row moves with the chin, so it stays behind the
// lower lip as the jaw opens; its sides follow the mouth corners. The teeth are painted from the photo where its
// mouth is open (its own teeth, so a portrait with an open mouth looks as it did at rest) and ivory elsewhere
// (`paintTeeth`). Canonical frame (x toward the subject's left, y up, z out of the face), cm.
import { type FaceAnalysis } from '@shared/face/face-analysis'
import { inPolygon, type Polygon } from '../engine/avatar/face-openings'
import { INNER_LIP_LOWER, INNER_LIP_RING, INNER_LIP_UPPER } from '../engine/expression/face-regions'

/** Cavity vertices across and down. */
const CAVITY_COLUMNS = 10
const CAVITY_ROWS = 6
/** How far (cm) the cavity's middle sits behind the inner lips, and how much deeper its edges curve back. */
const CAVITY_DEPTH_CM = 1.1
const CAVITY_CURVE_CM = 1.6
/** The cavity's reach (cm) past the mouth corners, above the upper lip and below the lower lip at rest. */
const CAVITY_MARGIN_CM = { side: 0.5, top: 0.5, bottom: 1.0 } as const
/** Chin landmarks whose mean displacement moves the lower teeth and the cavity's bottom. */
const CHIN = [152, 175, 199, 200] as const
/** The teeth: how far (cm) behind the inner lip they sit, their reach above and below it, and their sideways curve. */
const TEETH = {
  upper: { behind: 0.35, above: 0.3, below: 0.7 },
  lower: { behind: 0.5, above: 0.6, below: 0.3 },
  curveCm: 0.6
} as const

/** A plain linear-RGB colour (0..1), for the surfaces with no photo: the mouth's cavity and its teeth. */
export interface MouthColour {
  readonly colour: readonly [number, number, number]
}

/** The mouth cavity's dark red (linear RGB, as glTF's baseColorFactor). */
export const MOUTH_COLOURS = {
  mouth: { colour: [0.05, 0.012, 0.012] }
} as const satisfies Record<string, MouthColour>

/** The teeth's ivory where the photo shows no teeth (sRGB, 0..255). */
export const TEETH_SRGB = [207, 201, 187] as const

export interface FaceMouth {
  /** Landmarks round the mouth opening: a skin triangle with every corner on it spans the opening. */
  readonly ringSet: ReadonlySet<number>
  /** The cavity's and the teeth's vertices, canonical cm (cavity first). */
  readonly position: Float32Array
  /** Per vertex, where it lies in the portrait at rest, px (the cavity's all at the lips' middle: it is untextured). */
  readonly picturePx: Float32Array
  /** The mouth opening in the portrait (the inner lips), px: the teeth show the photo inside it. */
  readonly opening: Polygon
  /** Triangles of the cavity and of the teeth over these vertices (0-based), counter-clockwise from the front. */
  readonly cavityTriangles: Uint16Array
  readonly teethTriangles: Uint16Array
  /** The vertices' offsets (cm, one xyz a vertex) for a direction whose landmark field at +1 is `field` (cm). */
  readonly offsets: (field: ArrayLike<number>) => Float32Array
}

/** A grid's triangles, counter-clockwise from the front, rows running down (y falls) and columns toward +x. */
function gridTriangles(first: number, columns: number, rows: number, out: number[]): void {
  for (let r = 0; r < rows - 1; r++) {
    for (let c = 0; c < columns - 1; c++) {
      const i = first + r * columns + c
      out.push(i, i + columns, i + 1, i + 1, i + columns, i + columns + 1)
    }
  }
}

/** Picture px of the canonical point `q` (cm) under the portrait's pose: (sR q + t) with y flipped. */
function project(pose: FaceAnalysis['pose'], q: ArrayLike<number>): [number, number] {
  const m = pose.matrix
  const x = m[0]! * q[0]! + m[1]! * q[1]! + m[2]! * q[2]! + m[3]!
  const y = m[4]! * q[0]! + m[5]! * q[1]! + m[6]! * q[2]! + m[7]!
  return [x, -y]
}

/** The mouth of `face`: its neutral shape is the canonical landmarks (cm), its picture the landmarks (px). */
export function faceMouth(face: Pick<FaceAnalysis, 'landmarks' | 'canonicalLandmarks' | 'pose'>): FaceMouth {
  const canonical = face.canonicalLandmarks
  const at = (v: number, axis: number): number => canonical[3 * v + axis]!
  const ring = INNER_LIP_RING
  const z = ring.reduce((sum, v) => sum + at(v, 2), 0) / ring.length
  const [left, right] = [INNER_LIP_UPPER[0], INNER_LIP_UPPER[INNER_LIP_UPPER.length - 1]]
  const x0 = at(left, 0) - CAVITY_MARGIN_CM.side
  const x1 = at(right, 0) + CAVITY_MARGIN_CM.side
  const top = Math.max(...INNER_LIP_UPPER.map((v) => at(v, 1))) + CAVITY_MARGIN_CM.top
  const bottom = Math.min(...INNER_LIP_LOWER.map((v) => at(v, 1))) - CAVITY_MARGIN_CM.bottom
  const cavity = CAVITY_COLUMNS * CAVITY_ROWS
  // Each teeth strip: the inner lip's landmarks between the corners, two rows (top, bottom).
  const upper = INNER_LIP_UPPER.slice(1, -1)
  const lower = INNER_LIP_LOWER.slice(1, -1)
  const strip = upper.length * 2
  const position = new Float32Array((cavity + 2 * strip) * 3)
  /** 0 at the middle, 1 at the corners: how much a point's sideways place curves it back. */
  const side = (x: number): number => Math.min(1, Math.abs((2 * (x - x0)) / (x1 - x0) - 1))
  const follow = new Float32Array(cavity) // how much each cavity vertex moves with the chin (0 top … 1 bottom)
  const sideways = new Float32Array(cavity) // −1 … 1: with the subject's right corner … the left one
  for (let r = 0; r < CAVITY_ROWS; r++) {
    for (let c = 0; c < CAVITY_COLUMNS; c++) {
      const [u, w] = [c / (CAVITY_COLUMNS - 1), r / (CAVITY_ROWS - 1)]
      const i = r * CAVITY_COLUMNS + c
      const depth = z - CAVITY_DEPTH_CM - (CAVITY_CURVE_CM * ((2 * u - 1) ** 2 + (2 * w - 1) ** 2)) / 2
      position.set([x0 + u * (x1 - x0), top + w * (bottom - top), depth], 3 * i)
      follow[i] = w
      sideways[i] = 2 * u - 1
    }
  }
  const teeth = (
    lip: readonly number[],
    first: number,
    shape: { readonly behind: number; readonly above: number; readonly below: number }
  ): void => {
    lip.forEach((v, k) => {
      const depth = at(v, 2) - shape.behind - TEETH.curveCm * side(at(v, 0)) ** 2
      position.set([at(v, 0), at(v, 1) + shape.above, depth], 3 * (first + k))
      position.set([at(v, 0), at(v, 1) - shape.below, depth], 3 * (first + lip.length + k))
    })
  }
  teeth(upper, cavity, TEETH.upper)
  teeth(lower, cavity + strip, TEETH.lower)
  const cavityTriangles: number[] = []
  gridTriangles(0, CAVITY_COLUMNS, CAVITY_ROWS, cavityTriangles)
  const teethTriangles: number[] = []
  gridTriangles(cavity, upper.length, 2, teethTriangles)
  gridTriangles(cavity + strip, lower.length, 2, teethTriangles)

  const offsets = (field: ArrayLike<number>): Float32Array => {
    const out = new Float32Array(position.length)
    const mean = (vs: readonly number[], axis: number): number =>
      vs.reduce((sum, v) => sum + field[3 * v + axis]!, 0) / vs.length
    const chin = [0, 1, 2].map((a) => mean(CHIN, a))
    const corner = [left, right].map((v) => field[3 * v]!)
    for (let i = 0; i < cavity; i++) {
      const s = sideways[i]!
      const cornerX = s < 0 ? -s * corner[0]! : s * corner[1]!
      const f = follow[i]!
      out.set([cornerX + f * chin[0]!, f * chin[1]!, f * chin[2]!], 3 * i)
    }
    for (let i = cavity + strip; i < cavity + 2 * strip; i++) out.set(chin, 3 * i)
    return out
  }
  const lm = face.landmarks
  const picturePx = new Float32Array((position.length / 3) * 2)
  const lips = [(lm[3 * 13]! + lm[3 * 14]!) / 2, (lm[3 * 13 + 1]! + lm[3 * 14 + 1]!) / 2]
  for (let i = 0; i < cavity; i++) picturePx.set(lips, 2 * i)
  for (let i = cavity; i < position.length / 3; i++) {
    picturePx.set(project(face.pose, position.subarray(3 * i, 3 * i + 3)), 2 * i)
  }
  return {
    ringSet: new Set(ring),
    position,
    picturePx,
    opening: ring.map((v) => [lm[3 * v]!, lm[3 * v + 1]!] as const),
    cavityTriangles: Uint16Array.from(cavityTriangles),
    teethTriangles: Uint16Array.from(teethTriangles),
    offsets
  }
}

/**
 * Paints the teeth over `rgb` (a picture of `width` × `height` px whose top left is the portrait's px (x0, y0), RGB
 * 0..255): ivory wherever the portrait's mouth is not open, so the strips show the photo's own teeth only where the
 * photo shows the inside of the mouth.
 */
export function paintTeeth(
  rgb: Uint8Array,
  box: { readonly x: number; readonly y: number; readonly width: number; readonly height: number },
  opening: Polygon
): void {
  for (let y = 0; y < box.height; y++) {
    for (let x = 0; x < box.width; x++) {
      if (inPolygon(box.x + x + 0.5, box.y + y + 0.5, opening)) continue
      rgb.set(TEETH_SRGB, (y * box.width + x) * 3)
    }
  }
}
