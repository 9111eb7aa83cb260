// A value shown at most once per interval: a change after a quiet spell shows at once, changes inside the
// interval collapse into one showing of the latest value when it ends; while `settling`, a value shows only
// once it has rested for the interval. The inspector follows a playing playhead the first way and a scrubbed
// one the second, so its 24 sliders are not re-rendered, re-laid-out and re-rasterised every frame.
import { useEffect, useRef, useState } from 'react'
import { throttledShowAt } from './throttled-show-at'

/**
 * `value`, updated at most once per `intervalMs` (ms), or while `settling` only once it rested that long; the
 * last value of a burst is always shown.
 */
export function useThrottledValue<T>(value: T, intervalMs: number, settling = false): T {
  const [shown, setShown] = useState(value)
  const lastShownAt = useRef<number | null>(null)
  useEffect(() => {
    if (Object.is(value, shown)) return
    const show = () => {
      lastShownAt.current = performance.now()
      setShown(value)
    }
    const now = performance.now()
    const wait = throttledShowAt(lastShownAt.current, now, intervalMs, settling) - now
    if (wait <= 0) {
      show()
      return
    }
    const timer = window.setTimeout(show, wait)
    return () => window.clearTimeout(timer)
  }, [value, shown, intervalMs, settling])
  return shown
}
