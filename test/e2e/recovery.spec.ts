import { mkdtemp, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { startTestHost, type TestHost } from '../host/start-test-host'
import { expect, test } from './fixtures'
import { keyCount } from './timeline-keys'

const ASTRONAUT = resolve(__dirname, '..', 'fixtures', 'astronaut.png')

const autosaves = async (userData: string) =>
  (await readdir(join(userData, 'autosave')).catch(() => [] as string[])).filter((name) =>
    name.endsWith('.autosave.mimesis')
  )

/** Loads the portrait and keys smile and yaw: unsaved work. */
async function makeUnsavedWork(page: Page, host: TestHost) {
  await page.goto(host.url)
  host.queueDialogResult(ASTRONAUT)
  await page.getByRole('button', { name: 'Open portrait…' }).first().click()
  await expect(page.locator('#expr-smile')).toBeEnabled()
  await page.locator('#expr-smile').fill('0.6')
  await page.locator('#camera-yaw').fill('12')
  await expect.poll(() => keyCount(page)).toBe(2)
}

test('unsaved work is autosaved every 30 s, offered after a crash, and recovered as unsaved', async ({
  page
}) => {
  test.setTimeout(180_000)
  const userData = await mkdtemp(join(tmpdir(), 'mimesis-e2e-recovery-'))
  const crashed = await startTestHost({ userDataDir: userData })
  // The page's clock is controlled so the 30 s autosave interval can be reached at once.
  await page.clock.install()
  await makeUnsavedWork(page, crashed)
  expect(await autosaves(userData)).toEqual([])
  await page.clock.fastForward('00:31')
  await expect.poll(() => autosaves(userData)).toHaveLength(1)
  // The run ends without the renderer agreeing to close: a crash.
  await crashed.close()

  const next = await startTestHost({ userDataDir: userData })
  await page.goto(next.url)
  const prompt = page.getByTestId('recovery-prompt')
  await expect(prompt).toBeVisible()
  await expect(prompt).toContainText(/Recover unsaved work from \d\d:\d\d\?/)
  await expect(prompt).toContainText('astronaut.png')
  await expect(prompt.getByRole('button', { name: 'Recover' })).toBeFocused()
  await page.screenshot({ path: 'test-results/screens/10-recovery-prompt.png' })
  // Shortcuts stand down while it is open.
  await page.keyboard.press('?')
  await expect(page.getByTestId('help-overlay')).toHaveCount(0)

  await prompt.getByRole('button', { name: 'Recover' }).click()
  await expect(prompt).toHaveCount(0)
  await expect(page.getByTestId('preview-canvas')).toBeVisible()
  await expect(page.getByTestId('expr-smile').locator('output')).toHaveText('0.60')
  await expect(page.getByTestId('camera-yaw').locator('output')).toHaveText('12.0°')
  await expect.poll(() => keyCount(page)).toBe(2)
  await expect(page.getByRole('status').filter({ hasText: 'Recovered your work' })).toBeVisible()
  await expect(page.locator('.topbar__title')).toContainText('(unsaved)')
  await page.screenshot({ path: 'test-results/screens/11-recovered.png' })

  // Closing asks about the unsaved work; "Don't save" is a clean exit, which leaves nothing to recover.
  const closing = next.requestClose()
  const closePrompt = page.getByTestId('close-prompt')
  await expect(closePrompt).toBeVisible()
  await expect(closePrompt).toContainText('Save changes before closing?')
  await page.screenshot({ path: 'test-results/screens/12-close-prompt.png' })
  await closePrompt.getByRole('button', { name: 'Don’t save' }).click()
  await closing
  await next.close()
  expect(await autosaves(userData)).toEqual([])

  const third = await startTestHost({ userDataDir: userData })
  await page.goto(third.url)
  await expect(page.getByTestId('dropzone')).toBeVisible()
  await expect(page.getByTestId('engine-status')).toContainText('ONNX Runtime')
  await expect(page.getByTestId('recovery-prompt')).toHaveCount(0)
  await third.close()
})

test('Discard removes the offered work; Cancel on closing keeps working', async ({ page }) => {
  test.setTimeout(180_000)
  const userData = await mkdtemp(join(tmpdir(), 'mimesis-e2e-discard-'))
  const crashed = await startTestHost({ userDataDir: userData })
  await makeUnsavedWork(page, crashed)
  // Closing the window writes the autosave at once; Cancel keeps the work open.
  const closing = crashed.requestClose()
  await expect(page.getByTestId('close-prompt')).toBeVisible()
  await expect.poll(() => autosaves(userData)).toHaveLength(1)
  await page.getByTestId('close-prompt').getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByTestId('close-prompt')).toHaveCount(0)
  await expect(page.getByTestId('expr-smile').locator('output')).toHaveText('0.60')
  void closing
  await crashed.close()

  const next = await startTestHost({ userDataDir: userData })
  await page.goto(next.url)
  const prompt = page.getByTestId('recovery-prompt')
  await expect(prompt).toBeVisible()
  await prompt.getByRole('button', { name: 'Discard' }).click()
  await expect(prompt).toHaveCount(0)
  await expect(page.getByTestId('dropzone')).toBeVisible()
  expect(await autosaves(userData)).toEqual([])
  await next.close()

  const third = await startTestHost({ userDataDir: userData })
  await page.goto(third.url)
  await expect(page.getByTestId('engine-status')).toContainText('ONNX Runtime')
  await expect(page.getByTestId('recovery-prompt')).toHaveCount(0)
  await third.close()
})
