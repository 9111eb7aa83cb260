import { authorExpressionDirections, type CanonicalMesh } from './author-directions'
import { applyHold, BROW_MOVES, browLidHold } from './brow-lid-hold'
import { FITTED_DIRECTIONS, type FittedDirections } from './fitted-directions'
import { LIP_SEALED, lipPartingFields, sealLips } from './lip-seal'
import {
  innerProduct,
  lowdinOrthonormalize,
  vertexAreaWeights,
  type OrthonormalResult
} from './orthonormalize'

export const EXPRESSION_INNER_PRODUCT =
  'vertex-area-weighted Euclidean on canonical-mesh displacements (cm), priority-weighted Löwdin orthonormalisation'

/**
 * Priorities of the weighted Löwdin step: the large, unmistakable motions keep their input shape (fitted or
 * authored: a jaw that opens must part the lips and take the corners down; a blink must close the lid) and the
 * subtler directions that overlap them give way. Unlisted directions have priority 1. eyesWide has the blinks'
 * priority: its fitted lid opening overlaps them (cos −0.54), and at 1.4 it kept only cos 0.54 with its
 * authored shape (0.61 at 2, the blinks going from 0.97 to 0.95). upperLipRaise 1.5: the lipsPress press (authored,
 * the upper lip's border down) overlaps it (cos −0.3); at 1 it gave way, its nose-to-lip shortening at +1 going
 * from 0.72 to 0.6 cm (bench:reach on six portraits 1.18 → 0.77 with the press at 0.2 cm on the upper lip).
 * browFurrow 0.5: its brow heads come down as they gather, which overlaps browInnerUp lowered; at 1 the fitted
 * inner raise gave way (cos 0.991 with its shape before, its inner brows' rise at +1 1.28 → 1.11 cm), at 0.5 it
 * keeps cos 0.998 (1.22 cm) and the furrow its lowering.
 */
export const EXPRESSION_PRIORITIES: Readonly<Record<string, number>> = {
  jawOpen: 4,
  blinkL: 2,
  blinkR: 2,
  smile: 2.5,
  eyesWide: 2,
  upperLipRaise: 1.5,
  frown: 1.5,
  pucker: 1.5,
  browInnerUp: 1.5,
  browOuterUp: 1.5,
  browFurrow: 0.5
}

/**
 * Reach gains, the fallback for directions whose amplitude the fit does not supply (their shape stays authored,
 * see `fitted-directions.json`): the orthonormal direction is scaled so that its projection on the authored
 * field equals the authored norm, times this gain, so that +1 is a strong expression as real faces make it.
 * Set by hand from `npm run bench:reach` (what the project's analysis reads of each direction at +1 on eight
 * dev portraits, against the 95th percentile of the same reading over the shared driving clips) with the
 * authored amplitudes: jawOpen 0.53, smile 0.92, mouthStretch 0.69, pucker 0.26, eyesWide 0.35, squint 0.10,
 * browInnerUp 0.26, browOuterUp 0.34; each gain moves a direction toward 1, capped where the render would
 * stop looking like a face. Blinks meet the lower lid (the avatar scales them to
 * the person's lid gap) and frown reads at 1.09, so they keep 1. Scaling an orthogonal direction keeps it
 * orthogonal. Directions fitted to real motion take their amplitude from it instead (`EXPRESSION_PEAK_CAPS_CM`).
 * browFurrow 1.5: each brow head about 0.7 cm toward the midline (the authored 0.35 × 1.5, over the direction's
 * fidelity 0.81 after the orthonormalisation) and 0.45 cm down, the glabella between them about half as wide, a
 * strong corrugator pull (a real one narrows the gap between the brows by 0.5–0.8 cm). The analysis reads a
 * tenth to a fifth of the gathering (the landmark model hardly moves its brow points sideways; browInnerUp ±1
 * moves the same reading by up to ±0.45 cm as the brows rise or fall); the heads coming down (lids held) make
 * it read more (hallo_ref6 −0.11 → −0.19 cm, lp_drv12 −0.04 → −0.16). The old field reached 0.54 at gain 2
 * only by folding the brows' lower heads 1.1 cm in, over each other, which tore a seam down the glabella.
 */
