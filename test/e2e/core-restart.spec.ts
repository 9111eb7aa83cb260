import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { openPortrait } from './open-portrait'

/** A cheap fingerprint of what the preview canvas shows: its size and a sum of sampled pixels. */
async function previewFingerprint(page: Page): Promise<string> {
  return page.getByTestId('preview-canvas').evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext('2d')
    if (!context) return 'none'
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height)
    let sum = 0
    for (let i = 0; i < data.length; i += 97) sum = (sum * 31 + data[i]!) % 1_000_000_007
    return `${canvas.width}x${canvas.height}:${sum}`
  })
}

async function settledFingerprint(page: Page): Promise<string> {
  // The viewport refines to full resolution once interaction pauses; wait until two reads agree.
  let previous = ''
  for (let i = 0; i < 60; i++) {
    await page.waitForTimeout(250)
    const current = await previewFingerprint(page)
    if (current === previous && current.startsWith('512x512')) return current
    previous = current
  }
  return previous
}

test('a crash of the engine process costs a restart: the document stays and the preview comes back', async ({
  page,
  studioUrl,
  host
}) => {
  await openPortrait(page, studioUrl, host)
  await page.locator('#expr-smile').fill('1')
  const smiling = await settledFingerprint(page)

  const restartsBefore = host.coreRestarts
  await host.crashCore()
  expect(host.coreRestarts).toBe(restartsBefore + 1)

  await expect(
    page.getByRole('status').filter({ hasText: 'The engine restarted; your document is kept.' })
  ).toBeVisible()
  await expect(page.getByRole('alert')).toHaveCount(0)
  // The renderer kept the document: the slider still reads what was set before the crash.
  await expect(page.getByTestId('expr-smile').locator('output')).toHaveText(/^1(\.0+)?$/)

  // The next preview rebuilds the avatar in the new engine and renders the same frame as before.
  // (The first frame waits for the rebuild, so wait for the change before waiting for it to settle.)
  await page.locator('#expr-smile').fill('0.5')
  await expect.poll(() => previewFingerprint(page), { timeout: 60_000 }).not.toBe(smiling)
  const halfway = await settledFingerprint(page)
  expect(halfway).not.toBe(smiling)
  await page.locator('#expr-smile').fill('1')
  expect(await settledFingerprint(page)).toBe(smiling)
  await expect(page.getByRole('alert')).toHaveCount(0)
})
