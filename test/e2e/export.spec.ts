import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { firstFrameRgba } from '../support/first-frame-rgba'
import { probeVideoFile } from '../support/probe-video-file'
import { readPngSamples } from '../support/read-png'
import { expect, test } from './fixtures'
import { openPortrait } from './open-portrait'

async function box(locator: Locator) {
  const b = await locator.boundingBox()
  if (!b) throw new Error('element has no box')
  return b
}

/** Drags the work area's out handle until its title reads `timecode`, nudging a pixel at a time. */
async function dragWorkAreaOutTo(page: Page, timecode: string, fraction: number) {
  const handle = page.getByTestId('work-area-out')
  const start = await box(handle)
  const ruler = await box(page.getByTestId('timeline-ruler'))
  const y = start.y + start.height / 2
  await page.mouse.move(start.x + start.width / 2, y)
  await page.mouse.down()
  let x = ruler.x + ruler.width * fraction
  await page.mouse.move(x, y, { steps: 6 })
  for (let i = 0; i < 40; i++) {
    const title = (await handle.getAttribute('title')) ?? ''
    const shown = /(\d\d:\d\d:\d\d)/.exec(title)?.[1] ?? ''
    if (shown === timecode) break
    x += shown < timecode ? 1 : -1
    await page.mouse.move(x, y)
  }
  await page.mouse.up()
  await expect(handle).toHaveAttribute('title', new RegExp(timecode))
}

