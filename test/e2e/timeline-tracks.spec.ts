// Track groups, mute and solo, and the resizable panels (issue 22).
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { createProjectFile } from '@shared/project'
import { denseDocument } from '../../bench/ui-timeline'
import { readPortraitSource, saveProjectAtomic } from '../../src/main/core/project'
import {
  TIMELINE_PROBE_GLOBAL,
  type ProbedRow,
  type TimelineProbe
} from '../../src/renderer/src/components/timeline/timeline-probe-types'
import { expect, test } from './fixtures'
import { settledFingerprint } from './preview-fingerprint'
import { keyCount } from './timeline-keys'

const ASTRONAUT = resolve(__dirname, '..', 'fixtures', 'astronaut.png')
const SMILE = 'expression:smile'

async function rows(page: Page): Promise<ProbedRow[]> {
  return page.evaluate(
    (name) => (window as unknown as Record<string, TimelineProbe | undefined>)[name]?.rows() ?? [],
    TIMELINE_PROBE_GLOBAL
  )
}
const rowOf = (page: Page, id: string) => async () => (await rows(page)).find((r) => r.id === id)

async function box(locator: Locator) {
  const b = await locator.boundingBox()
  if (!b) throw new Error('element has no box')
  return b
}

async function openPortrait(page: Page, studioUrl: string, host: { queueDialogResult(path: string): void }) {
  await page.goto(studioUrl)
  host.queueDialogResult(ASTRONAUT)
  await page.getByRole('button', { name: 'Open portrait…' }).first().click()
  await expect(page.locator('#expr-smile')).toBeEnabled()
}

test('tracks are grouped by face region; a collapsed group shows one summary row of its keys', async ({
  page,
  studioUrl,
  host
}) => {
  await openPortrait(page, studioUrl, host)
  await page.locator('#expr-smile').fill('0.8')
  await page.locator('#expr-frown').fill('0.3')
  await expect.poll(() => keyCount(page, { trackPrefix: 'expression:' })).toBe(2)

  const groups = (await rows(page)).filter((r) => r.kind === 'group').map((r) => r.id)
  expect(groups).toEqual(['eyes', 'gaze', 'brows', 'mouth', 'jaw', 'nose', 'camera'])
  // Both mouth keys sit at 0 s: the summary shows one marker for them.
  await expect.poll(rowOf(page, 'mouth')).toMatchObject({ collapsed: false, shownKeys: 1 })

  const mouth = page.locator('.track-group-name[data-group-id="mouth"]')
  const toggle = mouth.getByTestId('track-group-toggle')
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')
  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  await expect(page.locator(`.timeline .lane[data-track-id="${SMILE}"]`)).toHaveCount(0)
  await expect(page.locator('.timeline .lane')).toHaveCount(24 - 6)
  await expect.poll(rowOf(page, 'mouth')).toMatchObject({ collapsed: true, shownKeys: 1 })
  await expect(page.locator('.group-summary[data-group-id="mouth"]')).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/timeline-group-collapsed.png' })

  // Keyboard too: the header is a button.
  await toggle.focus()
  await page.keyboard.press('Enter')
  await expect(page.locator(`.timeline .lane[data-track-id="${SMILE}"]`)).toHaveCount(1)
  await expect.poll(() => keyCount(page, { trackId: SMILE })).toBe(1)
})

test('muting or soloing tracks changes the preview, not the document', async ({ page, studioUrl, host }) => {
  await openPortrait(page, studioUrl, host)
  // The head is built (the preview shows the engine's frames, not the photo).
  await expect(page.getByTestId('render-stats')).toBeVisible({ timeout: 60_000 })
  await page.locator('#expr-smile').fill('1')
  await expect.poll(() => keyCount(page, { trackId: SMILE })).toBe(1)
  const keyed = await settledFingerprint(page)

  const smileName = page.locator(`.track-name[data-track-id="${SMILE}"]`)
  await smileName.getByRole('button', { name: 'Mute Smile' }).click()
  await expect(smileName.getByRole('button', { name: 'Mute Smile' })).toHaveAttribute('aria-pressed', 'true')
  await expect.poll(rowOf(page, SMILE)).toMatchObject({ silent: true })
  const muted = await settledFingerprint(page)
  expect(muted).not.toBe(keyed)
  // The document keeps the key and the inspector its value.
  await expect(page.getByTestId('expr-smile').locator('output')).toHaveText('1.00')
  await expect.poll(() => keyCount(page, { trackId: SMILE })).toBe(1)

  await smileName.getByRole('button', { name: 'Mute Smile' }).click()
  await expect.poll(rowOf(page, SMILE)).toMatchObject({ silent: false })
  expect(await settledFingerprint(page)).toBe(keyed)

  // Soloing the brows silences every other track: smile plays at rest, as muted.
  const brows = page.locator('.track-group-name[data-group-id="brows"]')
  await brows.getByRole('button', { name: 'Solo Brows' }).click()
  await expect.poll(rowOf(page, SMILE)).toMatchObject({ silent: true })
  expect(await settledFingerprint(page)).toBe(muted)
  // Soloing smile's mouth group too brings it back.
  await page
    .locator('.track-group-name[data-group-id="mouth"]')
    .getByRole('button', { name: 'Solo Mouth' })
    .click()
  await expect.poll(rowOf(page, SMILE)).toMatchObject({ silent: false })
  expect(await settledFingerprint(page)).toBe(keyed)
})

