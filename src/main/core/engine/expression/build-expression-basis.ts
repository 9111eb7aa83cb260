import { authorExpressionDirections, type CanonicalMesh } from './author-directions'
import { lowdinOrthonormalize, vertexAreaWeights } from './orthonormalize'

export const EXPRESSION_INNER_PRODUCT =
  'vertex-area-weighted Euclidean on canonical-mesh displacements (cm), priority-weighted Löwdin orthonormalisation'

/**
 * Priorities of the weighted Löwdin step: the large, unmistakable motions keep their authored shape (a jaw
 * that opens must part the lips and take the corners down; a blink must close the lid) and the subtler
 * directions that overlap them give way. Unlisted directions have priority 1.
 */
export const EXPRESSION_PRIORITIES: Readonly<Record<string, number>> = {
  jawOpen: 4,
  blinkL: 2,
  blinkR: 2,
  smile: 2.5,
  eyesWide: 1.4,
  frown: 1.5,
  pucker: 1.5,
  browInnerUp: 1.5,
  browOuterUp: 1.5
}

export interface ExpressionBasisDirection {
  readonly name: string
  /**
   * Displacement at slider +1: the orthonormal direction scaled so that its projection on the authored field
   * equals the authored field's norm (amplitude / fidelity). 468 x 3, canonical cm.
   */
  readonly field: Float64Array
  readonly amplitude: number
  readonly fidelity: number
}

export interface ExpressionBasis {
  readonly directions: ExpressionBasisDirection[]
  readonly maxAbsCosine: number
  readonly maxAbsCosineAuthored: number
  readonly innerProduct: string
}

export function buildExpressionBasis(mesh: CanonicalMesh): ExpressionBasis {
  const authored = authorExpressionDirections(mesh)
  const weights = vertexAreaWeights(mesh.vertices, mesh.triangles)
  const result = lowdinOrthonormalize(
    authored.map((d) => d.field),
    weights,
    authored.map((d) => EXPRESSION_PRIORITIES[d.name] ?? 1)
  )
  return {
    directions: authored.map((d, i) => {
      const gain = result.amplitudes[i]! / result.fidelity[i]!
      return {
        name: d.name,
        field: result.directions[i]!.map((x) => x * gain),
        amplitude: result.amplitudes[i]!,
        fidelity: result.fidelity[i]!
      }
    }),
    maxAbsCosine: result.maxAbsCosine,
    maxAbsCosineAuthored: result.maxAbsCosineAuthored,
    innerProduct: EXPRESSION_INNER_PRODUCT
  }
}
