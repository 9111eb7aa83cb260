import { resolve } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { clickKey, keyCount, keyOf, lanePaints, selectedKeyCount } from './timeline-keys'

const ASTRONAUT = resolve(__dirname, '..', 'fixtures', 'astronaut.png')
const DURATION = 5
/** The lanes keep this much room at each end (timeline-geometry's LANE_INSET_PX). */
const INSET = 10

/** x of `time` seconds in a box as wide as the lanes (ruler or lane), unzoomed. */
const xOf = (b: { x: number; width: number }, time: number) =>
  b.x + INSET + ((b.width - 2 * INSET) * time) / DURATION

const SMILE = 'expression:smile'
const YAW = 'camera:yaw'
/** How many keys a track shows; how many are selected; the `i`th key's time (s). */
const countOf = (page: Page, trackId: string) => () => keyCount(page, { trackId })
const selectedCount = (page: Page) => () => selectedKeyCount(page)
const timeOf = (page: Page, trackId: string, i: number) => async () => (await keyOf(page, trackId, i)).time

async function box(locator: Locator) {
  const b = await locator.boundingBox()
  if (!b) throw new Error('element has no box')
  return b
}

/** Clicks the ruler at `time` seconds (the ruler scrubs the playhead). */
async function scrubTo(page: Page, time: number) {
  const ruler = await box(page.getByTestId('timeline-ruler'))
  await page.mouse.click(xOf(ruler, time), ruler.y + 8)
}

async function centre(locator: Locator) {
  const b = await box(locator)
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 }
}

/** The centre of a key's marker on the page. */
async function keyCentre(page: Page, trackId: string, which: number | { time: number }) {
  const key = await keyOf(page, trackId, which)
  return { x: key.clientX, y: key.clientY }
}

/** Loads the portrait and keys smile at 0 s (0.2) and 2 s (0.6), and yaw at 1 s. */
async function setUp(page: Page, studioUrl: string, host: { queueDialogResult(path: string): void }) {
  await page.goto(studioUrl)
  host.queueDialogResult(ASTRONAUT)
  await page.getByRole('button', { name: 'Open portrait…' }).first().click()
  await expect(page.locator('#expr-smile')).toBeEnabled()
  await page.locator('#expr-smile').fill('0.2')
  await scrubTo(page, 2)
  await expect(page.getByTestId('timecode')).toHaveText('00:02:00')
  await page.locator('#expr-smile').fill('0.6')
  await scrubTo(page, 1)
  await page.locator('#camera-yaw').fill('12')
  await expect.poll(countOf(page, SMILE)).toBe(2)
  await expect.poll(countOf(page, YAW)).toBe(1)
}

