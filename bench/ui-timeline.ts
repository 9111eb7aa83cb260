// The timeline cases of `npm run bench:ui`: a dense project (every track keyed every other frame, all
// interpolations), scrubbing the playhead over it, and box-selecting thousands of its keys and dragging them.
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { createProjectFile } from '@shared/project'
import {
  createDocument,
  keyId,
  seconds,
  trackDefinition,
  type AnimationDocument,
  type Interpolation
} from '@shared/timeline'
import { BUILTIN_EXPRESSION_DIRECTIONS } from '@shared/engine/expression-directions'
import { readPortraitSource, saveProjectAtomic } from '../src/main/core/project'
import {
  TIMELINE_PROBE_GLOBAL,
  type TimelineProbe
} from '../src/renderer/src/components/timeline/timeline-probe-types'
import { measureSweep, round, waitQuiet, type SweepResult } from './ui-measure'

const SCRUB_MS = 4000
const SWEEP_MS = 2000
/** Height of a track row (use-timeline-gestures' TRACK_HEIGHT), px. */
const ROW_PX = 22
/** The box select is sized to catch about this many keys. */
const BOX_KEYS = 10_000

/** A document with every track of the built-in pack keyed `keysPerTrack` times, every other frame, all interpolations. */
export function denseDocument(keysPerTrack: number): AnimationDocument {
  const fps = 30
  const base = createDocument({
    expressionNames: BUILTIN_EXPRESSION_DIRECTIONS.map((d) => d.name),
    settings: {
      fps,
      durationSec: seconds(Math.ceil((2 * keysPerTrack + 2) / fps) + 1),
      width: 512,
      height: 512
    }
  })
  const interpolations: Interpolation[] = ['linear', 'easeInOut', 'hold', 'bezier', 'easeIn', 'easeOut']
  let n = 0
  return {
    ...base,
    tracks: base.tracks.map((track, t) => {
      const { range } = trackDefinition(track.kind, track.name)
      const mid = (range.min + range.max) / 2
      const half = (range.max - range.min) / 2
      return {
        ...track,
        keys: Array.from({ length: keysPerTrack }, (_, k) => ({
          id: keyId(`bench${++n}`),
          time: seconds((2 * k + (t % 2)) / fps),
          value: round(mid + 0.7 * half * Math.sin(0.37 * k + t), 3),
          interpolation: interpolations[(k + t) % interpolations.length]!
        }))
      }
    })
  }
}

/**
 * Resolves at the first animation frame whose timeline shows `keys` keys: the track rows' marker counts
 * (`rows()`, a binary search per row). Building every key's record (`keys()`, 50,000 objects with their
 * page positions) at each poll cost the page tens of ms and delayed what it measured.
 */
async function waitKeysShown(page: Page, keys: number, timeout: number): Promise<void> {
  await page.waitForFunction(
    ([name, n]) => {
      const probe = (globalThis as unknown as Record<string, TimelineProbe | undefined>)[name as string]
      const rows = probe?.rows() ?? []
      return rows.reduce((sum, row) => sum + (row.kind === 'track' ? row.shownKeys : 0), 0) >= (n as number)
    },
    [TIMELINE_PROBE_GLOBAL, keys] as const,
    { polling: 'raf', timeout }
  )
}

/** The page and the host's dialog queue, as the timeline cases need them. */
export interface BenchStudio {
  readonly page: Page
  readonly browser: Browser
  queueDialogResult(path: string | null): Promise<void>
}

/**
 * Saves a dense project (`keysPerTrack` keys on every track) with the portrait embedded into `dir`, opens it
 * and waits until every key is shown; returns the document and the time from the click on Open to that.
 */
export async function openDenseProject(
  studio: BenchStudio,
  dir: string,
  portraitPath: string,
  keysPerTrack: number
): Promise<{ document: AnimationDocument; keys: number; openMs: number }> {
  const { page } = studio
  const name = `dense-${keysPerTrack}.mimesis`
  const project = join(dir, name)
  const document = denseDocument(keysPerTrack)
  await saveProjectAtomic(
    project,
    createProjectFile({
      appVersion: 'bench',
      portrait: await readPortraitSource(portraitPath, { embed: true }),
      enginePack: { id: 'mimesis-builtin', version: '1' },
      document,
      now: new Date()
    })
  )
  const keys = document.tracks.reduce((n, t) => n + t.keys.length, 0)
  await studio.queueDialogResult(project)
  const started = Date.now()
  await page.getByRole('button', { name: 'Open project…' }).click()
  await page.getByText(`Opened ${name}`).waitFor({ timeout: 120_000 })
  await waitKeysShown(page, keys, 120_000)
  const openMs = Date.now() - started
  await page.getByTestId('render-stats').waitFor({ timeout: 120_000 })
  await waitQuiet(page, 600)
  return { document, keys, openMs }
}

/** Drags the playhead along the ruler, back and forth, for SCRUB_MS. */
export async function measureScrub(
  studio: BenchStudio,
  label: string,
  counts: { tracks: number; keys: number },
  profile = false
): Promise<SweepResult> {
  const { page, browser } = studio
  await waitQuiet(page)
  const ruler = await page.getByTestId('timeline-ruler').boundingBox()
  if (!ruler) throw new Error('the timeline ruler is not visible')
  const y = ruler.y + ruler.height / 2
  const x0 = ruler.x + 4
  const x1 = ruler.x + ruler.width - 4
  return measureSweep(page, browser, {
    label,
    selector: '[data-testid="timeline-ruler"]',
    press: { x: x0, y },
    x0,
    x1,
    y,
    durationMs: SCRUB_MS,
    sweepMs: SWEEP_MS,
    ...counts,
    profile
  })
}

