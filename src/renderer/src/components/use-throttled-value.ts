// A value shown at most once per interval: a change after a quiet spell shows at once, changes inside the
// interval collapse into one showing of the latest value when it ends. The inspector follows a scrubbed or
// playing playhead this way, so its 24 sliders are not re-rendered, re-laid-out and re-rasterised every frame.
import { useEffect, useRef, useState } from 'react'

/**
 * When a value that changed at `now` (ms) may be shown: at once (`now`) if the last showing was at least
 * `intervalMs` ago or there was none, else when the interval since that showing ends.
 */
export function throttledShowAt(lastShownAt: number | null, now: number, intervalMs: number): number {
  if (lastShownAt === null) return now
  return Math.max(now, lastShownAt + intervalMs)
}

/** `value`, updated at most once per `intervalMs` (ms); the last value of a burst is always shown. */
export function useThrottledValue<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value)
  const lastShownAt = useRef<number | null>(null)
  useEffect(() => {
    if (Object.is(value, shown)) return
    const show = () => {
      lastShownAt.current = performance.now()
      setShown(value)
    }
    const now = performance.now()
    const wait = throttledShowAt(lastShownAt.current, now, intervalMs) - now
    if (wait <= 0) {
      show()
      return
    }
    const timer = window.setTimeout(show, wait)
    return () => window.clearTimeout(timer)
  }, [value, shown, intervalMs])
  return shown
}