test('keys are selected by click, Shift+click and box, moved by drag with one undo step', async ({
  page,
  studioUrl,
  host
}) => {
  await setUp(page, studioUrl, host)
  // A second key on the expression track just above smile (so both rows are on screen), at 1 s.
  const smileLane = page.locator('.timeline .lane[data-track-id="expression:smile"]')
  const otherLane = smileLane.locator('xpath=preceding-sibling::div[contains(@class, "lane")][1]')
  const otherId = (await otherLane.getAttribute('data-track-id'))!
  await page.locator(`#expr-${otherId.split(':')[1]}`).fill('0.5')
  await expect.poll(countOf(page, otherId)).toBe(1)
  const smileAt2 = { time: 2 }

  await smileLane.scrollIntoViewIfNeeded()
  await clickKey(page, SMILE, smileAt2)
  await expect.poll(async () => (await keyOf(page, SMILE, smileAt2)).selected).toBe(true)
  await expect(page.getByTestId('key-selection-count')).toHaveText('1 key selected')
  await clickKey(page, otherId, 0, { modifiers: ['Shift'] })
  await expect.poll(selectedCount(page)).toBe(2)
  await clickKey(page, otherId, 0, { modifiers: ['Shift'] })
  await expect.poll(selectedCount(page)).toBe(1)

  // A plain click on empty lane area clears the selection and moves the playhead there.
  const lane = await box(smileLane)
  const above = await box(otherLane)
  const xAt = (time: number) => xOf(lane, time)
  await page.mouse.click(xAt(3), lane.y + lane.height / 2)
  await expect.poll(selectedCount(page)).toBe(0)
  await expect(page.getByTestId('timecode')).toHaveText('00:03:00')

  // Box-select: a rubber band over both rows from 0.5 s to 2.5 s catches smile@2 and other@1.
  await page.mouse.move(xAt(0.5), lane.y + lane.height - 2)
  await page.mouse.down()
  await page.mouse.move(xAt(2.5), above.y + 2, { steps: 6 })
  await expect(page.getByTestId('timeline-marquee')).toBeVisible()
  await expect.poll(selectedCount(page)).toBe(2)
  await page.screenshot({ path: 'test-results/screens/1x-timeline-box-select.png' })
  await page.mouse.up()
  await expect(page.getByTestId('timeline-marquee')).toHaveCount(0)
  await expect.poll(selectedCount(page)).toBe(2)

  // Drag the selection +0.5 s: both keys move together, live, and one Ctrl+Z puts them back.
  const from = await keyCentre(page, SMILE, smileAt2)
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(from.x + (lane.width - 2 * INSET) * (0.25 / DURATION), from.y, { steps: 4 })
  await expect(page.locator('.timeline__drag-label')).toBeVisible()
  await page.mouse.move(from.x + (lane.width - 2 * INSET) * (0.5 / DURATION), from.y, { steps: 4 })
  await page.screenshot({ path: 'test-results/screens/1x-timeline-drag.png' })
  await page.mouse.up()
  await expect.poll(timeOf(page, SMILE, 1)).toBe(2.5)
  await expect.poll(timeOf(page, otherId, 0)).toBe(1.5)
  await expect.poll(selectedCount(page)).toBe(2)
  await page.keyboard.press('Control+z')
  await expect.poll(timeOf(page, SMILE, 1)).toBe(2)
  await expect.poll(timeOf(page, otherId, 0)).toBe(1)
  await expect(page.locator('.timeline__drag-label')).toHaveCount(0)
})

test('Delete, copy/paste at the playhead and K edit keys from the keyboard', async ({
  page,
  studioUrl,
  host
}) => {
  await setUp(page, studioUrl, host)
  const smile = countOf(page, SMILE)
  const at4 = () => keyCount(page, { time: 4 })

  // Delete removes the selection; undo brings it back.
  await clickKey(page, SMILE, 1)
  await page.keyboard.press('Delete')
  await expect.poll(smile).toBe(1)
  await page.keyboard.press('Control+z')
  await expect.poll(smile).toBe(2)

  // Copy smile@2 + yaw@1, paste at 3.5 s: the earliest copied key lands on the playhead.
  await clickKey(page, SMILE, 1)
  await clickKey(page, YAW, 0, { modifiers: ['Shift'] })
  await page.keyboard.press('Control+c')
  await scrubTo(page, 3.5)
  await page.keyboard.press('Control+v')
  await expect.poll(countOf(page, YAW)).toBe(2)
  await expect.poll(timeOf(page, YAW, 1)).toBe(3.5)
  await expect.poll(smile).toBe(3)
  await expect.poll(timeOf(page, SMILE, 2)).toBe(4.5)
  await expect.poll(selectedCount(page)).toBe(2)

  // K with a selection keys the selected keys' tracks; with none, every track.
  await scrubTo(page, 4)
  await page.keyboard.press('k')
  await expect.poll(at4).toBe(2)
  await page.keyboard.press('Escape')
  await expect.poll(selectedCount(page)).toBe(0)
  const lanes = await page.locator('.timeline .lane').count()
  await page.keyboard.press('k')
  await expect.poll(at4).toBe(lanes)
  // The value shown at the playhead is unchanged by keying it.
  await expect(page.getByTestId('expr-smile').locator('output')).toHaveText('0.60')

  // One undo takes back everything one K press keyed.
  await page.keyboard.press('Control+z')
  await expect.poll(at4).toBe(2)
})

