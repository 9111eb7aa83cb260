import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test } from './fixtures'
import { keyCount } from './timeline-keys'

const ASTRONAUT = resolve(__dirname, '..', 'fixtures', 'astronaut.png')

test('a keyed project is saved atomically and comes back after a reload', async ({
  page,
  studioUrl,
  host
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'mimesis-e2e-project-'))
  const projectPath = join(dir, 'astronaut.mimesis')
  await page.goto(studioUrl)
  host.queueDialogResult(ASTRONAUT)
  await page.getByRole('button', { name: 'Open portrait…' }).first().click()
  await expect(page.locator('#expr-smile')).toBeEnabled()

  await page.locator('#expr-smile').fill('0.6')
  await expect(page.getByTestId('expr-smile').locator('output')).toHaveText('0.60')
  await page.locator('#camera-yaw').fill('12')
  await expect.poll(() => keyCount(page)).toBe(2)

  host.queueDialogResult(projectPath)
  await page.keyboard.press('Control+s')
  await expect(page.getByRole('status').filter({ hasText: 'Saved astronaut.mimesis' })).toBeVisible()
  const saved = JSON.parse(await readFile(projectPath, 'utf8')) as {
    format: string
    version: number
    portrait: { kind: string }
  }
  expect(saved.format).toBe('mimesis-project')
  expect(saved.portrait.kind).toBe('embedded')

  await page.reload()
  await expect(page.getByTestId('dropzone')).toBeVisible()
  host.queueDialogResult(projectPath)
  await page.getByRole('button', { name: 'Open project…' }).click()
  await expect(page.getByTestId('preview-canvas')).toBeVisible()
  await expect(page.getByTestId('expr-smile').locator('output')).toHaveText('0.60')
  await expect(page.getByTestId('camera-yaw').locator('output')).toHaveText('12.0°')
  await expect.poll(() => keyCount(page)).toBe(2)
  await page.screenshot({ path: 'test-results/screens/06-project-reopened.png' })
})

test('a malformed project is refused with its reason and the open work stays', async ({
  page,
  studioUrl,
  host
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'mimesis-e2e-bad-'))
  const bad = join(dir, 'broken.mimesis')
  await writeFile(bad, '{ "format": "mimesis-project", "version": 1, "document": ')
  const newer = join(dir, 'future.mimesis')
  await writeFile(newer, JSON.stringify({ format: 'mimesis-project', version: 99 }))

  await page.goto(studioUrl)
  host.queueDialogResult(ASTRONAUT)
  await page.getByRole('button', { name: 'Open portrait…' }).first().click()
  await page.locator('#expr-smile').fill('0.3')

  host.queueDialogResult(bad)
  await page.getByRole('button', { name: 'Open project…' }).click()
  await expect(page.getByRole('alert')).toContainText('could not be opened')
  await expect(page.getByRole('alert')).toContainText('line 1')
  host.queueDialogResult(newer)
  await page.getByRole('button', { name: 'Open project…' }).click()
  await expect(page.getByRole('alert')).toContainText('newer Mimesis Studio')
  await expect(page.getByTestId('expr-smile').locator('output')).toHaveText('0.30')
  await expect(page.getByTestId('preview-canvas')).toBeVisible()
})
