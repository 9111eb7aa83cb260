/** The size a camera frame is downscaled to before it crosses to the core: longest side `maxSide`, never up. */
export function downscaledSize(
  width: number,
  height: number,
  maxSide: number
): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height, 1))
  return {
    width: Math.max(16, Math.round(width * scale)),
    height: Math.max(16, Math.round(height * scale))
  }
}

/** Size of the avatar frame for a preview of side `side`, keeping the avatar's aspect (longest side `side`). */
export function previewSize(
  avatar: { width: number; height: number },
  side: number
): { width: number; height: number } {
  return downscaledSize(avatar.width, avatar.height, side)
}

/**
 * Frames per second and latency over a sliding window: each result on screen adds its time and the
 * time its camera frame was grabbed (both ms, performance.now()).
 */
export function createLiveMeter(windowMs = 1000) {
  const shown: number[] = []
  const latencies: number[] = []
  return {
    add(grabbedAtMs: number, shownAtMs: number): { fps: number; latencyMs: number } {
      shown.push(shownAtMs)
      latencies.push(shownAtMs - grabbedAtMs)
      while (shown.length > 0 && shown[0]! < shownAtMs - windowMs) {
        shown.shift()
        latencies.shift()
      }
      const sorted = [...latencies].sort((a, b) => a - b)
      const median = sorted[Math.floor(sorted.length / 2)] ?? 0
      return { fps: (shown.length * 1000) / windowMs, latencyMs: median }
    }
  }
}
