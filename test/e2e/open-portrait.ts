import { resolve } from 'node:path'
import { expect, type Page } from '@playwright/test'
import type { TestHost } from '../host/start-test-host'

export const ASTRONAUT = resolve(__dirname, '..', 'fixtures', 'astronaut.png')

/**
 * Opens the studio, opens `portrait` through the (scripted) Open dialog, and waits until the head is
 * built and its first frame is on screen.
 */
export async function openPortrait(
  page: Page,
  studioUrl: string,
  host: Pick<TestHost, 'queueDialogResult'>,
  portrait = ASTRONAUT
): Promise<void> {
  await page.goto(studioUrl)
  host.queueDialogResult(portrait)
  await page.getByRole('button', { name: 'Open portrait…' }).first().click()
  await expect(page.getByTestId('render-stats')).toBeVisible({ timeout: 60_000 })
}