export const EXPRESSION_REACH_GAINS: Readonly<Record<string, number>> = {
  smile: 1.4,
  mouthStretch: 1.4,
  pucker: 3,
  squint: 2,
  browInnerUp: 1.6,
  browOuterUp: 1.5,
  browFurrow: 1.5,
  upperLipRaise: 1.4,
  noseSneer: 1.4
}

/**
 * Caps on the +1 amplitude that real motion asks for, as the largest displacement of any vertex (cm): past
 * them the render stops looking like a face. Set by looking at ±1 renders of hallo_ref6, lp_s42, cf_0478 and
 * the astronaut fixture (in parentheses: the peak real motion asks for, `npm run fit:expressions`, with the
 * read-back measured at the cap).
 * - jawOpen 2.6 (3.1): the mouth interior is the photo's. On a portrait that shows its teeth (astronaut) the
 *   lower teeth go down with the jaw and a dark cavity opens between the rows only past about 2.3 cm (below,
 *   the teeth just stretch taller; the render test asks for a cavity's worth of dark pixels); by 2.85 the rows
 *   are in fragments, and the driving test's self-driven astronaut reads its own +1 as less open than its 0.7
 *   (the driven jaw clamps and steps 0.48 into a gap). A closed mouth opens onto a clean cavity (hallo_ref6).
 * - smile 1.3 (1.7): the fitted smile parts the lips as it pulls the corners back; on a portrait that shows
 *   its teeth, dark gaps open at the corners past about 1.3 cm (astronaut).
 * - upperLipRaise 1.0 (1.6): further, the upper lip curls over stretched teeth (lp_s42).
 * - eyesWide 0.5 (0.8): the lifted lid uncovers the painted eyeball under it (iris top, sclera; it showed a
 *   second pupil before the eyeball reached under the lids). Further (0.6 tried) the stare's uncovered sclera is
 *   a flat, cell-stepped patch on small or painted eyes (cf_0478, sad_art14); reach read back 0.55 at 0.6.
 * - squint 0.85 (1.0): the eyeball rides with the eye's lift (eye-blink's addCornerFollow), so +1 narrows the eye
 *   from both lids and −1 opens it onto painted sclera above and below the iris. At 0.95 (reach +1 0.97 on ten
 *   dev portraits, measured by the lower lid's rise) the narrowed lids' edges go ragged over the iris (lp_s42) and
 *   −1 tears dark bits at the outer corners (sad_people0); at 0.85 +1 reads 0.89 and −1 0.83.
 * - browInnerUp, browOuterUp 1.4 (1.31, 1.18, neither capped): at 1.1 the eyes looked heavy, but that was the
 *   fields moving the lids (raised brows narrowed the eyes); with the lids held (browLidHold) the real amplitudes
 *   render as surprise with the eyes open (cf_0478, dt_face3, hallo_ref3, lp_s7, lp_s42, sad_people0), the skin
 *   between the lid's rim and the brow stretching evenly. Lowered (−1) it compresses toward the rim, where the
 *   splats of the rim and the skin over it show a thin jagged seam (as they did before, with the lids moving).
 *   Their entries in `fitted-directions.json` (p95, read-back, amplitude) were re-measured on the held directions.
 *   Read back over all 28 dev portraits instead of four, real motion asks for 1.34 (inner, uncapped) and 1.87
 *   (outer, capped).
 * - noseSneer 1.05 (2.3): the fitted field lifts the nose as a block (the tip 0.7 cm at 1.05 cm on the wings), which
 *   reads as a shorter nose: centred identity down to 0.50 already there. The analysis reads less than a tenth of
 *   it over the 28 portraits (read-back 0.078, floored at MIN_READBACK in the fit), so real motion asks for 2.3 cm.
 *   A wing lift with the tip held (a real sneer's shape) read 0.16 with 5 portraits of the wrong sign against the
 *   block's 0.39: the landmark model's nose wings follow the nose as a whole.
 */
