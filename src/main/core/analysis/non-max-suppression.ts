import type { RawDetection } from './raw-detection'

/** Intersection over union of two axis-aligned boxes (any consistent frame). */
export function intersectionOverUnion(a: RawDetection, b: RawDetection): number {
  const x0 = Math.max(a.xMin, b.xMin)
  const y0 = Math.max(a.yMin, b.yMin)
  const x1 = Math.min(a.xMin + a.width, b.xMin + b.width)
  const y1 = Math.min(a.yMin + a.height, b.yMin + b.height)
  if (x1 <= x0 || y1 <= y0) return 0
  const intersection = (x1 - x0) * (y1 - y0)
  const union = a.width * a.height + b.width * b.height - intersection
  return union > 0 ? intersection / union : 0
}

/**
 * Weighted non-maximum suppression as MediaPipe's NonMaxSuppressionCalculator (algorithm WEIGHTED,
 * overlap IOU): the best remaining detection absorbs every detection overlapping it by more than
 * `minSuppressionThreshold` (itself included); its box and keypoints become the score-weighted mean of
 * that cluster, its score stays the best score. Output is in descending score order.
 */
export function weightedNonMaxSuppression(
  detections: readonly RawDetection[],
  minSuppressionThreshold = 0.3,
  maxDetections = Infinity
): RawDetection[] {
  let remaining = [...detections].sort((a, b) => b.score - a.score)
  const output: RawDetection[] = []
  while (remaining.length > 0 && output.length < maxDetections) {
    const best = remaining[0]
    const cluster: RawDetection[] = []
    const rest: RawDetection[] = []
    for (const candidate of remaining) {
      if (intersectionOverUnion(candidate, best) > minSuppressionThreshold) cluster.push(candidate)
      else rest.push(candidate)
    }
    if (cluster.length === 0) {
      // Degenerate (zero-area) best box: keep it alone so the loop always makes progress.
      cluster.push(best)
      rest.splice(rest.indexOf(best), 1)
    }
    let totalScore = 0
    let xMin = 0
    let yMin = 0
    let xMax = 0
    let yMax = 0
    const keypoints = new Array<number>(best.keypoints.length).fill(0)
    for (const d of cluster) {
      totalScore += d.score
      xMin += d.xMin * d.score
      yMin += d.yMin * d.score
      xMax += (d.xMin + d.width) * d.score
      yMax += (d.yMin + d.height) * d.score
      for (let k = 0; k < keypoints.length; k++) keypoints[k] += d.keypoints[k] * d.score
    }
    xMin /= totalScore
    yMin /= totalScore
    xMax /= totalScore
    yMax /= totalScore
    output.push({
      xMin,
      yMin,
      width: xMax - xMin,
      height: yMax - yMin,
      score: best.score,
      keypoints: keypoints.map((v) => v / totalScore)
    })
    remaining = rest
  }
  return output
}
