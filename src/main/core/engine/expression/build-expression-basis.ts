import { authorExpressionDirections, type CanonicalMesh } from './author-directions'
import { lowdinOrthonormalize, vertexAreaWeights } from './orthonormalize'

export const EXPRESSION_INNER_PRODUCT =
  'vertex-area-weighted Euclidean on canonical-mesh displacements (cm), Löwdin symmetric orthonormalisation'

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
    weights
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