test('the timeline and inspector resize by drag and keyboard, and keep their size after a reload', async ({
  page,
  studioUrl
}) => {
  await page.goto(studioUrl)
  await page.evaluate(() => localStorage.clear())
  await page.reload()
  const timeline = page.getByTestId('timeline')
  const inspector = page.getByTestId('inspector')
  const timelineSeparator = page.getByRole('separator', { name: 'Resize the timeline' })
  const inspectorSeparator = page.getByRole('separator', { name: 'Resize the inspector' })
  const before = { timeline: (await box(timeline)).height, inspector: (await box(inspector)).width }

  // Drag the border between viewport and timeline up by 120 px.
  const split = await box(timelineSeparator)
  await page.mouse.move(split.x + split.width / 2, split.y + split.height / 2)
  await page.mouse.down()
  await page.mouse.move(split.x + split.width / 2, split.y + split.height / 2 - 120, { steps: 5 })
  await page.mouse.up()
  await expect.poll(async () => Math.round((await box(timeline)).height - before.timeline)).toBe(120)

  // Arrow keys on the focused separator: the inspector grows leftward by 2 × 16 px.
  await inspectorSeparator.focus()
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await expect.poll(async () => Math.round((await box(inspector)).width - before.inspector)).toBe(32)
  await expect(inspectorSeparator).toHaveAttribute('aria-valuenow', String(Math.round(before.inspector) + 32))
  // The arrows resized; they did not step the playhead.
  await expect(page.getByTestId('timecode')).toHaveText('00:00:00')

  const after = { timeline: (await box(timeline)).height, inspector: (await box(inspector)).width }
  await page.reload()
  await expect(page.getByTestId('studio')).toBeVisible()
  await expect.poll(async () => (await box(timeline)).height).toBe(after.timeline)
  await expect.poll(async () => (await box(inspector)).width).toBe(after.inspector)
  await page.screenshot({ path: 'test-results/screens/panels-resized.png' })
  await page.evaluate(() => localStorage.clear())
})

test('a dense project: 22 tracks of keys, grouped', async ({ page, studioUrl, host }) => {
  const dir = await mkdtemp(join(tmpdir(), 'mimesis-e2e-dense-'))
  const project = join(dir, 'dense.mimesis')
  const document = denseDocument(75)
  await saveProjectAtomic(
    project,
    createProjectFile({
      appVersion: 'e2e',
      portrait: await readPortraitSource(ASTRONAUT, { embed: true }),
      enginePack: { id: 'mimesis-builtin', version: '1' },
      document,
      now: new Date()
    })
  )
  await page.goto(studioUrl)
  host.queueDialogResult(project)
  await page.getByRole('button', { name: 'Open project…' }).click()
  await expect(page.getByText('Opened dense.mimesis')).toBeVisible({ timeout: 60_000 })
  await expect.poll(() => keyCount(page)).toBeGreaterThan(0)
  await expect.poll(rowOf(page, 'mouth')).toMatchObject({ collapsed: false })
  const mouth = await rowOf(page, 'mouth')()
  // Every other frame is keyed on alternate tracks: the summary holds a key at every frame.
  expect(mouth?.shownKeys).toBeGreaterThan(75)
  await page.getByRole('separator', { name: 'Resize the timeline' }).focus()
  await page.keyboard.press('Shift+ArrowUp')
  await page.keyboard.press('Shift+ArrowUp')
  await page.screenshot({ path: 'test-results/screens/timeline-dense.png' })
  await page.evaluate(() => localStorage.clear())
})
