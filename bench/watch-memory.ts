// The resident set of a bench's process over a run: at the start, its peak and at the end.

export const MiB = 1024 * 1024

export interface MemoryWatch {
  readonly startMiB: number
  /** The resident set now, MiB. */
  now(): number
  /** Stops sampling: the peak (with the kernel's high-water mark) and the resident set at the end. */
  stop(): { peakMiB: number; endMiB: number }
}

/** Samples the resident set every 50 ms; `peak` also reads the kernel's high-water mark. */
export function watchMemory(): MemoryWatch {
  const startMiB = process.memoryUsage().rss / MiB
  let peak = startMiB
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss / MiB)
  }, 50)
  return {
    startMiB,
    now: () => process.memoryUsage().rss / MiB,
    stop: () => {
      clearInterval(timer)
      const endMiB = process.memoryUsage().rss / MiB
      // maxRSS is in KiB, over the whole process's life.
      const peakMiB = Math.max(peak, endMiB, process.resourceUsage().maxRSS / 1024)
      return { peakMiB, endMiB }
    }
  }
}
