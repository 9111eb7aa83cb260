import { expect, test } from './fixtures'
import { previewFingerprint, settledFingerprint } from './preview-fingerprint'
import { openPortrait } from './open-portrait'

test('a crash of the engine process costs a restart: the document stays and the preview comes back', async ({
  page,
  studioUrl,
  host
}) => {
  await openPortrait(page, studioUrl, host)
  await page.locator('#expr-smile').fill('1')
  const smiling = await settledFingerprint(page, 60)

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
  const halfway = await settledFingerprint(page, 60)
  expect(halfway).not.toBe(smiling)
  await page.locator('#expr-smile').fill('1')
  expect(await settledFingerprint(page, 60)).toBe(smiling)
  await expect(page.getByRole('alert')).toHaveCount(0)
})
