// The studio's motion exports and their round trip: the animated 3D face (.glb) from the export dialog, checked by
// the Khronos validator, and as an OBJ sequence into a folder; the Rig curves preset, remembered for a saved project; and Import Curves… baking an
// exported CSV back in one undo step.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { issueLines, readGlb, validateGlb } from '../support/validate-glb'
import { expect, test } from './fixtures'
import { openPortrait } from './open-portrait'

/** One second at 24 fps, smile 0.8 keyed at 0 (auto-key). */
async function oneSecondSmile(page: Page): Promise<void> {
  await page.getByTestId('animation-settings').click()
  const settings = page.getByTestId('project-settings')
  await settings.getByLabel('Frame rate').selectOption('24')
  await settings.getByLabel('Duration').fill('1')
  await settings.getByRole('button', { name: 'Apply' }).click()
  await page.locator('#expr-smile').fill('0.8')
}

test('the 3D face as .glb: only frame rate and range apply; the file passes the glTF validator', async ({
  page,
  studioUrl,
  host
}) => {
  test.setTimeout(120_000)
  const outDir = mkdtempSync(join(tmpdir(), 'mimesis-e2e-glb-'))
  await openPortrait(page, studioUrl, host)
  await oneSecondSmile(page)
  await page.keyboard.press('Control+e')
  const dialog = page.getByTestId('export-dialog')
  await dialog.getByText('3D face · glTF (.glb)').click()
  await expect(page.getByTestId('export-transparent')).toHaveCount(0)
  await expect(dialog.getByText('512 × 512')).toHaveCount(0)
  await dialog.getByText('24 fps').click()
  await expect(page.getByTestId('export-summary')).toHaveText(
    /^24 frames · 1 s · 3D face · glTF \(\.glb\), the face mesh and photo, one morph target per expression/
  )
  await page.screenshot({ path: 'test-results/screens/29-export-glb.png' })
  const out = join(outDir, 'astronaut-face.glb')
  host.queueDialogResult(out)
  await page.getByTestId('export-start').click()
  await expect(page.getByTestId('export-status')).toContainText('Saved astronaut-face.glb', {
    timeout: 60_000
  })

  expect(issueLines(await validateGlb(out), 0)).toEqual([])
  const gltf = await readGlb(out)
  const [primitive] = gltf.getRoot().listMeshes()[0]!.listPrimitives()
  expect(primitive!.listTargets().map((t) => t.getName())).toContain('smile')
  const weights = gltf
    .getRoot()
    .listAnimations()[0]!
    .listChannels()
    .find((c) => c.getTargetPath() === 'weights')!
    .getSampler()!
  expect(weights.getInput()!.getCount()).toBe(24)
  const smile = primitive!.listTargets().findIndex((t) => t.getName() === 'smile')
  const k = primitive!.listTargets().length
  expect(weights.getOutput()!.getArray()![5 * k + smile]).toBeCloseTo(0.8, 5)
})

test('the 3D face as an OBJ sequence: a folder of one OBJ a frame with its MTL and textures', async ({
  page,
  studioUrl,
  host
}) => {
  test.setTimeout(120_000)
  const parent = mkdtempSync(join(tmpdir(), 'mimesis-e2e-obj-'))
  await openPortrait(page, studioUrl, host)
  await oneSecondSmile(page)
  await page.keyboard.press('Control+e')
  const dialog = page.getByTestId('export-dialog')
  await dialog.getByText('3D face · OBJ sequence').click()
  await expect(page.getByTestId('export-transparent')).toHaveCount(0)
  await dialog.getByText('24 fps').click()
  await expect(page.getByTestId('export-summary')).toHaveText(
    /^24 frames · 1 s · 3D face · OBJ sequence, one OBJ mesh a frame/
  )
  host.queueDialogResult(join(parent, 'face-objs'))
  await page.getByTestId('export-start').click()
  await expect(page.getByTestId('export-status')).toContainText('face-objs', { timeout: 60_000 })
  await expect(page.getByTestId('export-status')).toContainText('a folder of 28 files')
  const files = readdirSync(join(parent, 'face-objs'))
  expect(files.filter((f) => f.endsWith('.obj'))).toHaveLength(24)
  expect(files).toEqual(
    expect.arrayContaining([
      'face-objs.mtl',
      'face-objs_face.png',
      'face-objs_eyes.png',
      'face-objs_teeth.png'
    ])
  )
  expect(readFileSync(join(parent, 'face-objs', 'face-objs_00006.obj'), 'utf8')).toContain('usemtl teeth')
  expect(readdirSync(parent)).toEqual(['face-objs'])
})

test('a preset, remembered for the saved project; Import Curves… bakes the exported CSV back in one undo step', async ({
  page,
  studioUrl,
  host
}) => {
  test.setTimeout(120_000)
  const outDir = mkdtempSync(join(tmpdir(), 'mimesis-e2e-presets-'))
  await openPortrait(page, studioUrl, host)
  await oneSecondSmile(page)
  host.queueDialogResult(join(outDir, 'take.mimesis'))
  await page.keyboard.press('Control+s')
  await expect(page.getByRole('status').filter({ hasText: 'Saved take.mimesis' })).toBeVisible()

  await page.keyboard.press('Control+e')
  const dialog = page.getByTestId('export-dialog')
  const preset = page.getByTestId('export-preset')
  await expect(preset).toHaveValue('')
  await preset.selectOption({ label: 'Rig curves' })
  await expect(dialog.getByRole('radio', { name: 'Rig curves · ARKit CSV' })).toBeChecked()
  await expect(dialog.getByRole('radio', { name: '60 fps' })).toBeChecked()
  await page.screenshot({ path: 'test-results/screens/30-export-preset.png' })
  const csv = join(outDir, 'take.csv')
  host.queueDialogResult(csv)
  await page.getByTestId('export-start').click()
  await expect(page.getByTestId('export-status')).toContainText('Saved take.csv', { timeout: 30_000 })
  await page.keyboard.press('Escape')

  // Opened again, the dialog has this project's last choices, not the animation's 24 fps.
  await page.keyboard.press('Control+e')
  await expect(preset).toHaveValue('rig-curves')
  await expect(dialog.getByRole('radio', { name: '60 fps' })).toBeChecked()
  await dialog.getByText('MP4 · H.264').click()
  await expect(preset).toHaveValue('')
  await page.keyboard.press('Escape')

  // The smile taken out, then the curves imported at the playhead (0 s) bring it back; undo takes them out.
  await page.locator('#expr-smile').fill('0')
  await expect(page.locator('#expr-smile')).toHaveValue('0')
  host.queueDialogResult(csv)
  host.sendMenuCommand('import-curves')
  await expect(page.getByRole('status').filter({ hasText: 'Baked' })).toContainText('from take.csv at 0 s')
  await expect(page.locator('#expr-smile')).toHaveValue('0.8')
  await page.keyboard.press('Control+z')
  await expect(page.locator('#expr-smile')).toHaveValue('0')
})
