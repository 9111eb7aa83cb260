import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { probeVideoFile, streamTypes } from '../support/probe-video-file'
import { expect, test } from './fixtures'
import { ASTRONAUT, openPortrait } from './open-portrait'
import { keyCount, keyOf } from './timeline-keys'

const ROOT = resolve(__dirname, '..', '..')
const DURATION = 5
/** The lanes keep this much room at each end (timeline-geometry's LANE_INSET_PX). */
const INSET = 10

let workDir = ''
let driverClip = ''

// The driving clip is made from committed material only: the fixture portrait rendered through the
// CLI's expressions preset (3 s at 15 fps, 256²), with a generated 440 Hz tone muxed in as its sound.
test.beforeAll(async () => {
  test.setTimeout(180_000)
  workDir = mkdtempSync(join(tmpdir(), 'mimesis-e2e-drive-'))
  const silent = join(workDir, 'driver-silent.mp4')
  execFileSync(
    'npx',
    [
      'tsx',
      '--tsconfig',
      'tsconfig.node.json',
      'src/main/cli/index.ts',
      'render',
      ASTRONAUT,
      '--preset',
      'expressions',
      '--seconds',
      '3',
      '--fps',
      '15',
      '--size',
      '256',
      '--out',
      silent
    ],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] }
  )
  driverClip = join(workDir, 'driver.mp4')
  execFileSync(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-i',
      silent,
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:duration=3',
      '-map',
      '0:v:0',
      '-map',
      '1:a:0',
      '-c:v',
      'copy',
      '-c:a',
      'aac',
      '-shortest',
      driverClip
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] }
  )
  expect(streamTypes(driverClip)).toEqual(['video', 'audio'])
})

/** How many keys the timeline shows, in all or on one kind of track. */
const allKeys = (page: Page) => () => keyCount(page)
const keysOnKind = (page: Page, kind: 'expression' | 'camera') => () =>
  keyCount(page, { trackPrefix: `${kind}:` })

async function box(locator: Locator) {
  const b = await locator.boundingBox()
  if (!b) throw new Error('element has no box')
  return b
}

/** Clicks the ruler at `time` seconds (the ruler scrubs the playhead). */
async function scrubTo(page: Page, time: number, duration = DURATION) {
  const ruler = await box(page.getByTestId('timeline-ruler'))
  await page.mouse.click(ruler.x + INSET + ((ruler.width - 2 * INSET) * time) / duration, ruler.y + 8)
}