/** The index of the first row that is a track (rows above it are group headers). */
async function firstTrackRow(page: Page): Promise<number> {
  const index = await page.evaluate(
    (name) =>
      (globalThis as unknown as Record<string, TimelineProbe | undefined>)[name]
        ?.rows()
        .findIndex((row) => row.kind === 'track') ?? 0,
    TIMELINE_PROBE_GLOBAL
  )
  return Math.max(0, index)
}

async function selectedCount(page: Page): Promise<number> {
  const text =
    (await page
      .getByTestId('key-selection-count')
      .textContent({ timeout: 100 })
      .catch(() => '')) ?? ''
  return Number(/([\d,]+) key/.exec(text)?.[1]?.replace(/,/g, '') ?? 0)
}

/** Where the rows are: their box, and how many of them the timeline's body shows whole. */
async function visibleRows(page: Page): Promise<{ x: number; y: number; width: number; rows: number }> {
  const rows = await page.getByTestId('timeline-rows').boundingBox()
  const body = await page.locator('.timeline__body').boundingBox()
  if (!rows || !body) throw new Error('the timeline rows are not visible')
  return { ...rows, rows: Math.floor((body.y + body.height - rows.y) / ROW_PX) }
}

/**
 * (c) A box select over every row on screen, drawn from the empty lane area after the last keys leftwards
 * (one pointer move per frame, a single pass) until it holds about BOX_KEYS keys; then (d) a drag of those
 * keys back and forth by up to 40 px for SCRUB_MS. Each pointer move recomputes the selection (c) or moves
 * every selected key (d), with snapping on. `profile`: a JavaScript CPU profile of the drag instead of a trace.
 */
export async function measureBoxSelectAndDrag(
  studio: BenchStudio,
  document: AnimationDocument,
  counts: { tracks: number; keys: number },
  profile = false
): Promise<{ box: SweepResult; drag: SweepResult; selected: number }> {
  const { page, browser } = studio
  await waitQuiet(page)
  const rows = await visibleRows(page)
  const keysPerTrack = document.tracks[0]?.keys.length ?? 0
  const fraction = Math.min(1, BOX_KEYS / Math.max(1, keysPerTrack * rows.rows))
  const right = rows.x + rows.width - 3
  const left = rows.x + 10 + (rows.width - 20) * (1 - fraction)
  const top = rows.y + 3
  const bottom = rows.y + rows.rows * ROW_PX - 3
  const box = await measureSweep(page, browser, {
    label: `box select over ${rows.rows} rows`,
    selector: '[data-testid="timeline-rows"]',
    press: { x: right, y: top },
    x0: right - 2,
    x1: left,
    y: bottom,
    durationMs: SWEEP_MS / 2,
    sweepMs: SWEEP_MS,
    ...counts,
    release: { x: left, y: bottom }
  })
  const selected = await selectedCount(page)
  // Press on a selected key in the middle of the selected range (the first track's row: the first row is a
  // group's header, whose summary holds no keys to press), and drag the selection.
  const x = (left + right) / 2
  const y = rows.y + (await firstTrackRow(page)) * ROW_PX + ROW_PX / 2
  const drag = await measureSweep(page, browser, {
    label: `drag ${selected} keys`,
    selector: '[data-testid="timeline-rows"]',
    press: { x, y },
    x0: x,
    x1: x + 40,
    y,
    durationMs: SCRUB_MS,
    sweepMs: SWEEP_MS,
    ...counts,
    profile
  })
  await page.keyboard.press('Control+z')
  await page.keyboard.press('Escape')
  return { box, drag, selected }
}

/** (e) A save of the open project: from Ctrl+S to the "Saved" notice, and the page's long tasks meanwhile. */
export interface SaveResult {
  readonly keys: number
  /** From the key press to the notice, ms. */
  readonly saveMs: number
  /**
   * The page's main-thread tasks of 50 ms or more while saving (the longtask API's threshold), ms: the hitch a
   * save, and each autosave, costs the page. (Animation-frame intervals in headless Chromium did not show them.)
   */
  readonly longTasksMs: readonly number[]
}

/**
 * Presses Ctrl+S on the open project (opened from a file, so it saves over it without a dialog) and records the
 * page's long tasks until the notice says it was saved. Autosave sends the same document the same way.
 */
export async function measureSave(studio: BenchStudio, keys: number, rounds = 3): Promise<SaveResult[]> {
  const { page } = studio
  const out: SaveResult[] = []
  for (let round = 0; round < rounds; round++) {
    await waitQuiet(page, 600)
    const watched = page.evaluate(`new Promise((resolve) => {
      const longTasks = []
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longTasks.push(entry.duration)
      })
      observer.observe({ type: 'longtask' })
      const started = performance.now()
      const poll = () => {
        const notice = document.querySelector('.notice[role="status"]')
        if (notice && notice.textContent.startsWith('Saved ')) {
          observer.disconnect()
          resolve({ ms: performance.now() - started, longTasks })
        } else setTimeout(poll, 5)
      }
      poll()
    })`) as Promise<{ ms: number; longTasks: number[] }>
    await page.keyboard.press('Control+s')
    const { ms, longTasks } = await watched
    out.push({ keys, saveMs: Math.round(ms), longTasksMs: longTasks.map((d) => Math.round(d)) })
    // The notice stays until dismissed: dismissed, the next round watches for a new one.
    await page.locator('.notice[role="status"]').getByRole('button', { name: 'Dismiss' }).click()
  }
  return out
}
