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

/**
 * Reach gains: each orthonormal direction is scaled so that +1 is a strong expression as real faces make
 * it. Measured with `npm run bench:reach` (what the project's analysis reads of each direction at +1 on
 * eight dev portraits, against the 95th percentile of the same reading over the shared driving clips):
 * jawOpen 0.53, smile 0.92 (but visibly faint: its cheek lift hardly reads), mouthStretch 0.69,
 * pucker 0.26, eyesWide 0.35, squint 0.10, browInnerUp 0.26, browOuterUp 0.34, with the authored
 * amplitudes. Each gain moves a direction toward 1, capped where the render would stop looking like a
 * face (the brows at about 1.1 cm, past which the stretched lid skin makes the eyes look heavy). jawOpen
 * keeps 1 until the mouth has teeth and a tongue: opened further, a mouth that shows its teeth in the
 * photo only stretches them.
 * Blinks already meet the lower lid and frown reads at 1.09, so they keep 1; eyesWide keeps 1 because
 * a wider lid shows the eye layer's second pupil. Scaling an orthogonal direction keeps it orthogonal.
 */
export const EXPRESSION_REACH_GAINS: Readonly<Record<string, number>> = {
  smile: 1.4,
  mouthStretch: 1.4,
  pucker: 2,
  squint: 2,
  browInnerUp: 1.6,
  browOuterUp: 1.5,
  browFurrow: 2,
  upperLipRaise: 1.4,
  noseSneer: 1.4
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
      const gain = (result.amplitudes[i]! / result.fidelity[i]!) * (EXPRESSION_REACH_GAINS[d.name] ?? 1)
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
