/** Canonical-frame landmarks (cm) minus the neutral shape (cm): the expression displacement per vertex. */
export function expressionResidual(
  canonicalLandmarks: ArrayLike<number>,
  neutral: ArrayLike<number>
): Float32Array {
  if (canonicalLandmarks.length !== neutral.length) {
    throw new Error(
      `expressionResidual: ${canonicalLandmarks.length} landmark values vs ${neutral.length} neutral values`
    )
  }
  const out = new Float32Array(canonicalLandmarks.length)
  for (let i = 0; i < out.length; i++) out[i] = canonicalLandmarks[i] - neutral[i]
  return out
}
