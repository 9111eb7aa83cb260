import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startTestHost } from '../host/start-test-host'
import { expect, test } from './fixtures'

const ASTRONAUT = resolve(__dirname, '..', 'fixtures', 'astronaut.png')

test('saved projects appear under Recent projects; one that has gone is reported and removed', async ({
  page
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'mimesis-e2e-recent-'))
  // A host of its own, so the recent list holds only what this test saved.
  const host = await startTestHost()
  await page.goto(host.url)
  host.queueDialogResult(ASTRONAUT)
  await page.getByRole('button', { name: 'Open portrait…' }).first().click()
  await expect(page.locator('#expr-smile')).toBeEnabled()
  await page.locator('#expr-smile').fill('0.7')
  host.queueDialogResult(join(dir, 'first.mimesis'))
  await page.keyboard.press('Control+s')
  await expect(page.getByRole('status').filter({ hasText: 'Saved first.mimesis' })).toBeVisible()
  await page.locator('#expr-smile').fill('0.3')
  host.queueDialogResult(join(dir, 'second.mimesis'))
  await page.keyboard.press('Control+Shift+s')
  await expect(page.getByRole('status').filter({ hasText: 'Saved second.mimesis' })).toBeVisible()

  await page.reload()
  const recent = page.getByTestId('recent-projects')
  await expect(recent).toBeVisible()
  await expect(recent.getByRole('button')).toHaveCount(2)
  await expect(recent.getByRole('button').first()).toContainText('second.mimesis')
  await expect(recent.getByRole('button').nth(1)).toContainText('first.mimesis')
  await page.screenshot({ path: 'test-results/screens/17-recent-projects.png' })

  await recent.getByRole('button', { name: /first\.mimesis/ }).click()
  await expect(page.getByTestId('preview-canvas')).toBeVisible()
  await expect(page.getByTestId('expr-smile').locator('output')).toHaveText('0.70')
  await expect(page.locator('.topbar__title')).toHaveText('first.mimesis')

  // second.mimesis is deleted while the list is on screen.
  await page.reload()
  await expect(recent.getByRole('button').first()).toContainText('first.mimesis')
  await rm(join(dir, 'second.mimesis'))
  await recent.getByRole('button', { name: /second\.mimesis/ }).click()
  const alert = page.getByRole('alert')
  await expect(alert).toContainText('"second.mimesis" is no longer in')
  await expect(alert).toContainText('removed from the recent list')
  await expect(recent.getByRole('button')).toHaveCount(1)
  await expect(page.getByTestId('dropzone')).toBeVisible()
  await host.close()
})
