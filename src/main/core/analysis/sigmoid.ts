/** Logistic function; logits are clipped to +-100 as MediaPipe's score_clipping_thresh does. */
export function sigmoid(logit: number): number {
  const clipped = Math.max(-100, Math.min(100, logit))
  return 1 / (1 + Math.exp(-clipped))
}
