import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { openPortrait } from './open-portrait'
import { keyCount } from './timeline-keys'

// Keys are drawn on canvases: counted through the lanes' probe (all tracks, the visible time range).
const allKeys = (page: Page) => expect.poll(() => keyCount(page))
const keysOf = (page: Page, trackId: string) => expect.poll(() => keyCount(page, { trackId }))

test('generate idle life as keys in one undo step, reproducibly from the seed; then an emotion', async ({
  page,
  studioUrl,
  host
}) => {
  test.setTimeout(180_000)
  await openPortrait(page, studioUrl, host)
  // A key on a track idle life does not write: it stays through everything below.
  await page.locator('#expr-pucker').fill('0.3')
  await allKeys(page).toBe(1)

  // Ctrl+Shift+G opens the dialog: idle life over the work area by default.
  await page.keyboard.press('Control+Shift+G')
  const dialog = page.getByTestId('generate-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('radio', { name: 'Idle life' })).toBeChecked()
  await expect(dialog.getByRole('radio', { name: 'Work area' })).toBeChecked()
  await expect(dialog.getByRole('radio', { name: 'Selected keys' })).toBeDisabled()
  await expect(dialog.getByLabel('Energy')).toBeVisible()
  await expect(dialog.getByLabel('Head motion')).toBeVisible()
  await dialog.getByLabel('Blink rate').fill('30')
  const seed = dialog.getByLabel('Seed')
  const before = await seed.inputValue()
  await dialog.getByRole('button', { name: 'New seed' }).click()
  await expect(seed).not.toHaveValue(before)
  await seed.fill('7')
  await page.screenshot({ path: 'test-results/screens/40-generate-dialog.png' })
  await page.getByTestId('generate-run').click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('status').filter({ hasText: 'Generated' })).toContainText(
    'of idle life from 0.00 to 5.00 s (seed 7)'
  )
  // Blinks, gaze and head motion are on the timeline as ordinary keys; pucker kept its one key.
  await keysOf(page, 'expression:blinkL').toBeGreaterThan(4)
  await keysOf(page, 'camera:yaw').toBeGreaterThan(2)
  await keysOf(page, 'expression:gazeHorizontal').toBeGreaterThan(0)
  await keysOf(page, 'expression:pucker').toBe(1)
  const generated = await keyCount(page)
  expect(generated).toBeGreaterThan(30)

  // One undo step takes every generated key out; redo brings them back.
  await page.keyboard.press('Control+z')
  await allKeys(page).toBe(1)
  await page.keyboard.press('Control+Shift+z')
  await allKeys(page).toBe(generated)

  // The same settings and seed give the same keys again.
  await page.keyboard.press('Control+z')
  await allKeys(page).toBe(1)
  await page.getByTestId('generate-open').click()
  await expect(dialog.getByLabel('Seed')).toHaveValue('7')
  await page.getByTestId('generate-run').click()
  await allKeys(page).toBe(generated)

  // An emotion on its own: surprise widens the eyes, over its own tracks only.
  await page.keyboard.press('Control+Shift+G')
  // The radio sits inside its segmented label, which takes the click.
  await dialog.locator('label', { has: page.getByRole('radio', { name: 'Emotion' }) }).click()
  await expect(dialog.getByRole('radio', { name: 'Emotion' })).toBeChecked()
  await dialog.getByRole('combobox', { name: 'Emotion' }).selectOption('surprise')
  await dialog.getByLabel('Idle life under it').uncheck()
  await expect(dialog.getByLabel('Energy')).toBeHidden()
  await dialog.getByLabel('Onset (s)').fill('3')
  await dialog.getByLabel('Apex (s)').fill('2')
  await expect(dialog.getByRole('alert')).toContainText('onset < apex < offset')
  await expect(page.getByTestId('generate-run')).toBeDisabled()
  await dialog.getByLabel('Onset (s)').fill('1')
  await page.getByTestId('generate-run').click()
  await expect(dialog).toBeHidden()
  await keysOf(page, 'expression:eyesWide').toBeGreaterThan(1)
  await expect(page.getByRole('status').filter({ hasText: 'Generated' })).toContainText('surprise')
  await page.keyboard.press('Control+z')
  await keysOf(page, 'expression:eyesWide').toBe(0)
  await allKeys(page).toBe(generated)

  // The emotion timeline: Joy dragged onto the strip's last part joins the surprise block; the keyboard moves
  // it; both arcs are generated in one step.
  await page.keyboard.press('Control+Shift+G')
  const blocks = dialog.getByTestId('emotion-block')
  await expect(blocks).toHaveCount(1)
  const strip = dialog.getByTestId('emotion-strip')
  const box = (await strip.boundingBox())!
  await dialog
    .getByRole('button', { name: 'Joy', exact: true })
    .dragTo(strip, { targetPosition: { x: box.width * 0.8, y: box.height / 2 } })
  await expect(blocks).toHaveCount(2)
  await expect(blocks.nth(1)).toHaveAccessibleName('Joy from 3.00 to 5.00 s')
  await expect(dialog.getByRole('combobox', { name: 'Emotion' })).toHaveValue('joy')
  await blocks.nth(1).focus()
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await expect(blocks.nth(1)).toHaveAccessibleName('Joy from 2.80 to 4.80 s')
  await expect(dialog.getByLabel('Onset (s)')).toHaveValue('2.8')
  await page.screenshot({ path: 'test-results/screens/42-generate-emotion-timeline.png' })
  await page.getByTestId('generate-run').click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('status').filter({ hasText: 'Generated' })).toContainText('surprise, joy')
  await keysOf(page, 'expression:eyesWide').toBeGreaterThan(1)
  await keysOf(page, 'expression:smile').toBeGreaterThan(1)
})