export const EXPRESSION_PEAK_CAPS_CM: Readonly<Record<string, number>> = {
  jawOpen: 2.6,
  smile: 1.3,
  upperLipRaise: 1.0,
  eyesWide: 0.5,
  squint: 0.85,
  browInnerUp: 1.4,
  browOuterUp: 1.4,
  noseSneer: 1.05
}

/**
 * Names whose fitted shape is not taken as their direction (each takes its authored field) but stays in the
 * orthonormalisation as an unnamed real motion, with this priority, that the named directions are kept apart
 * from; its own orthonormal result is dropped.
 * - lipsPress: the clips' lower-lip motion is the mouth closing from their neutral, the inner lower lip rising
 *   more than the outer one. As lipsPress that motion crossed the lips (the inner lower lip went up 1.5 cm at +1
 *   with the upper lip still: on a closed mouth it slid over the upper one and tore dark holes, cf_0478; on an
 *   open one a strip of lip rose into the cavity, lp_drv19), so lipsPress is the authored press that thins both
 *   red lips. Dropped from the set instead, the motion went into the smile, frown and upperLipRaise (the
 *   smile's inner lower lip rose 0.74 cm past its upper one; bench:reach on six portraits: smile 0.95 / 1.36 →
 *   0.69 / 0.80, frown +1 1.43 → 1.08, upperLipRaise 1.18 → 0.82): kept apart, they keep their shapes.
 *   `npm run fit:expressions` still fits and writes its shape (and an amplitude, unused).
 */
export const FITTED_MODES_KEPT_APART: Readonly<Record<string, number>> = {
  lipsPress: 1
}

export interface ExpressionBasisDirection {
  readonly name: string
  /** Displacement at slider +1, 468 x 3 canonical cm. */
  readonly field: Float64Array
  /** Coefficient of the +1 field on its unit (orthonormal) direction: the field's norm, cm. */
  readonly amplitude: number
  /** Cosine between the authored field and the final direction (1 = unchanged). */
  readonly fidelity: number
  /** 'fitted': the shape was fitted to real motion; 'authored': the hand-authored field. */
  readonly shape: 'fitted' | 'authored'
  /**
   * Where the +1 amplitude comes from: real motion (95th percentile ÷ read-back), real motion capped where
   * the render stops looking like a face, or the authored amplitude times its reach gain.
   */
  readonly amplitudeFrom: 'real' | 'real-capped' | 'authored'
}

export interface ExpressionBasis {
  readonly directions: ExpressionBasisDirection[]
  readonly maxAbsCosine: number
  /** Largest |cosine| between two input fields (fitted or authored), before orthonormalisation. */
  readonly maxAbsCosineAuthored: number
  readonly innerProduct: string
}

export interface OrthonormalExpressionSet {
  readonly names: string[]
  /** The authored fields, and the fields orthonormalised (a fitted shape where one is given). */
  readonly authored: Float64Array[]
  readonly inputs: Float64Array[]
  readonly shapes: ('fitted' | 'authored')[]
  readonly weights: Float64Array
  /** The Löwdin result on `inputs` (unit directions, input norms, cos(input, final)). */
  readonly result: OrthonormalResult
  /** Cosine between each authored field and its final direction. */
  readonly authoredCosine: number[]
}

/**
 * Passes of hold and Löwdin after the first Löwdin step (heldLowdin): the brows' lid motion the orthonormalisation
 * gives back shrinks by about a tenth each pass (0.15 cm on the upper margin after the first step at +1).
 */
const HOLD_PASSES = 4

