// When a throttled value may be shown (pure, no DOM): see use-throttled-value.ts.

/**
 * When a value that changed at `now` (ms) may be shown: at once (`now`) if the last showing was at least
 * `intervalMs` ago or there was none, else when the interval since that showing ends; while `settling`,
 * `intervalMs` after `now` (a further change moves it on).
 */
export function throttledShowAt(
  lastShownAt: number | null,
  now: number,
  intervalMs: number,
  settling = false
): number {
  if (settling) return now + intervalMs
  if (lastShownAt === null) return now
  return Math.max(now, lastShownAt + intervalMs)
}
