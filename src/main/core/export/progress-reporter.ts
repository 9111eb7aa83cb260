export interface ExportProgress {
  framesDone: number
  frameCount: number
  /** 0..1 */
  fraction: number
  elapsedMs: number
  /** null until a rate is known. */
  etaMs: number | null
  /** Frames per second rendered and written (handed to ffmpeg, or saved as image files) so far. */
  fps: number
}

/** Progress at most every `progressIntervalMs` (and when forced), with the rate and the time left. */
export function progressReporter(
  options: {
    readonly frameCount: number
    readonly onProgress?: ((progress: ExportProgress) => void) | undefined
    readonly progressIntervalMs?: number | undefined
  },
  started: number
): (framesDone: number, force: boolean) => void {
  let lastReport = -Infinity
  const { frameCount } = options
  return (framesDone, force) => {
    if (options.onProgress == null) return
    const now = performance.now()
    if (!force && now - lastReport < (options.progressIntervalMs ?? 100)) return
    lastReport = now
    const elapsedMs = now - started
    const fps = elapsedMs > 0 ? (framesDone * 1000) / elapsedMs : 0
    options.onProgress({
      framesDone,
      frameCount,
      fraction: framesDone / frameCount,
      elapsedMs,
      etaMs: fps > 0 ? ((frameCount - framesDone) * 1000) / fps : null,
      fps
    })
  }
}