/**
 * The priority-weighted Löwdin step on `fields` (the brows' already held by `keep`, browLidHold), then HOLD_PASSES
 * times: what the step added to the directions `held` picks held by `keep`, the lips' parting taken out of those
 * `sealed` picks (LIP_SEALED, by `parting`), and the set orthonormalised once more. Löwdin blends each direction with those overlapping
 * it, so held inputs alone came out moving the lids again (the brows took part of squint and eyesWide back:
 * browInnerUp's outer upper margin down 0.15 cm, its lower lid up 0.18 cm at +1); holding the result instead left
 * it overlapping eyesWide (cos 0.07). Amplitudes and fidelity stay those of the given fields.
 */
function heldLowdin(
  fields: readonly Float64Array[],
  weights: Float64Array,
  priorities: readonly number[],
  held: (i: number) => boolean,
  keep: Float64Array,
  sealed: (i: number) => boolean,
  parting: readonly Float64Array[]
): OrthonormalResult {
  const first = lowdinOrthonormalize(fields, weights, priorities)
  const norm = fields.map((f) => Math.sqrt(innerProduct(f, f, weights)))
  // A pass holds what Löwdin added to a held field (the direction less its part along its own, held input): the
  // ramp of the hold applied to the whole direction on every pass would take the skin between the rim and the brow
  // down to nothing; applied to the input once, Löwdin's blend put 0.2 cm back on the lid's rim, which the ramp
  // just above 0 does not hold.
  const rehold = (d: Float64Array, i: number): Float64Array => {
    const f = fields[i]!
    const c = innerProduct(d, f, weights) / norm[i]! ** 2
    return Float64Array.from(d, (x, j) => c * f[j]! + keep[Math.floor(j / 3)]! * (x - c * f[j]!))
  }
  let directions = first.directions
  let maxAbsCosine = first.maxAbsCosine
  for (let pass = 0; pass < HOLD_PASSES; pass++) {
    const again = lowdinOrthonormalize(
      directions.map((d, i) => (held(i) ? rehold(d, i) : sealed(i) ? sealLips(d, parting) : d)),
      weights,
      priorities
    )
    directions = again.directions
    maxAbsCosine = again.maxAbsCosine
  }
  const fidelity = directions.map(
    (d, i) => innerProduct(d, fields[i]!, weights) / Math.sqrt(innerProduct(fields[i]!, fields[i]!, weights))
  )
  return { ...first, directions, fidelity, maxAbsCosine }
}

/**
 * The 16 directions, each the fitted shape where `shapes` has one and the authored field otherwise,
 * orthonormalised by the priority-weighted Löwdin step. The fit script measures real motion on exactly
 * these unit directions.
 */
