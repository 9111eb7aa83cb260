import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { openPortrait } from './open-portrait'

/** The number an inspector slider shows ("12.3°", "1.25×" → 12.3, 1.25). */
const sliderValue = async (page: Page, id: string) =>
  Number.parseFloat((await page.getByTestId(id).locator('output').textContent()) ?? 'NaN')

test('dragging the preview orbits the camera; Shift pans, the wheel zooms, each drag is one undo step', async ({
  page,
  studioUrl,
  host
}) => {
  await openPortrait(page, studioUrl, host)
  const picture = page.getByTestId('preview-picture')
  const b = (await picture.boundingBox())!
  const cx = b.x + b.width / 2
  const cy = b.y + b.height / 2

  // Drag right and up: the head follows the pointer (turns toward image right and tilts up), so
  // yaw and pitch go negative (see the camera conventions in src/shared/engine/camera.ts).
  await page.mouse.move(cx, cy)
  await page.mouse.down()
  await page.mouse.move(cx + b.width * 0.2, cy - b.width * 0.1, { steps: 8 })
  await page.mouse.up()
  const yaw = await sliderValue(page, 'camera-yaw')
  const pitch = await sliderValue(page, 'camera-pitch')
  expect(yaw).toBeLessThan(-10)
  expect(yaw).toBeGreaterThan(-18)
  expect(pitch).toBeLessThan(-5)
  await expect(page.getByTestId('render-stats')).toContainText('512×512', { timeout: 30_000 })
  await page.waitForTimeout(500)
  await page.screenshot({ path: 'test-results/screens/25-orbit.png' })

  // Shift+drag pans.
  await page.keyboard.down('Shift')
  await page.mouse.move(cx, cy)
  await page.mouse.down()
  await page.mouse.move(cx + b.width * 0.1, cy, { steps: 5 })
  await page.mouse.up()
  await page.keyboard.up('Shift')
  expect(await sliderValue(page, 'camera-panX')).toBeGreaterThan(0.05)
  expect(await sliderValue(page, 'camera-yaw')).toBe(yaw)

  // The wheel zooms in.
  await page.mouse.move(cx, cy)
  await page.mouse.wheel(0, -300)
  await expect.poll(() => sliderValue(page, 'camera-zoom')).toBeGreaterThan(1.1)

  // One undo per gesture: zoom, then pan, then the orbit.
  await page.keyboard.press('Control+z')
  await expect.poll(() => sliderValue(page, 'camera-zoom')).toBe(1)
  await page.keyboard.press('Control+z')
  await expect.poll(() => sliderValue(page, 'camera-panX')).toBe(0)
  expect(await sliderValue(page, 'camera-yaw')).toBe(yaw)
  await page.keyboard.press('Control+z')
  await expect.poll(() => sliderValue(page, 'camera-yaw')).toBe(0)
  expect(await sliderValue(page, 'camera-pitch')).toBe(0)

  // Double-click resets the camera after a turn.
  await page.mouse.move(cx, cy)
  await page.mouse.down()
  await page.mouse.move(cx - b.width * 0.2, cy, { steps: 5 })
  await page.mouse.up()
  expect(await sliderValue(page, 'camera-yaw')).toBeGreaterThan(10)
  await picture.dblclick()
  await expect.poll(() => sliderValue(page, 'camera-yaw')).toBe(0)
})