test('a right-click menu sets interpolation; zoom, pan and work-area handles', async ({
  page,
  studioUrl,
  host
}) => {
  await setUp(page, studioUrl, host)
  const interpolationOf = (i: number) => async () => (await keyOf(page, SMILE, i)).interpolation

  await clickKey(page, SMILE, 0)
  await clickKey(page, SMILE, 1, { modifiers: ['Shift'] })
  await clickKey(page, SMILE, 1, { button: 'right' })
  const menu = page.getByRole('menu')
  await expect(menu).toBeVisible()
  await expect(menu).toContainText('2 keys')
  await page.screenshot({ path: 'test-results/screens/1x-timeline-context-menu.png' })
  await menu.getByRole('menuitemradio', { name: 'Hold' }).click()
  await expect(menu).toHaveCount(0)
  await expect.poll(interpolationOf(0)).toBe('hold')
  await expect.poll(interpolationOf(1)).toBe('hold')
  await clickKey(page, SMILE, 0, { button: 'right' })
  await expect(menu).toBeVisible()
  await expect(menu.getByRole('menuitemradio', { name: 'Hold' })).toHaveAttribute('aria-checked', 'true')
  await page.keyboard.press('Escape')
  await expect(menu).toHaveCount(0)
  await clickKey(page, SMILE, 0, { button: 'right' })
  await menu.getByRole('menuitemradio', { name: 'Bézier' }).click()
  await expect.poll(interpolationOf(0)).toBe('bezier')
  await clickKey(page, SMILE, 0, { button: 'right' })
  await page.mouse.click(5, 5)
  await expect(menu).toHaveCount(0)

  // The same menu offers the key actions of the action table, with their shortcuts; Delete removes the
  // right-clicked key and one undo brings it back.
  const smileCount = await keyCount(page, { trackId: SMILE })
  await clickKey(page, SMILE, 0)
  await clickKey(page, SMILE, 0, { button: 'right' })
  await expect(menu).toContainText('1 key')
  await expect(menu.getByRole('menuitem', { name: /Copy/ })).toContainText(/Ctrl\+C|⌘C/)
  await menu.getByRole('menuitem', { name: /Delete/ }).click()
  await expect(menu).toHaveCount(0)
  await expect.poll(countOf(page, SMILE)).toBe(smileCount - 1)
  await page.keyboard.press('Control+z')
  await expect.poll(countOf(page, SMILE)).toBe(smileCount)

  // Ctrl+wheel zooms in around the cursor: the key under it stays put, the others spread out.
  const smileAt2 = { time: 2 }
  const at0 = await keyCentre(page, SMILE, 0)
  const at2 = await keyCentre(page, SMILE, smileAt2)
  await page.mouse.move(at0.x, at0.y)
  await page.keyboard.down('Control')
  await page.mouse.wheel(0, -200)
  await page.keyboard.up('Control')
  await expect(page.getByRole('button', { name: 'Zoom to fit' })).toBeEnabled()
  const zoomed0 = await keyCentre(page, SMILE, 0)
  const zoomed2 = await keyCentre(page, SMILE, smileAt2)
  expect(Math.abs(zoomed0.x - at0.x)).toBeLessThan(2)
  expect(zoomed2.x - zoomed0.x).toBeGreaterThan((at2.x - at0.x) * 1.4)
  // Shift+wheel pans later in time: keys move left.
  await page.keyboard.down('Shift')
  await page.mouse.wheel(0, 200)
  await page.keyboard.up('Shift')
  await expect.poll(async () => (await keyCentre(page, SMILE, smileAt2)).x).toBeLessThan(zoomed2.x - 20)
  await page.screenshot({ path: 'test-results/screens/1x-timeline-zoomed.png' })
  await page.getByRole('button', { name: 'Zoom to fit' }).click()
  await expect(page.getByRole('button', { name: 'Zoom to fit' })).toBeDisabled()

  // Drag the work-area out handle from 5 s to 4 s; one undo restores it.
  const out = page.getByTestId('work-area-out')
  await expect(out).toHaveAttribute('title', /00:05:00/)
  const handle = await centre(out)
  const ruler = await box(page.getByTestId('timeline-ruler'))
  await page.mouse.move(handle.x, handle.y)
  await page.mouse.down()
  await page.mouse.move(xOf(ruler, 4), handle.y, { steps: 5 })
  await page.mouse.up()
  await expect(out).toHaveAttribute('title', /00:04:00/)
  await page.screenshot({ path: 'test-results/screens/1x-timeline-work-area.png' })
  await page.keyboard.press('Control+z')
  await expect(out).toHaveAttribute('title', /00:05:00/)
})