test('export 3 s at 512² and 24 fps, show it in its folder, then cancel an export halfway', async ({
  page,
  studioUrl,
  host
}) => {
  test.setTimeout(240_000)
  const outDir = mkdtempSync(join(tmpdir(), 'mimesis-e2e-export-'))
  await page.goto(studioUrl)
  await expect(page.getByTestId('export-open')).toBeDisabled()
  await openPortrait(page, studioUrl, host)
  await page.locator('#expr-smile').fill('0.8')
  await dragWorkAreaOutTo(page, '00:03:00', 3 / 5)

  // Ctrl+E opens the dialog; the choices start from the project's settings (work area: 0–3 s).
  await page.keyboard.press('Control+e')
  const dialog = page.getByTestId('export-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('radio', { name: /Work area/ })).toBeChecked()
  await dialog.getByText('512 × 512').click()
  await dialog.getByText('24 fps').click()
  await expect(page.getByTestId('export-summary')).toHaveText(/^72 frames · 3 s ·/)
  await page.screenshot({ path: 'test-results/screens/20-export-dialog.png' })

  const clip = join(outDir, 'astronaut-smile.mp4')
  host.queueDialogResult(clip)
  await page.getByTestId('export-start').click()
  const progress = page.getByTestId('export-progress')
  await expect(progress).toBeVisible()
  // The bar moves: it shows a value strictly between 0 and 100 at some point.
  await expect
    .poll(async () => Number((await progress.getAttribute('aria-valuenow').catch(() => '0')) ?? 0), {
      timeout: 60_000,
      intervals: [50]
    })
    .toBeGreaterThan(0)
  await page.screenshot({ path: 'test-results/screens/21-export-progress.png' })
  await expect(page.getByTestId('export-status')).toContainText('Saved astronaut-smile.mp4', {
    timeout: 120_000
  })
  await expect(page.getByTestId('export-status')).toContainText('72 frames')
  await page.screenshot({ path: 'test-results/screens/22-export-done.png' })
  expect(probeVideoFile(clip)).toEqual({
    codec: 'h264',
    pixFmt: 'yuv420p',
    frames: 72,
    width: 512,
    height: 512
  })

  await dialog.getByRole('button', { name: 'Show in folder' }).click()
  await expect.poll(() => host.shownInFolder.at(-1)).toBe(clip)

  // Exporting never touches the project: nothing to undo beyond the edits made before it.
  await dialog.getByRole('button', { name: 'Done' }).click()
  await expect(dialog).toBeHidden()

  // A longer export (5 s at 60 fps), cancelled halfway, leaves nothing behind.
  await page.getByTestId('export-open').click()
  await dialog.getByText('512 × 512').click()
  await dialog.getByText('60 fps').click()
  await dialog.getByRole('radio', { name: /Whole animation/ }).check({ force: true })
  await expect(page.getByTestId('export-summary')).toHaveText(/^300 frames · 5 s ·/)
  const cancelled = join(outDir, 'cancelled.mp4')
  host.queueDialogResult(cancelled)
  await dialog.getByRole('button', { name: 'Choose…' }).click()
  await expect(page.getByTestId('export-file')).toHaveText('cancelled.mp4')
  await page.getByTestId('export-start').click()
  await expect
    .poll(async () => Number((await progress.getAttribute('aria-valuenow').catch(() => '0')) ?? 0), {
      timeout: 120_000,
      intervals: [50]
    })
    .toBeGreaterThanOrEqual(40)
  await page.getByTestId('export-cancel').click()
  await expect(page.getByTestId('export-status')).toHaveText('Export cancelled. No file was written.', {
    timeout: 30_000
  })
  await page.screenshot({ path: 'test-results/screens/23-export-cancelled.png' })
  expect(existsSync(cancelled)).toBe(false)
  expect(readdirSync(outDir).sort()).toEqual(['astronaut-smile.mp4'])

  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
})

test('animation settings change frame rate, duration and output size in one undoable step', async ({
  page,
  studioUrl,
  host
}) => {
  await openPortrait(page, studioUrl, host)
  const meta = page.getByTestId('animation-settings')
  await expect(meta).toHaveText('30 fps · 5.0 s · 1024×1024')
  await meta.click()
  const dialog = page.getByTestId('project-settings')
  await dialog.getByLabel('Frame rate').selectOption('24')
  await dialog.getByLabel('Duration').fill('0')
  await expect(dialog.getByRole('alert')).toHaveText(/from 0.1 to 600 seconds/)
  await expect(dialog.getByRole('button', { name: 'Apply' })).toBeDisabled()
  await dialog.getByLabel('Duration').fill('3')
  await dialog.getByLabel('Output size').selectOption('512')
  await page.screenshot({ path: 'test-results/screens/24-animation-settings.png' })
  await dialog.getByRole('button', { name: 'Apply' }).click()
  await expect(dialog).toBeHidden()
  await expect(meta).toHaveText('24 fps · 3.0 s · 512×512')
  // The work area covered the whole animation, so it still does.
  await expect(page.getByTestId('work-area-out')).toHaveAttribute('title', /00:03:00/)

  await page.keyboard.press('Control+e')
  await expect(page.getByTestId('export-summary')).toHaveText(/^72 frames · 3 s ·/)
  await expect(page.getByTestId('export-dialog').getByRole('radio', { name: /512/ })).toBeChecked()
  await page.keyboard.press('Escape')

  await page.keyboard.press('Control+z')
  await expect(meta).toHaveText('30 fps · 5.0 s · 1024×1024')
})

/** Alpha (0–255) of the top-left pixel of a video's first frame, decoded by ffmpeg. */
function cornerAlpha(path: string): number {
  return firstFrameRgba(path)[3]!
}

test('a ProRes 4444 MOV keeps the background transparent, or opaque when asked', async ({
  page,
  studioUrl,
  host
}) => {
  test.setTimeout(180_000)
  const outDir = mkdtempSync(join(tmpdir(), 'mimesis-e2e-alpha-'))
  await openPortrait(page, studioUrl, host)
  // One second at 24 fps keeps the exports short.
  await page.getByTestId('animation-settings').click()
  const settings = page.getByTestId('project-settings')
  await settings.getByLabel('Frame rate').selectOption('24')
  await settings.getByLabel('Duration').fill('1')
  await settings.getByRole('button', { name: 'Apply' }).click()

  await page.keyboard.press('Control+e')
  const dialog = page.getByTestId('export-dialog')
  const transparent = page.getByTestId('export-transparent')
  // MP4 has no alpha: the switch is off and disabled until a format with alpha is picked.
  await expect(transparent).toBeDisabled()
  await dialog.getByText('MOV · ProRes 4444').click()
  await expect(transparent).toBeEnabled()
  await expect(transparent).toBeChecked()
  await dialog.getByText('512 × 512').click()
  await expect(page.getByTestId('export-summary')).toHaveText(
    /^24 frames · 1 s · MOV · ProRes 4444 with alpha/
  )
  await page.screenshot({ path: 'test-results/screens/25-export-prores-alpha.png' })

  const clear = join(outDir, 'astronaut-alpha.mov')
  host.queueDialogResult(clear)
  await page.getByTestId('export-start').click()
  await expect(page.getByTestId('export-status')).toContainText('Saved astronaut-alpha.mov', {
    timeout: 90_000
  })
  expect(probeVideoFile(clear)).toMatchObject({ codec: 'prores', frames: 24, width: 512, height: 512 })
  expect(probeVideoFile(clear).pixFmt).toMatch(/^yuva444p/)
  expect(cornerAlpha(clear)).toBeLessThan(8)

  // Opaque: the plate behind the person is written too. The chosen .mov is kept for the same format.
  await transparent.uncheck()
  const solid = join(outDir, 'astronaut-solid.mov')
  host.queueDialogResult(solid)
  await dialog.getByRole('button', { name: 'Choose…' }).click()
  await expect(page.getByTestId('export-file')).toHaveText('astronaut-solid.mov')
  await page.getByTestId('export-start').click()
  await expect(page.getByTestId('export-status')).toContainText('Saved astronaut-solid.mov', {
    timeout: 90_000
  })
  expect(cornerAlpha(solid)).toBeGreaterThan(247)

  // Back to MP4: the .mov file no longer fits and is dropped.
  await dialog.getByText('MP4 · H.264').click()
  await expect(page.getByTestId('export-file')).toHaveText('Chosen when you export')

  // GIF: no alpha, and its limits show as disabled choices (1024 px, 60 fps); a larger choice is brought down.
  await dialog.getByText('1024 × 1024').click()
  await dialog.getByText('GIF', { exact: true }).click()
  await expect(transparent).toBeDisabled()
  await expect(dialog.getByRole('radio', { name: '1024 × 1024' })).toBeDisabled()
  await expect(dialog.getByRole('radio', { name: '60 fps' })).toBeDisabled()
  await expect(dialog.getByRole('radio', { name: '512 × 512' })).toBeChecked()
  await expect(page.getByTestId('export-summary')).toHaveText(/^24 frames · 1 s · GIF/)
})

test('a 16-bit PNG sequence with its depth pass into a named folder, replaced only after asking', async ({
  page,
  studioUrl,
  host
}) => {
  test.setTimeout(180_000)
  const outDir = mkdtempSync(join(tmpdir(), 'mimesis-e2e-sequence-'))
  await openPortrait(page, studioUrl, host)
  // One second at 24 fps keeps the exports short.
  await page.getByTestId('animation-settings').click()
  const settings = page.getByTestId('project-settings')
  await settings.getByLabel('Frame rate').selectOption('24')
  await settings.getByLabel('Duration').fill('1')
  await settings.getByRole('button', { name: 'Apply' }).click()

  await page.keyboard.press('Control+e')
  const dialog = page.getByTestId('export-dialog')
  // The sequence's own options are shown only for it.
  await expect(page.getByTestId('export-depth-pass')).toHaveCount(0)
  await dialog.getByText('PNG sequence').click()
  await expect(page.getByTestId('export-transparent')).toBeChecked()
  await dialog.getByText('16-bit', { exact: true }).click()
  await page.getByTestId('export-depth-pass').check()
  await dialog.getByText('512 × 512').click()
  await expect(page.getByTestId('export-summary')).toHaveText(
    /^24 frames · 1 s · PNG sequence, 16-bit with alpha and a depth pass/
  )
  await page.screenshot({ path: 'test-results/screens/26-export-png-sequence.png' })

  const folder = join(outDir, 'astronaut-frames')
  host.queueDialogResult(folder)
  await page.getByTestId('export-start').click()
  await expect(page.getByTestId('export-status')).toContainText(
    'Saved astronaut-frames (a folder of 49 files): 24 frames',
    { timeout: 90_000 }
  )
  const names = readdirSync(folder).sort()
  expect(names).toHaveLength(49)
  expect(names[0]).toBe('astronaut-frames_00001.png')
  expect(names).toContain('astronaut-frames_00024.png')
  expect(names).toContain('astronaut-frames_depth_00024.png')
  expect(names).toContain('astronaut-frames_depth.json')
  expect(await readPngSamples(join(folder, 'astronaut-frames_00001.png'))).toMatchObject({
    bitDepth: 16,
    channels: 4,
    width: 512,
    height: 512
  })
  expect(await readPngSamples(join(folder, 'astronaut-frames_depth_00001.png'))).toMatchObject({
    bitDepth: 16,
    channels: 1
  })
  await dialog.getByRole('button', { name: 'Show in folder' }).click()
  await expect.poll(() => host.shownInFolder.at(-1)).toBe(folder)

  // Exporting again into the same folder asks first; "Don't replace" leaves it as it was.
  await page.getByTestId('export-depth-pass').uncheck()
  await page.getByTestId('export-start').click()
  await expect(page.getByTestId('export-status')).toContainText('already holds 49 files')
  await page.screenshot({ path: 'test-results/screens/27-export-sequence-replace.png' })
  await dialog.getByRole('button', { name: "Don't replace" }).click()
  expect(readdirSync(folder)).toHaveLength(49)
  await page.getByTestId('export-start').click()
  await page.getByTestId('export-replace').click()
  await expect(page.getByTestId('export-status')).toContainText(
    'Saved astronaut-frames (a folder of 24 files)',
    { timeout: 90_000 }
  )
  expect(readdirSync(folder)).toHaveLength(24)
  expect(readdirSync(outDir)).toEqual(['astronaut-frames'])
})

test('rig curves as ARKit CSV and JSON: only the frame rate and range apply, one row a frame', async ({
  page,
  studioUrl,
  host
}) => {
  test.setTimeout(120_000)
  const outDir = mkdtempSync(join(tmpdir(), 'mimesis-e2e-curves-'))
  await openPortrait(page, studioUrl, host)
  await page.getByTestId('animation-settings').click()
  const settings = page.getByTestId('project-settings')
  await settings.getByLabel('Frame rate').selectOption('24')
  await settings.getByLabel('Duration').fill('1')
  await settings.getByRole('button', { name: 'Apply' }).click()
  // Auto-key: a key at 0 s, held for the whole second.
  await page.locator('#expr-smile').fill('0.8')
  await page.locator('#expr-blinkL').fill('1')

  await page.keyboard.press('Control+e')
  const dialog = page.getByTestId('export-dialog')
  await dialog.getByText('Rig curves · ARKit CSV').click()
  // Curves are numbers, not pictures: no background, no size.
  await expect(page.getByTestId('export-transparent')).toHaveCount(0)
  await expect(dialog.getByText('512 × 512')).toHaveCount(0)
  await dialog.getByText('24 fps').click()
  await expect(page.getByTestId('export-summary')).toHaveText(
    /^24 frames · 1 s · Rig curves · ARKit CSV, ARKit's 52 blendshapes, head and camera$/
  )
  await page.screenshot({ path: 'test-results/screens/28-export-rig-curves.png' })

  const csv = join(outDir, 'astronaut-curves.csv')
  host.queueDialogResult(csv)
  await page.getByTestId('export-start').click()
  await expect(page.getByTestId('export-status')).toContainText('Saved astronaut-curves.csv', {
    timeout: 30_000
  })
  await expect(page.getByTestId('export-status')).toContainText('24 frames')
  const lines = readFileSync(csv, 'utf8').trimEnd().split('\n')
  expect(lines).toHaveLength(25)
  const header = lines[0]!.split(',')
  expect(header.slice(0, 3)).toEqual(['Timecode', 'BlendShapeCount', 'EyeBlinkLeft'])
  const rows = lines.slice(1).map((line) => line.split(','))
  expect(rows.every((r) => r.length === header.length)).toBe(true)
  expect(rows[1]![0]).toBe('00:00:00:02.500')
  expect(new Set(rows.map((r) => r[header.indexOf('MouthSmileLeft')]))).toEqual(new Set(['0.8']))
  expect(new Set(rows.map((r) => r[header.indexOf('EyeBlinkLeft')]))).toEqual(new Set(['1']))
  expect(new Set(rows.map((r) => r[header.indexOf('EyeBlinkRight')]))).toEqual(new Set(['0']))

  // The JSON: the file chosen for the CSV does not fit it and is dropped; the dialog gives a .json.
  await dialog.getByText('Rig curves · JSON').click()
  await expect(page.getByTestId('export-file')).toHaveText('Chosen when you export')
  const json = join(outDir, 'astronaut-curves.json')
  host.queueDialogResult(json)
  await page.getByTestId('export-start').click()
  await expect(page.getByTestId('export-status')).toContainText('Saved astronaut-curves.json', {
    timeout: 30_000
  })
  const parsed = JSON.parse(readFileSync(json, 'utf8')) as {
    fps: number
    arkit: { names: string[]; frames: number[][] }
    directions: { names: string[]; frames: number[][] }
  }
  expect(parsed.fps).toBe(24)
  expect(parsed.arkit.names).toHaveLength(52)
  expect(parsed.arkit.frames).toHaveLength(24)
  expect(parsed.directions.frames[0]![parsed.directions.names.indexOf('smile')]).toBe(0.8)
  expect(readdirSync(outDir).sort()).toEqual(['astronaut-curves.csv', 'astronaut-curves.json'])
})
