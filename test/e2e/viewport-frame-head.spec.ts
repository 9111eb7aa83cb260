// "Frame the head" zooms the view onto the face, rendered at the viewport's device pixels; the camera
// track is not touched, and Shift+Home shows the whole picture again (issue 22).
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { previewFingerprint, settledFingerprint } from './preview-fingerprint'
import { keyCount } from './timeline-keys'

const ASTRONAUT = resolve(__dirname, '..', 'fixtures', 'astronaut.png')

/** The fingerprint once two reads 250 ms apart agree (at any size: framed frames are larger than 512²). */
async function steadyFingerprint(page: Page): Promise<string> {
  let previous = ''
  for (let i = 0; i < 60; i++) {
    await page.waitForTimeout(250)
    const current = await previewFingerprint(page)
    if (current === previous) return current
    previous = current
  }
  return previous
}

test('F frames the head in the view only, sharper than the whole picture; Shift+Home resets it', async ({
  page,
  studioUrl,
  host
}) => {
  // A large window: the preview's box is well over the avatar's 512 px.
  await page.setViewportSize({ width: 1600, height: 1200 })
  await page.goto(studioUrl)
  host.queueDialogResult(ASTRONAUT)
  await page.getByRole('button', { name: 'Open portrait…' }).first().click()
  await expect(page.getByTestId('render-stats')).toBeVisible({ timeout: 60_000 })
  const whole = await settledFingerprint(page)
  expect(whole.startsWith('512x512')).toBe(true)

  await page.getByTestId('viewport').click({ position: { x: 5, y: 60 } })
  await page.keyboard.press('f')
  await expect(page.getByTestId('view-frameHead')).toHaveAttribute('aria-pressed', 'true')
  // Zoomed onto the face: rendered larger than the avatar (up to the box), and a different picture.
  await expect
    .poll(async () => (await previewFingerprint(page)).split(':')[0]!.split('x').map(Number)[0]!, {
      timeout: 60_000
    })
    .toBeGreaterThan(512)
  const framed = await steadyFingerprint(page)
  expect(framed).not.toBe(whole)
  await page.screenshot({ path: 'test-results/screens/viewport-framed-head.png' })
  // The view, not the document: no camera key was made.
  await expect.poll(() => keyCount(page, { trackPrefix: 'camera:' })).toBe(0)

  await page.keyboard.press('Shift+Home')
  await expect(page.getByTestId('view-frameHead')).toHaveAttribute('aria-pressed', 'false')
  expect(await settledFingerprint(page)).toBe(whole)
})

test('the face mesh shows in the framed view, zoomed with the face', async ({ page, studioUrl, host }) => {
  await page.goto(studioUrl)
  host.queueDialogResult(ASTRONAUT)
  await page.getByRole('button', { name: 'Open portrait…' }).first().click()
  await expect(page.getByTestId('render-stats')).toBeVisible({ timeout: 60_000 })
  await page.getByRole('button', { name: 'Mesh' }).click()
  const mesh = page.getByTestId('face-mesh')
  await expect(mesh).toHaveCount(1)
  const whole = (await mesh.boundingBox())!

  await page.getByTestId('viewport').click({ position: { x: 5, y: 60 } })
  await page.keyboard.press('f')
  await expect(page.getByTestId('view-frameHead')).toHaveAttribute('aria-pressed', 'true')
  await expect(mesh).toHaveCount(1)
  // Zoomed as the picture is: the face fills more of the view.
  await expect.poll(async () => (await mesh.boundingBox())!.width).toBeGreaterThan(whole.width * 1.3)
  await page.screenshot({ path: 'test-results/screens/viewport-framed-mesh.png' })

  await page.keyboard.press('Shift+Home')
  await expect(page.getByTestId('view-frameHead')).toHaveAttribute('aria-pressed', 'false')
  await expect.poll(async () => Math.round((await mesh.boundingBox())!.width)).toBe(Math.round(whole.width))
})
