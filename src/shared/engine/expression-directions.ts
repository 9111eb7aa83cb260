import { type ExpressionDirectionSpec } from './pack-manifest'

/**
 * The built-in pack's expression directions, in slider order. +1 is a strong but natural expression, -1 its
 * natural opposite where there is one (jawSideways: +1 = jaw to the subject's left); the one-sided directions
 * run from 0 to 1 (a blink's opposite is eyesWide, a sneer's is none).
 * Packs may define other directions; the manifest's list is authoritative at run time.
 */
export const BUILTIN_EXPRESSION_DIRECTIONS: readonly ExpressionDirectionSpec[] = [
  { name: 'jawOpen', label: 'Jaw open', region: 'jaw', oneSided: true },
  { name: 'jawSideways', label: 'Jaw left / right', region: 'jaw' },
  // The smile carries the cheek raise (AU6): the lower lids rise and the cheeks bunch under them, the eyes narrowing
  // from below, 0.32 cm at smile +1 (squint +1 lifts the lower lid's middle 0.81 cm). A mouth-only smile read as a
  // mouth on a still face, and driven smiles, whose lowered brows the solve does read, looked worried (lp_d13 frame 210
  // on hallo_ref6); the same codes with squint 0.4 added read as smiles. The tracker the smile is fitted with sees a
  // tenth of that lid rise (it under-reads lids about 3×; lp_d13's and lp_d9's top smiles lift it 0.055 cm).
  { name: 'smile', label: 'Smile', region: 'mouth', carries: [{ direction: 'squint', atFull: 0.4 }] },
  { name: 'frown', label: 'Frown', region: 'mouth' },
  { name: 'pucker', label: 'Pucker', region: 'mouth' },
  { name: 'mouthStretch', label: 'Mouth stretch', region: 'mouth' },
  { name: 'lipsPress', label: 'Lips press', region: 'mouth' },
  { name: 'upperLipRaise', label: 'Upper lip raise', region: 'mouth', oneSided: true },
  { name: 'blinkL', label: 'Blink left', region: 'eyes', oneSided: true },
  { name: 'blinkR', label: 'Blink right', region: 'eyes', oneSided: true },
  { name: 'eyesWide', label: 'Eyes wide', region: 'eyes' },
  { name: 'squint', label: 'Squint', region: 'eyes' },
  // Gaze moves the eyeballs, not the skin: +1 = the irises toward the image's right (the subject's left) / up.
  { name: 'gazeHorizontal', label: 'Look left / right', region: 'gaze' },
  { name: 'gazeVertical', label: 'Look down / up', region: 'gaze' },
  { name: 'browInnerUp', label: 'Inner brow raise', region: 'brows' },
  { name: 'browOuterUp', label: 'Outer brow raise', region: 'brows' },
  { name: 'browFurrow', label: 'Brow furrow', region: 'brows', oneSided: true },
  { name: 'noseSneer', label: 'Nose sneer', region: 'nose', oneSided: true }
]

/** An expression code as named slider values; missing names are 0. */
export type ExpressionValues = Readonly<Record<string, number>>

/** The lowest value of a direction: 0 for a one-sided direction, else -1. */
export const directionMin = (direction: Pick<ExpressionDirectionSpec, 'oneSided'>): number =>
  direction.oneSided === true ? 0 : -1

/**
 * The code vector in the manifest's direction order, each value clamped to its range (-1..1, or 0..1), then each
 * direction's positive side adding what it carries (`carries`) to the carried direction, clamped again. What is
 * carried sets in quadratically (atFull × value²): a slight smile hardly narrows the eyes, a full one by its whole
 * share. Linear, the talking frames' moderate smiles (lp_d13: smile 0.55 at its 75th percentile) narrowed the eyes
 * throughout, where the driver's own narrowing comes with his broad grins.
 */
export function expressionCode(
  directions: readonly Pick<ExpressionDirectionSpec, 'name' | 'oneSided' | 'carries'>[],
  values: ExpressionValues
): Float32Array {
  const clamp = (d: Pick<ExpressionDirectionSpec, 'oneSided'>, v: number): number =>
    Math.max(directionMin(d), Math.min(1, v))
  const keyed = directions.map((d) => {
    const v = values[d.name] ?? 0
    return Number.isFinite(v) ? clamp(d, v) : 0
  })
  const code = Float32Array.from(keyed)
  directions.forEach((d, i) => {
    for (const c of d.carries ?? []) {
      const j = directions.findIndex((e) => e.name === c.direction)
      if (j >= 0 && keyed[i]! > 0) code[j] = clamp(directions[j]!, code[j]! + c.atFull * keyed[i]! ** 2)
    }
  })
  return code
}

/** Names in `values` that are not directions of the pack (for error messages). */
export function unknownDirectionNames(
  directions: readonly Pick<ExpressionDirectionSpec, 'name'>[],
  values: ExpressionValues
): string[] {
  const known = new Set(directions.map((d) => d.name))
  return Object.keys(values).filter((n) => !known.has(n))
}
