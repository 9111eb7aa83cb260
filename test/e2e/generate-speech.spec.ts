import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { probeVideoFile, streamTypes } from '../support/probe-video-file'
import { expect, test } from './fixtures'
import { openPortrait } from './open-portrait'
import { keyCount, shownKeys } from './timeline-keys'

test('add a voice recording, generate speech over idle life from it, and export an MP4 with its sound', async ({
  page,
  studioUrl,
  host
}) => {
  test.setTimeout(240_000)
  const dir = mkdtempSync(join(tmpdir(), 'mimesis-e2e-speech-'))
  // A "voice": 3 s of 220 Hz tone bursts, 200 ms on every 500 ms from 1 s (syllables), silent before.
  const voice = join(dir, 'voice.wav')
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=220:sample_rate=16000:duration=3',
    '-af',
    "volume='if(between(mod(t,0.5),0,0.2)*gte(t,1),1,0)':eval=frame",
    voice
  ])
  await openPortrait(page, studioUrl, host)

  // Speech asks for a sound first; the dialog's own button adds one.
  await page.keyboard.press('Control+Shift+G')
  const dialog = page.getByTestId('generate-dialog')
  await dialog.locator('label', { has: page.getByRole('radio', { name: 'Speech' }) }).click()
  await expect(dialog.getByRole('alert')).toContainText('The project has no sound')
  await expect(page.getByTestId('generate-run')).toBeDisabled()
  host.queueDialogResult(voice)
  await dialog.getByTestId('generate-add-sound').click()
  await expect(dialog.getByTestId('generate-speech-sound')).toHaveText('voice.m4a, from 0.00 s')
  await expect(page.getByTestId('audio-mute')).toHaveText('Sound on')
  // Idle life under the speech (the default): blinks and head drift as well.
  await expect(dialog.getByLabel('Idle life under it')).toBeChecked()
  await expect(page.getByTestId('generate-run')).toBeEnabled()
  await page.screenshot({ path: 'test-results/screens/41-generate-speech.png' })
  await page.getByTestId('generate-run').click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('status').filter({ hasText: 'Generated' })).toContainText(
    'speech from voice.m4a'
  )

  // The jaw opens on the syllables, after the silent first second, and closes between them.
  await expect.poll(() => keyCount(page, { trackId: 'expression:jawOpen' })).toBeGreaterThan(4)
  const jaw = await shownKeys(page, { trackId: 'expression:jawOpen' })
  const peak = (from: number, to: number) =>
    Math.max(0, ...jaw.filter((k) => k.time >= from && k.time <= to).map((k) => k.value))
  expect(peak(1.0, 2.8)).toBeGreaterThan(0.15)
  expect(peak(0, 0.9)).toBeLessThan(0.05)
  await expect.poll(() => keyCount(page, { trackId: 'expression:blinkL' })).toBeGreaterThan(0)
  await expect.poll(() => keyCount(page, { trackId: 'camera:yaw' })).toBeGreaterThan(1)

  // Exported with its sound.
  const out = join(dir, 'speech.mp4')
  await page.keyboard.press('Control+e')
  const exportDialog = page.getByTestId('export-dialog')
  await exportDialog.getByText('512 × 512').click()
  await exportDialog.getByText('24 fps').click()
  host.queueDialogResult(out)
  await page.getByTestId('export-start').click()
  await expect(page.getByTestId('export-status')).toContainText('Saved speech.mp4', { timeout: 180_000 })
  expect(probeVideoFile(out)).toMatchObject({ codec: 'h264', width: 512, height: 512 })
  expect(streamTypes(out)).toEqual(['video', 'audio'])
})