test('drive the portrait from a video: track, pick the reference, bake one undo step, edit, export with sound', async ({
  page,
  studioUrl,
  host
}) => {
  test.setTimeout(300_000)
  await openPortrait(page, studioUrl, host)
  await expect.poll(allKeys(page)).toBe(0)

  // A file that is not a video says so in the notice bar, with what to do.
  host.queueDialogResult(ASTRONAUT)
  await page.getByTestId('drive-open').click()
  await expect(page.getByRole('alert')).toContainText('cannot drive the portrait')
  await expect(page.getByRole('alert')).toContainText('Choose an MP4, MOV, WebM, MKV or AVI file')
  await expect(page.getByTestId('drive-dialog')).toBeHidden()

  // Ctrl+Shift+D: choose the clip; tracking shows its progress, then the dialog's options.
  host.queueDialogResult(driverClip)
  await page.keyboard.press('Control+Shift+D')
  const dialog = page.getByTestId('drive-dialog')
  await expect(dialog).toBeVisible()
  await expect(page.getByTestId('drive-bake')).toBeVisible({ timeout: 120_000 })
  await expect(page.getByTestId('drive-summary')).toContainText('45 frames at 15 fps')
  await expect(page.getByTestId('drive-summary')).toContainText('face in every frame')
  await expect(page.getByTestId('drive-summary')).toContainText('with sound')
  await expect(dialog.getByRole('button', { name: 'Most neutral (auto)' })).toHaveAttribute(
    'aria-pressed',
    'true'
  )
  await expect(page.getByTestId('drive-reference-picture-mesh')).toBeVisible({ timeout: 30_000 })
  await expect(dialog.getByRole('radio', { name: 'Expression and head' })).toBeChecked()
  await expect(dialog.getByRole('checkbox', { name: 'Keep every frame (dense keys)' })).not.toBeChecked()
  await page.screenshot({ path: 'test-results/screens/30-drive-dialog.png' })

  // Scrubbing moves the reference off the auto frame; the button brings it back.
  const scrubber = page.getByTestId('drive-reference')
  const autoTime = await page.getByTestId('drive-reference-time').textContent()
  await scrubber.focus()
  // To whichever end of the clip the auto frame is not at (the preset starts and ends neutral).
  await page.keyboard.press(autoTime === '2.93 s' ? 'Home' : 'End')
  await expect(page.getByTestId('drive-reference-time')).toHaveText(
    autoTime === '2.93 s' ? '0.00 s' : '2.93 s'
  )
  await expect(dialog.getByRole('button', { name: 'Most neutral (auto)' })).toHaveAttribute(
    'aria-pressed',
    'false'
  )
  await dialog.getByRole('button', { name: 'Most neutral (auto)' }).click()
  await expect(page.getByTestId('drive-reference-time')).toHaveText(autoTime ?? '')

  // Bake at the playhead (0 s): the clip fits the 5 s animation, so no question is asked.
  await page.getByTestId('drive-bake').click()
  await expect(dialog).toBeHidden({ timeout: 60_000 })
  await expect(page.getByRole('status').filter({ hasText: 'Baked' })).toContainText('from driver.mp4 at 0 s')
  await expect.poll(keysOnKind(page, 'expression')).toBeGreaterThan(0)
  await expect.poll(keysOnKind(page, 'camera')).toBeGreaterThan(0)
  const baked = await allKeys(page)()
  expect(baked).toBeGreaterThan(20)
  expect(await keysOnKind(page, 'camera')()).toBeGreaterThan(2)
  // The clip's sound became the project's audio track.
  await expect(page.getByTestId('audio-mute')).toHaveText('Sound on')

  // One undo step takes every baked key (and the sound) out; redo brings them all back.
  await page.keyboard.press('Control+z')
  await expect.poll(allKeys(page)).toBe(0)
  await expect(page.getByTestId('audio-mute')).toBeHidden()
  await page.keyboard.press('Control+Shift+z')
  await expect.poll(allKeys(page)).toBe(baked)
  await expect(page.getByTestId('audio-mute')).toHaveText('Sound on')

  // The driver in the viewport's corner, in step with the playhead (mesh on).
  await page.getByTestId('view-driverPip').click()
  await page.getByTestId('view-meshOverlay').click()
  await scrubTo(page, 1.5)
  const pip = page.getByTestId('driver-pip')
  await expect(pip).toHaveAttribute('data-position', 'inside')
  const pipTime = await pip.getAttribute('data-time')
  expect(Number(pipTime)).toBeGreaterThan(1.3)
  expect(Number(pipTime)).toBeLessThan(1.6)
  await expect(page.getByTestId('driver-pip-picture')).toHaveAttribute('data-time', pipTime ?? '')
  await expect(page.getByTestId('driver-pip-picture-mesh')).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/31-driver-pip.png' })
  await scrubTo(page, 4)
  await expect(pip).toHaveAttribute('data-position', 'after')
  await page.getByTestId('view-meshOverlay').click()

  // Baked keys are ordinary keys: drag the last yaw key 1 s later, in one undo step.
  const YAW = 'camera:yaw'
  const yawKeys = () => keyCount(page, { trackId: YAW })
  const lastYawTime = async () => (await keyOf(page, YAW, -1)).time
  const yawCount = await yawKeys()
  expect(yawCount).toBeGreaterThan(1)
  await page.locator(`.timeline .lane[data-track-id="${YAW}"]`).scrollIntoViewIfNeeded()
  const before = await lastYawTime()
  const ruler = await box(page.getByTestId('timeline-ruler'))
  const pxPerSecond = (ruler.width - 2 * INSET) / DURATION
  const start = await keyOf(page, YAW, -1)
  await page.mouse.move(start.clientX, start.clientY)
  await page.mouse.down()
  await page.mouse.move(start.clientX + pxPerSecond, start.clientY, { steps: 8 })
  await page.mouse.up()
  await expect.poll(lastYawTime).toBeGreaterThan(before + 0.8)
  await expect.poll(yawKeys).toBe(yawCount)
  await page.keyboard.press('Control+z')
  await expect.poll(lastYawTime).toBeCloseTo(before, 3)

  // File › Save performance… writes the motion as a performance file.
  const performanceFile = join(workDir, 'driver.mimesis-performance')
  host.queueDialogResult(performanceFile)
  host.sendMenuCommand('save-performance')
  await expect(page.getByRole('status').filter({ hasText: 'Saved driver.mimesis-performance' })).toBeVisible()
  const saved = JSON.parse(readFileSync(performanceFile, 'utf8')) as {
    format: string
    performance: { sourceName: string; tracks: { kind: string; keys: unknown[] }[] }
  }
  expect(saved.format).toBe('mimesis-performance')
  expect(saved.performance.sourceName).toBe('driver.mp4')
  expect(saved.performance.tracks.some((t) => t.kind === 'camera' && t.keys.length > 0)).toBe(true)

  // Baking at 3 s runs past the end: asked once, Lengthen grows the animation to 6 s (one undo step).
  await scrubTo(page, 3)
  await expect(page.getByTestId('timecode')).toHaveText('00:03:00')
  await page.keyboard.press('Control+Shift+D')
  await expect(page.getByTestId('drive-bake')).toHaveText('Bake at 3 s')
  await page.getByTestId('drive-bake').click()
  const lengthen = page.getByTestId('lengthen-prompt')
  await expect(lengthen).toBeVisible({ timeout: 60_000 })
  await expect(lengthen).toContainText('runs to 6 s')
  await lengthen.getByRole('button', { name: 'Lengthen', exact: true }).click()
  await expect(lengthen).toBeHidden()
  await expect(page.getByTestId('animation-settings')).toHaveText(/6\.0 s/)
  await page.keyboard.press('Control+z')
  await expect(page.getByTestId('animation-settings')).toHaveText(/5\.0 s/)
  await expect.poll(allKeys(page)).toBe(baked)

  // Export: a playable MP4 of the baked animation.
  const out = join(workDir, 'driven.mp4')
  await page.keyboard.press('Control+e')
  const exportDialog = page.getByTestId('export-dialog')
  await expect(exportDialog).toBeVisible()
  await exportDialog.getByText('512 × 512').click()
  await exportDialog.getByText('24 fps').click()
  host.queueDialogResult(out)
  await page.getByTestId('export-start').click()
  await expect(page.getByTestId('export-status')).toContainText('Saved driven.mp4', { timeout: 180_000 })
  expect(probeVideoFile(out)).toMatchObject({ codec: 'h264', width: 512, height: 512, frames: 120 })
  expect(streamTypes(out)).toEqual(['video', 'audio'])
  await exportDialog.getByRole('button', { name: 'Done' }).click()
  await expect(exportDialog).toBeHidden()

  // Muted, the sound stays in the project but the export is silent.
  await page.getByTestId('audio-mute').click()
  await expect(page.getByTestId('audio-mute')).toHaveText('Sound off')
  const silent = join(workDir, 'driven-muted.mp4')
  await page.keyboard.press('Control+e')
  host.queueDialogResult(silent)
  await exportDialog.getByRole('button', { name: 'Choose…' }).click()
  await expect(page.getByTestId('export-file')).toHaveText('driven-muted.mp4')
  await page.getByTestId('export-start').click()
  await expect(page.getByTestId('export-status')).toContainText('Saved driven-muted.mp4', {
    timeout: 180_000
  })
  expect(streamTypes(silent)).toEqual(['video'])
  await exportDialog.getByRole('button', { name: 'Done' }).click()

  // The project keeps the audio track (embedded), muted, starting at the bake's offset.
  const project = join(workDir, 'driven.mimesis')
  host.queueDialogResult(project)
  await page.keyboard.press('Control+s')
  await expect(page.getByRole('status').filter({ hasText: 'Saved driven.mimesis' })).toBeVisible()
  expect(existsSync(project)).toBe(true)
  const written = JSON.parse(readFileSync(project, 'utf8')) as {
    audio: { startSec: number; muted: boolean; fileName: string } | null
  }
  expect(written.audio).toMatchObject({ startSec: 0, muted: true, fileName: 'driver.m4a' })

  // File › Apply performance… at the playhead: after undoing the bake (and its
  // sound), the saved performance brings back the same keys, in one undo step.
  await page.keyboard.press('Control+z')
  await expect.poll(allKeys(page)).toBe(0)
  await scrubTo(page, 0)
  await expect(page.getByTestId('timecode')).toHaveText('00:00:00')
  host.queueDialogResult(performanceFile)
  host.sendMenuCommand('apply-performance')
  await expect(page.getByRole('status').filter({ hasText: 'Baked' })).toContainText(
    'from driver.mimesis-performance at 0 s'
  )
  await expect.poll(allKeys(page)).toBe(baked)
  await expect(page.getByTestId('audio-mute')).toBeHidden()
})
