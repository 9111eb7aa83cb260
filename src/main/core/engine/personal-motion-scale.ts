// How much of a generated performance's mouth motion this face takes (issue 18's identity-aware amplitude).
// Generated speech and emotions are written in slider units, the same for every portrait; a slider's +1 opens
// the jaw by the same share of the face for everyone, so on a face with a small mouth it over-opens it.

/** Mouth corners and outer eye corners (MediaPipe face mesh). */
const MOUTH_CORNERS = [61, 291] as const
const EYE_CORNERS = [33, 263] as const
/** Directions that open or spread the mouth. */
const MOUTH_OPENING = ['jawOpen', 'mouthStretch'] as const
/** The least share kept: a performance on the smallest mouths still reads. */
const MIN_SCALE = 0.7
/**
 * Proportion (mouth over eyes, against the canonical face's) from which a mouth counts as small: people vary by
 * about ±10 %, and a portrait's own expression moves the corners too (an "O" or a pout narrows them).
 */
const SMALL_FROM = 0.9

function span(points: ArrayLike<number>, [a, b]: readonly [number, number]): number {
  return Math.hypot(points[3 * a]! - points[3 * b]!, points[3 * a + 1]! - points[3 * b + 1]!)
}

/**
 * Per-direction multipliers of generated motion for a face: its mouth's width against its eyes' span (both in
 * the canonical frame, `face` the analysis's canonical landmarks), over the canonical mesh's (`canonical`, 468 ×
 * 3 cm) and SMALL_FROM, for the directions that open the mouth; at most 1 (a wide mouth keeps the generator's
 * amplitude) and at least MIN_SCALE. Blinks need none: the avatar already closes this face's lids at +1 (personalGains). Only the
 * directions of `names` that are scaled appear.
 */
export function personalMotionScale(
  face: ArrayLike<number>,
  canonical: ArrayLike<number>,
  names: readonly string[]
): Record<string, number> {
  const ratio = (points: ArrayLike<number>) => span(points, MOUTH_CORNERS) / span(points, EYE_CORNERS)
  const share = ratio(face) / ratio(canonical)
  const scale = Number.isFinite(share) ? Math.min(1, Math.max(MIN_SCALE, share / SMALL_FROM)) : 1
  const out: Record<string, number> = {}
  for (const name of MOUTH_OPENING)
    if (names.includes(name) && scale < 1) out[name] = Math.round(scale * 1000) / 1000
  return out
}
