import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import sharp from 'sharp'
import { expect, test } from './fixtures'

const ASTRONAUT = resolve(__dirname, '..', 'fixtures', 'astronaut.png')

test('the studio opens with its full layout and reaches the real core', async ({ page, studioUrl }) => {
  const consoleErrors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  await page.goto(studioUrl)

  await expect(page.getByTestId('viewport')).toBeVisible()
  await expect(page.getByTestId('inspector')).toBeVisible()
  await expect(page.getByTestId('timeline')).toBeVisible()
  await expect(page.getByTestId('dropzone')).toContainText('Drop a portrait photo here')

  // App facts come from the real core: onnxruntime-node's version and execution providers.
  await expect(page.getByTestId('engine-status')).toContainText('ONNX Runtime 1.')
  await expect(page.getByTestId('engine-status')).toContainText('cpu')

  // Controls stay visibly disabled until there is a portrait.
  await expect(page.locator('#expr-smile')).toBeDisabled()
  await expect(page.getByRole('button', { name: 'Export…' })).toBeDisabled()
  // One expression track per direction (16 of the skin, 2 of gaze) plus six camera tracks.
  await expect(page.locator('.timeline .lane')).toHaveCount(18 + 6)

  await page.screenshot({ path: 'test-results/screens/01-studio-empty.png' })
  expect(consoleErrors).toEqual([])
})

test('a dropped portrait is decoded by the core and shown in the viewport', async ({ page, studioUrl }) => {
  await page.goto(studioUrl)
  await dropFile(page, ASTRONAUT, 'image/png')
  await expect(page.getByTestId('preview-canvas')).toBeVisible()
  await expect(page.getByTestId('dropzone')).toHaveCount(0)
  await expect(page.locator('#expr-smile')).toBeEnabled()
  // The viewport settles on a full-resolution frame (512² for this portrait) once nothing changes.
  await expect
    .poll(() => page.getByTestId('preview-canvas').evaluate((c: HTMLCanvasElement) => [c.width, c.height]))
    .toEqual([512, 512])
  await page.screenshot({ path: 'test-results/screens/02-portrait-loaded.png' })

  // A slider's quick frames (256²) go to their own canvas, so the switch back to the sharp frame resizes nothing:
  // one canvas is shown (the sharp one, carrying the test id), the other keeps the quick size, hidden.
  await expect(page.getByTestId('render-stats')).toBeVisible({ timeout: 60_000 })
  await page.locator('#expr-smile').click({ position: { x: 100, y: 8 } })
  const canvases = page.getByTestId('preview-picture').locator('canvas')
  await expect
    .poll(() =>
      canvases.evaluateAll((all: HTMLCanvasElement[]) =>
        all.map(
          (c) => `${c.width}x${c.height} ${getComputedStyle(c).visibility} ${c.dataset['testid'] ?? '-'}`
        )
      )
    )
    .toEqual(expect.arrayContaining(['512x512 visible preview-canvas', '256x256 hidden -']))
})

test('the face mesh overlay can be toggled on the loaded portrait', async ({ page, studioUrl }) => {
  await page.goto(studioUrl)
  await dropFile(page, ASTRONAUT, 'image/png')
  await expect(page.getByTestId('face-overlay')).toBeVisible()
  await expect(page.getByTestId('face-mesh')).toHaveCount(0)
  await page.getByRole('button', { name: 'Mesh' }).click()
  await expect(page.getByTestId('face-mesh')).toHaveCount(1)
  await page.screenshot({ path: 'test-results/screens/04-mesh-overlay.png' })
  await page.getByRole('button', { name: 'Mesh' }).click()
  await expect(page.getByTestId('face-mesh')).toHaveCount(0)
})

test('a picture without a face is refused with a message that says so', async ({ page, studioUrl }) => {
  const gradient = await sharp({
    create: { width: 400, height: 300, channels: 3, background: { r: 90, g: 120, b: 160 } }
  })
    .png()
    .toBuffer()
  await page.goto(studioUrl)
  await dropFile(page, gradient, 'image/png', 'sky.png')
  await expect(page.getByTestId('portrait-error')).toContainText('No face was found')
  await expect(page.locator('#expr-smile')).toBeDisabled()
})

test('with several faces the largest is chosen and the user can pick another', async ({
  page,
  studioUrl
}) => {
  // Two head-and-shoulders crops side by side, the second smaller (the short-range detector wants faces
  // that fill a fair part of the picture, as in a portrait).
  const face = await sharp(ASTRONAUT).extract({ left: 110, top: 10, width: 240, height: 240 }).toBuffer()
  const small = await sharp(face).resize(180, 180).toBuffer()
  const group = await sharp({ create: { width: 480, height: 260, channels: 3, background: '#808080' } })
    .composite([
      { input: face, left: 0, top: 10 },
      { input: small, left: 280, top: 40 }
    ])
    .png()
    .toBuffer()
  await page.goto(studioUrl)
  await dropFile(page, group, 'image/png', 'group.png')
  await expect(page.getByTestId('face-pick-hint')).toContainText('2 faces found: face 1')
  await expect(page.getByTestId('face-pick-0')).toHaveAttribute('aria-pressed', 'true')
  await page.getByTestId('face-pick-1').click()
  await expect(page.getByTestId('face-pick-1')).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByTestId('face-pick-hint')).toContainText('face 2 will be animated')
  await page.screenshot({ path: 'test-results/screens/05-pick-face.png' })
})

test('a file that is not a picture gets a clear message and the studio stays usable', async ({
  page,
  studioUrl
}) => {
  await page.goto(studioUrl)
  await dropFile(page, resolve(__dirname, '..', '..', 'package.json'), 'application/json', 'notes.png')
  await expect(page.getByTestId('portrait-error')).toContainText('unsupported or corrupt')
  await expect(page.getByRole('button', { name: 'Choose another portrait…' })).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/03-portrait-rejected.png' })
})

test('the open dialog path goes through the core and a cancelled dialog changes nothing', async ({
  page,
  studioUrl,
  host
}) => {
  await page.goto(studioUrl)
  host.queueDialogResult(null)
  await page.getByRole('button', { name: 'Open portrait…' }).first().click()
  await expect(page.getByTestId('dropzone')).toBeVisible()
  host.queueDialogResult(ASTRONAUT)
  await page.getByRole('button', { name: 'Open portrait…' }).first().click()
  await expect(page.getByTestId('preview-canvas')).toBeVisible()
})

async function dropFile(
  page: Page,
  source: string | Buffer,
  mime: string,
  name = typeof source === 'string' ? (source.split('/').pop() ?? 'file') : 'dropped.png'
): Promise<void> {
  const base64 = (typeof source === 'string' ? await readFile(source) : source).toString('base64')
  const dataTransfer = await page.evaluateHandle(
    ({ base64, mime, name }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
      const transfer = new DataTransfer()
      transfer.items.add(new File([bytes], name, { type: mime }))
      return transfer
    },
    { base64, mime, name }
  )
  await page.getByTestId('viewport').dispatchEvent('drop', { dataTransfer })
}
