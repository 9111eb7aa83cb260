// The timeline's keys as the lanes show them. Keys are drawn on canvases, so instead of key elements the
// tests read the lanes' probe (src/renderer/src/components/timeline/timeline-probe.ts): each shown key's
// track, time, value, interpolation, selection and marker centre on the page, from the geometry that draws it.
import type { Page } from '@playwright/test'
import {
  TIMELINE_PROBE_GLOBAL,
  type ProbedKey,
  type TimelineProbe
} from '../../src/renderer/src/components/timeline/timeline-probe-types'

export type { ProbedKey }

/** Which keys: of one track, of the tracks whose id starts with a prefix, at a time (s), selected or not. */
export interface KeyFilter {
  readonly trackId?: string
  readonly trackPrefix?: string
  readonly time?: number
  readonly selected?: boolean
}

/** The keys the lanes show (in the visible time range), by track in display order, then by time. */
export async function shownKeys(page: Page, filter: KeyFilter = {}): Promise<ProbedKey[]> {
  const keys = await page.evaluate(
    ([name, trackId]) => {
      const probe = (window as unknown as Record<string, TimelineProbe | undefined>)[name]
      return probe?.keys(trackId ?? undefined) ?? []
    },
    [TIMELINE_PROBE_GLOBAL, filter.trackId ?? null] as const
  )
  return keys.filter(
    (k) =>
      (filter.trackPrefix === undefined || k.trackId.startsWith(filter.trackPrefix)) &&
      (filter.time === undefined || Math.abs(k.time - filter.time) < 1e-9) &&
      (filter.selected === undefined || k.selected === filter.selected)
  )
}

export async function keyCount(page: Page, filter: KeyFilter = {}): Promise<number> {
  return (await shownKeys(page, filter)).length
}

export async function selectedKeyCount(page: Page): Promise<number> {
  return keyCount(page, { selected: true })
}

/** The `which`th key of a track (negative: from the end), or its key at a time; throws when there is none. */
export async function keyOf(
  page: Page,
  trackId: string,
  which: number | { readonly time: number }
): Promise<ProbedKey> {
  const keys = await shownKeys(page, typeof which === 'number' ? { trackId } : { trackId, time: which.time })
  const key = typeof which === 'number' ? keys.at(which) : keys[0]
  if (!key) throw new Error(`no key ${JSON.stringify(which)} shown on ${trackId} (${keys.length} shown)`)
  return key
}

/** Clicks the centre of a key's marker (its lane scrolled into view), holding `modifiers`. */
export async function clickKey(
  page: Page,
  trackId: string,
  which: number | { readonly time: number },
  options: {
    readonly modifiers?: readonly ('Shift' | 'Alt' | 'Control')[]
    readonly button?: 'left' | 'right'
  } = {}
): Promise<void> {
  // As a click on an element did: its lane scrolls into view first.
  await page.locator(`.timeline .lane[data-track-id="${trackId}"]`).scrollIntoViewIfNeeded()
  const key = await keyOf(page, trackId, which)
  for (const modifier of options.modifiers ?? []) await page.keyboard.down(modifier)
  await page.mouse.click(key.clientX, key.clientY, { button: options.button ?? 'left' })
  for (const modifier of options.modifiers ?? []) await page.keyboard.up(modifier)
}

/** How many times the lanes (or one track's lane) have been drawn since the page loaded. */
export async function lanePaints(page: Page, trackId?: string): Promise<number> {
  return page.evaluate(
    ([name, id]) => {
      const probe = (window as unknown as Record<string, TimelineProbe | undefined>)[name]
      return probe?.paints(id ?? undefined) ?? 0
    },
    [TIMELINE_PROBE_GLOBAL, trackId ?? null] as const
  )
}