test('the key lanes are reachable from the keyboard: arrows move a focused, announced key; keys edit it', async ({
  page,
  studioUrl,
  host
}) => {
  await setUp(page, studioUrl, host)
  const rows = page.getByTestId('timeline-rows')
  const announcer = page.getByTestId('timeline-key-announcer')
  await expect(rows).toHaveAttribute('tabindex', '0')
  await expect(rows).toHaveAccessibleName('Keys')
  await expect(announcer).toHaveAttribute('aria-live', 'polite')

  // Focus starts on the first keyed track's key nearest the playhead (1 s: smile's 0 s and 2 s tie, the later wins).
  await rows.focus()
  await expect(announcer).toHaveText('Smile, key 2 of 2: 2.00 s, value 0.60, Linear')
  await expect(page.getByTestId('timecode')).toHaveText('00:01:00')

  // ← selects the previous key of the track (the playhead stays: the lanes have the arrow keys).
  await page.keyboard.press('ArrowLeft')
  await expect(announcer).toHaveText('Smile, key 1 of 2: 0.00 s, value 0.20, Linear, selected')
  await expect(page.getByTestId('key-selection-count')).toHaveText('1 key selected')
  await expect(page.getByTestId('timecode')).toHaveText('00:01:00')
  await expect.poll(async () => (await keyOf(page, SMILE, 0)).selected).toBe(true)

  // ↓ goes to the nearest key in time on the next track that has keys; Shift+↑ comes back, adding.
  await page.keyboard.press('ArrowDown')
  await expect(announcer).toHaveText('Yaw, key 1 of 1: 1.00 s, value 12.00, Linear, selected')
  await page.keyboard.press('Shift+ArrowUp')
  await expect(announcer).toHaveText('Smile, key 2 of 2: 2.00 s, value 0.60, Linear, selected')
  await expect.poll(selectedCount(page)).toBe(2)
  await page.screenshot({ path: 'test-results/screens/1x-timeline-keyboard-focus.png' })

  // Delete is the action table's: it removes the selection; one undo brings it back.
  await page.keyboard.press('Delete')
  await expect.poll(countOf(page, SMILE)).toBe(1)
  await expect.poll(countOf(page, YAW)).toBe(0)
  await page.keyboard.press('Control+z')
  await expect.poll(countOf(page, SMILE)).toBe(2)
  await expect.poll(countOf(page, YAW)).toBe(1)

  // Enter moves the playhead to the focused key; Shift+F10 opens the key menu for it.
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('timecode')).toHaveText('00:02:00')
  await page.keyboard.press('Shift+F10')
  const menu = page.getByRole('menu')
  await expect(menu).toBeVisible()
  await expect(menu).toContainText('1 key')
  await page.keyboard.press('Escape')
  await expect(menu).toHaveCount(0)

  // After a mouse press in the lanes the arrow keys step frames, as before.
  const lane = await box(page.locator(`.timeline .lane[data-track-id="${SMILE}"]`))
  await page.mouse.click(xOf(lane, 3), lane.y + lane.height / 2)
  await expect(page.getByTestId('timecode')).toHaveText('00:03:00')
  await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('timecode')).toHaveText('00:03:01')
})