export function orthonormalExpressionSet(
  mesh: CanonicalMesh,
  shapes: Readonly<Record<string, ArrayLike<number>>> = {}
): OrthonormalExpressionSet {
  const authored = authorExpressionDirections(mesh)
  const weights = vertexAreaWeights(mesh.vertices, mesh.triangles)
  const fittedOf = (name: string): ArrayLike<number> | null =>
    FITTED_MODES_KEPT_APART[name] == null ? (shapes[name] ?? null) : null
  // The brows' moves (raises, furrow) leave the lids where they are (browLidHold): their inputs are held before the
  // Löwdin step.
  const keep = browLidHold(mesh)
  // The sideways mouth moves keep the lips together (LIP_SEALED): their inputs are sealed before the Löwdin step too.
  const parting = lipPartingFields(mesh)
  const inputs = authored.map((d) => {
    const s = fittedOf(d.name)
    const field = s == null ? d.field : Float64Array.from(s)
    if (LIP_SEALED.includes(d.name)) return sealLips(field, parting)
    return BROW_MOVES.includes(d.name) ? applyHold(field, keep) : field
  })
  // The fitted modes kept apart go in after the named directions; their results are dropped below.
  const apart = authored.flatMap((d) => {
    const s = shapes[d.name]
    const priority = FITTED_MODES_KEPT_APART[d.name]
    return s == null || priority == null ? [] : [{ field: Float64Array.from(s), priority }]
  })
  const n = inputs.length
  const all = heldLowdin(
    [...inputs, ...apart.map((a) => a.field)],
    weights,
    [...authored.map((d) => EXPRESSION_PRIORITIES[d.name] ?? 1), ...apart.map((a) => a.priority)],
    (i) => i < n && BROW_MOVES.includes(authored[i]!.name),
    keep,
    (i) => i < n && LIP_SEALED.includes(authored[i]!.name),
    parting
  )
  const result: OrthonormalResult = {
    ...all,
    directions: all.directions.slice(0, n),
    amplitudes: all.amplitudes.slice(0, n),
    fidelity: all.fidelity.slice(0, n)
  }
  return {
    names: authored.map((d) => d.name),
    authored: authored.map((d) => d.field),
    inputs,
    shapes: authored.map((d) => (fittedOf(d.name) == null ? 'authored' : 'fitted')),
    weights,
    result,
    authoredCosine: authored.map((d, i) => {
      const q = result.directions[i]!
      return innerProduct(d.field, q, weights) / Math.sqrt(innerProduct(d.field, d.field, weights))
    })
  }
}

/** The fitted shapes of `fitted` by name. */
export function fittedShapes(fitted: FittedDirections): Record<string, readonly number[]> {
  const out: Record<string, readonly number[]> = {}
  for (const d of fitted.directions) if (d.field != null) out[d.name] = d.field
  return out
}

/** Largest displacement of any vertex of a field, cm. */
export function peakDisplacement(field: ArrayLike<number>): number {
  let max = 0
  for (let i = 0; i < field.length; i += 3)
    max = Math.max(max, Math.hypot(field[i]!, field[i + 1]!, field[i + 2]!))
  return max
}

/**
 * The expression basis: fitted shapes where `fitted-directions.json` has them (authored fields otherwise),
 * orthonormalised, each scaled so that +1 is a strong real expression. A fitted direction's +1 is the real
 * motion's amplitude (95th percentile ÷ the analysis's read-back) up to its peak cap; an authored one's is
 * the authored amplitude (its projection on the authored field equals the authored norm) times its reach gain.
 */
export function buildExpressionBasis(
  mesh: CanonicalMesh,
  fitted: FittedDirections | null = FITTED_DIRECTIONS
): ExpressionBasis {
  const set = orthonormalExpressionSet(mesh, fitted == null ? {} : fittedShapes(fitted))
  const { result } = set
  return {
    directions: set.names.map((name, i) => {
      const unit = result.directions[i]!
      const real = fitted?.directions.find((d) => d.name === name)
      let amplitude: number
      let amplitudeFrom: ExpressionBasisDirection['amplitudeFrom']
      if (set.shapes[i] === 'fitted' && real?.amplitude != null) {
        const cap = EXPRESSION_PEAK_CAPS_CM[name]
        const capped = cap == null ? Infinity : cap / peakDisplacement(unit)
        amplitude = Math.min(real.amplitude, capped)
        amplitudeFrom = real.amplitude > capped ? 'real-capped' : 'real'
      } else {
        amplitude = (result.amplitudes[i]! / result.fidelity[i]!) * (EXPRESSION_REACH_GAINS[name] ?? 1)
        amplitudeFrom = 'authored'
      }
      return {
        name,
        field: unit.map((x) => x * amplitude),
        amplitude,
        fidelity: set.authoredCosine[i]!,
        shape: set.shapes[i]!,
        amplitudeFrom
      }
    }),
    maxAbsCosine: result.maxAbsCosine,
    maxAbsCosineAuthored: result.maxAbsCosineAuthored,
    innerProduct: EXPRESSION_INNER_PRODUCT
  }
}
