// The sound lane: the project's audio track drawn as a waveform under the ruler (issue 22).
import { execFileSync } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { createProjectFile } from '@shared/project'
import { createDocument, seconds } from '@shared/timeline'
import { BUILTIN_EXPRESSION_DIRECTIONS } from '@shared/engine/expression-directions'
import { loadProject, readPortraitSource, saveProjectAtomic } from '../../src/main/core/project'
import { expect, test } from './fixtures'

const ASTRONAUT = resolve(__dirname, '..', 'fixtures', 'astronaut.png')
const DURATION = 5
const INSET = 10
/** The sound starts at 0.5 s on the document clock: a tone until 1.5 s, then silence until 3.5 s. */
const START = 0.5

async function box(locator: Locator) {
  const b = await locator.boundingBox()
  if (!b) throw new Error('element has no box')
  return b
}

/** How many lit pixels the waveform canvas has in the device pixel column at document time `time`. */
async function litAt(page: Page, time: number): Promise<number> {
  const canvas = page.getByTestId('sound-lane').locator('canvas')
  const b = await box(canvas)
  const x = INSET + ((b.width - 2 * INSET) * time) / DURATION
  return canvas.evaluate((element: HTMLCanvasElement, cssX) => {
    const column = Math.round(cssX * (element.width / element.getBoundingClientRect().width))
    const data = element.getContext('2d')?.getImageData(column, 0, 1, element.height).data ?? []
    let lit = 0
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) lit++
    return lit
  }, x)
}

/** A project of the portrait with a sound: a 1 s tone, then 2 s of silence, starting at START. */
async function saveSoundProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mimesis-e2e-sound-'))
  const m4a = join(dir, 'tone.m4a')
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:duration=1,apad=whole_dur=3',
    '-c:a',
    'aac',
    m4a
  ])
  const project = join(dir, 'sound.mimesis')
  const document = createDocument({
    expressionNames: BUILTIN_EXPRESSION_DIRECTIONS.map((d) => d.name),
    settings: { fps: 30, durationSec: seconds(DURATION), width: 512, height: 512 }
  })
  await saveProjectAtomic(
    project,
    createProjectFile({
      appVersion: 'e2e',
      portrait: await readPortraitSource(ASTRONAUT, { embed: true }),
      enginePack: { id: 'mimesis-builtin', version: '1' },
      document,
      now: new Date()
    }),
    { audio: { path: m4a, fileName: 'tone.m4a', startSec: START, muted: false } }
  )
  return project
}

test('the project sound shows as a waveform under the ruler, where it plays on the clock', async ({
  page,
  studioUrl,
  host
}) => {
  const project = await saveSoundProject()
  const consoleErrors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  await page.goto(studioUrl)
  await expect(page.getByTestId('sound-lane')).toHaveCount(0)
  host.queueDialogResult(project)
  await page.getByRole('button', { name: 'Open project…' }).click()
  await expect(page.getByText('Opened sound.mimesis')).toBeVisible({ timeout: 60_000 })

  const lane = page.getByTestId('sound-lane')
  await expect(lane).toHaveAttribute('data-loaded', 'true')
  // Under the ruler, above the first row of keys.
  const ruler = await box(page.getByTestId('timeline-ruler'))
  const rows = await box(page.getByTestId('timeline-rows'))
  const sound = await box(lane)
  expect(sound.y).toBeGreaterThanOrEqual(ruler.y + ruler.height - 1)
  expect(rows.y).toBeGreaterThanOrEqual(sound.y + sound.height - 1)

  // The tone plays from 0.5 s to 1.5 s; before it and in the silence after it the lane is empty.
  expect(await litAt(page, 1)).toBeGreaterThan(2)
  expect(await litAt(page, 0.2)).toBe(0)
  expect(await litAt(page, 2.5)).toBe(0)
  await page.screenshot({ path: 'test-results/screens/timeline-sound-lane.png' })

  // Scrubbing over the sound plays it (WebAudio) without errors.
  await page.mouse.move(ruler.x + ruler.width * 0.1, ruler.y + 8)
  await page.mouse.down()
  await page.mouse.move(ruler.x + ruler.width * 0.4, ruler.y + 8, { steps: 10 })
  await page.mouse.up()
  expect(consoleErrors).toEqual([])

  // The sound moves along the timeline: by a frame or a second from the keyboard, or by dragging it.
  await lane.focus()
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await expect(lane).toHaveAttribute('aria-valuenow', String(START + 0.1))
  await page.keyboard.press('Shift+ArrowRight')
  await expect(lane).toHaveAttribute('aria-valuenow', String(START + 1.1))
  // The tone now plays from 1.6 to 2.6 s.
  await expect.poll(() => litAt(page, 1)).toBe(0)
  expect(await litAt(page, 2)).toBeGreaterThan(2)
  // Dragged back by a fifth of the lane (a fifth of 5 s, less its insets): it starts near 0.6 s again.
  const laneBox = await box(lane)
  await page.mouse.move(laneBox.x + laneBox.width / 2, laneBox.y + laneBox.height / 2)
  await page.mouse.down()
  await page.mouse.move(laneBox.x + laneBox.width / 2 - (laneBox.width - 2 * INSET) / 5, laneBox.y + 10, {
    steps: 5
  })
  await page.mouse.up()
  const moved = Number(await lane.getAttribute('aria-valuenow'))
  expect(moved).toBeGreaterThan(0.45)
  expect(moved).toBeLessThan(0.75)
  // Saved with the project: the moved start is what the file holds.
  await page.keyboard.press('Control+s')
  await expect(page.getByText(/Saved sound\.mimesis/)).toBeVisible()
  const saved = await loadProject(project)
  expect(saved.project.audio?.startSec).toBeCloseTo(moved, 6)
})