test('the filter box shows only the tracks whose name holds what is typed; box select works on them', async ({
  page,
  studioUrl,
  host
}) => {
  await setUp(page, studioUrl, host)
  const filter = page.getByTestId('track-filter')
  const lanes = page.locator('.timeline .lane')
  await expect(lanes).toHaveCount(24)

  await filter.fill('YAW')
  await expect(lanes).toHaveCount(1)
  await expect(page.locator('.timeline .track-name')).toHaveText(['Yaw'])
  await expect.poll(countOf(page, YAW)).toBe(1)
  await expect.poll(countOf(page, SMILE)).toBe(0)
  await page.screenshot({ path: 'test-results/screens/1x-timeline-filtered.png' })

  // The one row shown is the first row: a box over it from 0.5 s to 1.5 s catches yaw@1.
  const lane = await box(lanes.first())
  await page.mouse.move(xOf(lane, 0.5), lane.y + 2)
  await page.mouse.down()
  await page.mouse.move(xOf(lane, 1.5), lane.y + lane.height - 2, { steps: 4 })
  await page.mouse.up()
  await expect(page.getByTestId('key-selection-count')).toHaveText('1 key selected')

  // Escape in the box clears it: every track again.
  await filter.press('Escape')
  await expect(filter).toHaveValue('')
  await expect(lanes).toHaveCount(24)
  await expect.poll(countOf(page, SMILE)).toBe(2)
})

test('lanes redraw only what changed: scrubbing redraws none, a click redraws only the clicked lane', async ({
  page,
  studioUrl,
  host
}) => {
  await setUp(page, studioUrl, host)
  // The head built (its notice gone, so the layout is settled) and smile's row in sight.
  await expect(page.getByTestId('render-stats')).toBeVisible({ timeout: 60_000 })
  await page.locator(`.timeline .lane[data-track-id="${SMILE}"]`).scrollIntoViewIfNeeded()
  // A lane scrolled into sight draws on its next paint: wait for smile's first drawing before comparing.
  await expect.poll(() => lanePaints(page, SMILE)).toBeGreaterThan(0)

  // Dragging the playhead over the whole ruler draws none of the lanes on screen (a lane that comes into
  // sight is drawn then, so only lanes already drawn are compared).
  const ids = await page
    .locator('.timeline .lane')
    .evaluateAll((lanes) => lanes.map((lane) => lane.getAttribute('data-track-id') ?? ''))
  const paintsOf = async () =>
    Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await lanePaints(page, id)] as const)))
  const before = Object.fromEntries(Object.entries(await paintsOf()).filter(([, n]) => n > 0))
  expect(before[SMILE]).toBeGreaterThan(0)
  const ruler = await box(page.getByTestId('timeline-ruler'))
  await page.mouse.move(xOf(ruler, 0.2), ruler.y + 8)
  await page.mouse.down()
  await page.mouse.move(xOf(ruler, 4.8), ruler.y + 8, { steps: 20 })
  await page.mouse.move(xOf(ruler, 1), ruler.y + 8, { steps: 20 })
  await page.mouse.up()
  await expect(page.getByTestId('timecode')).toHaveText('00:01:00')
  const after = await paintsOf()
  expect(Object.fromEntries(Object.keys(before).map((id) => [id, after[id]]))).toEqual(before)

  // Selecting a smile key redraws smile's lane, not the one below it.
  const below = ids[ids.indexOf(SMILE) + 1]!
  const other = await lanePaints(page, below)
  const smile = await lanePaints(page, SMILE)
  await clickKey(page, SMILE, 1)
  await expect(page.getByTestId('key-selection-count')).toHaveText('1 key selected')
  expect(await lanePaints(page, SMILE)).toBeGreaterThan(smile)
  expect(await lanePaints(page, below)).toBe(other)
})
