import { resolve } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { clickKey, keyCount, keyOf } from './timeline-keys'

const ASTRONAUT = resolve(__dirname, '..', 'fixtures', 'astronaut.png')
const DURATION = 5
const INSET = 10

async function box(locator: Locator) {
  const b = await locator.boundingBox()
  if (!b) throw new Error('element has no box')
  return b
}

async function scrubTo(page: Page, time: number) {
  const ruler = await box(page.getByTestId('timeline-ruler'))
  await page.mouse.click(ruler.x + INSET + ((ruler.width - 2 * INSET) * time) / DURATION, ruler.y + 8)
}

const smileOutput = (page: Page) => page.getByTestId('expr-smile').locator('output')

test('? and F1 open the shortcuts overlay; Esc, × and a click outside close it', async ({
  page,
  studioUrl
}) => {
  await page.goto(studioUrl)
  await expect(page.getByTestId('engine-status')).toContainText('ONNX Runtime')
  const help = page.getByTestId('help-overlay')
  await page.keyboard.press('Shift+Slash')
  await expect(help).toBeVisible()
  await expect(help.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeVisible()
  for (const text of [
    'Play / pause',
    'Delete the selected keys',
    'Undo',
    'Redo',
    'Save as…',
    'Export a video'
  ]) {
    await expect(help).toContainText(text)
  }
  for (const key of ['Space', 'K', 'Delete', 'Backspace', 'Home', 'End', 'G', 'F1']) {
    await expect(help.locator('kbd', { hasText: new RegExp(`^${key}$`) }).first()).toBeVisible()
  }
  await expect(help.getByRole('button', { name: 'Close' })).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/13-help-overlay.png' })
  await page.keyboard.press('Escape')
  await expect(help).toHaveCount(0)
  await page.keyboard.press('F1')
  await expect(help).toBeVisible()
  await help.getByRole('button', { name: 'Close' }).click()
  await expect(help).toHaveCount(0)
  await page.keyboard.press('Shift+Slash')
  await page.mouse.click(10, 790)
  await expect(help).toHaveCount(0)
})

test('the curve view draws one track, edits Bézier handles and keys with one undo step each', async ({
  page,
  studioUrl,
  host
}) => {
  await page.goto(studioUrl)
  host.queueDialogResult(ASTRONAUT)
  await page.getByRole('button', { name: 'Open portrait…' }).first().click()
  await expect(page.locator('#expr-smile')).toBeEnabled()
  await page.locator('#expr-smile').fill('0.2')
  await scrubTo(page, 2)
  await page.locator('#expr-smile').fill('0.6')

  // Keys at 0 s sit whole inside the lane.
  const smileLane = page.locator('.timeline .lane[data-track-id="expression:smile"]')
  // (A key's marker reaches 6.4 px either side of its centre.)
  const first = await keyOf(page, 'expression:smile', { time: 0 })
  expect(first.clientX - 6.4).toBeGreaterThanOrEqual((await box(smileLane)).x)

  // The inspector's key button: filled on a key, hollow elsewhere; a click keys or un-keys the playhead.
  const smileKey = page.getByTestId('expr-smile').locator('.param__key')
  await expect(smileKey).toHaveAttribute('data-key-state', 'keyed')
  await expect(page.getByTestId('expr-jawOpen').locator('.param__key')).toHaveAttribute(
    'data-key-state',
    'none'
  )
  await scrubTo(page, 1)
  await expect(smileKey).toHaveAttribute('data-key-state', 'animated')
  await expect(smileOutput(page)).toHaveText('0.40')

  // Choose smile by selecting its first key, then G shows its curve.
  await clickKey(page, 'expression:smile', { time: 0 })
  await page.keyboard.press('g')
  const curve = page.getByTestId('curve-view')
  await expect(curve).toBeVisible()
  await expect(curve).toHaveAttribute('data-track-id', 'expression:smile')
  await expect(curve.getByTestId('curve-key')).toHaveCount(2)
  await expect(page.locator('.track-name--curve')).toHaveText('Smile')
  await expect(page.getByTestId('curve-view-toggle')).toHaveAttribute('aria-pressed', 'true')

  await smileKey.click()
  await expect(smileKey).toHaveAttribute('data-key-state', 'keyed')
  await expect(curve.getByTestId('curve-key')).toHaveCount(3)
  await smileKey.click()
  await expect(curve.getByTestId('curve-key')).toHaveCount(2)

  // Right-click the first key: Bézier. Its segment shows two handles.
  await curve.getByTestId('curve-key').first().click({ button: 'right' })
  await page.getByRole('menuitemradio', { name: 'Bézier' }).click()
  const outHandle = curve.getByTestId('curve-handle-out')
  await expect(outHandle).toHaveCount(1)
  await expect(curve.getByTestId('curve-handle-in')).toHaveCount(1)
  await expect(smileOutput(page)).toHaveText('0.40')

  // Drag the out-handle up: the curve rises in the middle; one undo puts the handle back.
  const handle = await box(outHandle)
  const hx = handle.x + handle.width / 2
  const hy = handle.y + handle.height / 2
  await page.mouse.move(hx, hy)
  await page.mouse.down()
  await page.mouse.move(hx + 30, hy - 20, { steps: 4 })
  await page.mouse.move(hx + 60, hy - 45, { steps: 4 })
  await expect(page.locator('.timeline__drag-label')).toContainText('Out handle')
  await page.screenshot({ path: 'test-results/screens/14-curve-handle-drag.png' })
  await page.mouse.up()
  await expect.poll(async () => Number(await smileOutput(page).textContent())).toBeGreaterThan(0.45)
  await page.keyboard.press('Control+z')
  await expect(smileOutput(page)).toHaveText('0.40')
  await expect(curve.getByTestId('curve-handle-out')).toHaveCount(1)

  // Drag the second key down: its value falls; one undo brings it back.
  const last = curve.getByTestId('curve-key').nth(1)
  await expect(last).toHaveAttribute('data-value', '0.6')
  const k = await box(last)
  await page.mouse.move(k.x + k.width / 2, k.y + k.height / 2)
  await page.mouse.down()
  await page.mouse.move(k.x + k.width / 2, k.y + k.height / 2 + 15, { steps: 3 })
  await page.mouse.move(k.x + k.width / 2, k.y + k.height / 2 + 30, { steps: 3 })
  await page.mouse.up()
  await expect.poll(async () => Number(await last.getAttribute('data-value'))).toBeLessThan(0.55)
  await expect(last).toHaveAttribute('data-time', '2')
  await page.keyboard.press('Control+z')
  await expect(last).toHaveAttribute('data-value', '0.6')

  // Another track from the names column; the button turns the view off again.
  await page.locator('.track-name', { hasText: 'Yaw' }).click()
  await expect(curve).toHaveAttribute('data-track-id', 'camera:yaw')
  await expect(curve).toContainText('Yaw has no keys yet')
  await page.screenshot({ path: 'test-results/screens/15-curve-view-empty-track.png' })
  await page.locator('.track-name', { hasText: 'Smile' }).click()
  await page.screenshot({ path: 'test-results/screens/16-curve-view.png' })
  await page.getByTestId('curve-view-toggle').click()
  await expect(curve).toHaveCount(0)
  await expect.poll(() => keyCount(page, { trackId: 'expression:smile' })).toBe(2)
})
