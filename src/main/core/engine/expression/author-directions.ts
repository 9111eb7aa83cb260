import { authoringGeometry } from './authoring-geometry'
import { mouthFields } from './mouth-fields'
import { upperFaceFields } from './upper-face-fields'

/**
 * Authored expression displacement fields on the canonical face mesh.
 *
 * Units and frame: canonical centimetres, x toward the subject's left, y up, z toward the camera. Each field is
 * the displacement of every vertex at slider +1 ("strong but natural"). Fields are smooth functions of the
 * vertex position (Gaussian falloffs, smoothsteps across lip and lid contours) so they stay local and have
 * no seams; lids and the jaw use contour curves interpolated from the landmark sets in `face-regions.ts`.
 */

export interface CanonicalMesh {
  /** 468 x (x, y, z), cm. */
  readonly vertices: ArrayLike<number>
  /** 3 vertex indices per triangle. */
  readonly triangles: ArrayLike<number>
}

export interface AuthoredDirection {
  readonly name: string
  /** 468 x (dx, dy, dz), cm at slider +1. */
  readonly field: Float64Array
}

/** The authored fields, in the directions' order: mouth and jaw, then eyes, brows and nose. */
export function authorExpressionDirections(mesh: CanonicalMesh): AuthoredDirection[] {
  const g = authoringGeometry(mesh)
  const fields = { ...mouthFields(g), ...upperFaceFields(g) }
  return Object.entries(fields).map(([name, f]) => {
    const field = new Float64Array(g.n * 3)
    for (let i = 0; i < g.n; i++) {
      const d = f(g.V(i), i)
      field[3 * i] = d[0]
      field[3 * i + 1] = d[1]
      field[3 * i + 2] = d[2]
    }
    return { name, field }
  })
}
