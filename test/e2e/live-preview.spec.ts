import { resolve } from 'node:path'
import { expect, test } from './fixtures'
import { settledFingerprint } from './preview-fingerprint'

const ASTRONAUT = resolve(__dirname, '..', 'fixtures', 'astronaut.png')

test('the engine builds the head and the preview follows sliders and the playhead', async ({
  page,
  studioUrl,
  host
}) => {
  await page.goto(studioUrl)
  host.queueDialogResult(ASTRONAUT)
  await page.getByRole('button', { name: 'Open portrait…' }).first().click()
  await expect(page.getByTestId('render-stats')).toBeVisible({ timeout: 60_000 })
  const neutral = await settledFingerprint(page)

  await page.locator('#expr-smile').fill('1')
  const smiling = await settledFingerprint(page)
  expect(smiling).not.toBe(neutral)
  await page.screenshot({ path: 'test-results/screens/07-live-smile.png' })

  // Keys at 0 s (smile 1) and 2 s (smile 0, yaw 20): 1 s shows an in-between frame and value.
  await page.getByTestId('timeline').getByText('2s', { exact: true }).click()
  await page.locator('#expr-smile').fill('0')
  await page.locator('#camera-yaw').fill('20')
  const atTwo = await settledFingerprint(page)
  expect(atTwo).not.toBe(smiling)
  await page.getByTestId('timeline').getByText('1s', { exact: true }).click()
  // Clicking the ruler label lands within a frame or two of 1 s, where the smile is halfway down. A scrubbed
  // playhead's read-outs show only once it has rested (Inspector's FOLLOW_PLAYHEAD_MS), so they are polled.
  const smileShown = async () => Number(await page.getByTestId('expr-smile').locator('output').textContent())
  await expect.poll(smileShown).toBeGreaterThan(0.4)
  expect(await smileShown()).toBeLessThan(0.6)
  const atOne = await settledFingerprint(page)
  expect(new Set([smiling, atOne, atTwo]).size).toBe(3)
  await page.screenshot({ path: 'test-results/screens/08-scrubbed-1s.png' })

  await page.getByRole('button', { name: 'Depth' }).click()
  const depth = await settledFingerprint(page)
  expect(depth).not.toBe(atOne)
  await page.getByRole('button', { name: 'Compare' }).click()
  await expect(page.getByTestId('source-canvas')).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/09-depth-compare.png' })
})