/** Records what WebAudio is asked to play: each buffer source's start (when, offset, duration) and stop. */
function recordSound(): void {
  const calls: { kind: 'start' | 'stop'; args: number[] }[] = []
  Object.assign(window, { mimesisSoundCalls: calls })
  const { start, stop } = AudioBufferSourceNode.prototype
  AudioBufferSourceNode.prototype.start = function (...args: Parameters<typeof start>) {
    calls.push({ kind: 'start', args: args.filter((a) => a !== undefined) })
    start.apply(this, args)
  }
  AudioBufferSourceNode.prototype.stop = function (...args: Parameters<typeof stop>) {
    calls.push({ kind: 'stop', args: args.filter((a) => a !== undefined) })
    stop.apply(this, args)
  }
}

type SoundCall = { kind: 'start' | 'stop'; args: number[] }
const soundCalls = (page: Page) =>
  page.evaluate(() => (window as unknown as { mimesisSoundCalls: SoundCall[] }).mimesisSoundCalls)

test('Play plays the sound from the playhead until pause, not when muted; the sound lane stays under the ruler', async ({
  page,
  studioUrl,
  host
}) => {
  const project = await saveSoundProject()
  await page.addInitScript(recordSound)
  await page.goto(studioUrl)
  host.queueDialogResult(project)
  await page.getByRole('button', { name: 'Open project…' }).click()
  await expect(page.getByText('Opened sound.mimesis')).toBeVisible({ timeout: 60_000 })
  await expect(page.getByTestId('sound-lane')).toHaveAttribute('data-loaded', 'true')
  const play = page.getByRole('button', { name: 'Play', exact: true })
  await expect(play).toBeEnabled({ timeout: 60_000 })

  // The playhead at 1 s: Play starts the sound 0.5 s in (it starts at 0.5 s), now, for as long as it lasts.
  const ruler = await box(page.getByTestId('timeline-ruler'))
  await page.mouse.click(ruler.x + INSET + ((ruler.width - 2 * INSET) * 1) / DURATION, ruler.y + 8)
  await expect(page.getByTestId('timecode')).toHaveText('00:01:00')
  const before = (await soundCalls(page)).length
  await play.click()
  await expect
    .poll(async () => (await soundCalls(page)).slice(before).some((c) => c.kind === 'start'))
    .toBe(true)
  const started = (await soundCalls(page)).slice(before).find((c) => c.kind === 'start')!
  expect(started.args).toHaveLength(2)
  expect(started.args[1]).toBeCloseTo(0.5, 1)
  await page.getByRole('button', { name: 'Pause', exact: true }).click()
  await expect.poll(async () => (await soundCalls(page)).at(-1)?.kind).toBe('stop')

  // Muted with the sound lane's M: Play plays nothing.
  await page.getByRole('button', { name: 'Mute the sound while scrubbing and playing' }).click()
  const muted = (await soundCalls(page)).length
  await play.click()
  await page.waitForTimeout(300)
  await page.getByRole('button', { name: 'Pause', exact: true }).click()
  expect((await soundCalls(page)).slice(muted).filter((c) => c.kind === 'start')).toEqual([])

  // The rows scroll beneath the sound lane, which stays pinned under the ruler.
  await page.locator('.timeline__body').evaluate((body) => {
    body.scrollTop = 200
  })
  await expect.poll(async () => (await box(page.getByTestId('timeline-rows'))).y).toBeLessThan(ruler.y)
  const sound = await box(page.getByTestId('sound-lane'))
  const rulerNow = await box(page.getByTestId('timeline-ruler'))
  expect(Math.abs(sound.y - (rulerNow.y + rulerNow.height))).toBeLessThanOrEqual(1)
  await page.screenshot({ path: 'test-results/screens/timeline-sound-pinned.png' })
})
