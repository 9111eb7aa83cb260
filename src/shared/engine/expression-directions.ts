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
  { name: 'smile', label: 'Smile', region: 'mouth' },
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

/** The code vector in the manifest's direction order, each value clamped to its range (-1..1, or 0..1). */
export function expressionCode(
  directions: readonly Pick<ExpressionDirectionSpec, 'name' | 'oneSided'>[],
  values: ExpressionValues
): Float32Array {
  const code = new Float32Array(directions.length)
  directions.forEach((d, i) => {
    const v = values[d.name] ?? 0
    code[i] = Number.isFinite(v) ? Math.max(directionMin(d), Math.min(1, v)) : 0
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
