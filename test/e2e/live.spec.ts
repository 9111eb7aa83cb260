import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from '@playwright/test'
import config, { CHROMIUM_PATH } from '../../playwright.config'
import { expect, test } from './fixtures'
import { openPortrait } from './open-portrait'
import { keyCount, shownKeys } from './timeline-keys'

const ROOT = resolve(__dirname, '..', '..')
/** The clip's loop and its jaw keys (scripts/make-live-clip.ts): closed 4.5 s, opens to 0.9, holds, closes. */
const PERIOD = 6
const JAW: readonly [number, number][] = [
  [0, 0],
  [4.5, 0],
  [5, 0.9],
  [5.4, 0.9],
  [6, 0]
]

function jawAt(t: number): number {
  const u = ((t % PERIOD) + PERIOD) % PERIOD
  for (let i = 1; i < JAW.length; i++) {
    const [t0, v0] = JAW[i - 1]!
    const [t1, v1] = JAW[i]!
    if (u <= t1) return v0 + ((v1 - v0) * (u - t0)) / (t1 - t0)
  }
  return 0
}

function pearson(a: readonly number[], b: readonly number[]): number {
  const ma = a.reduce((s, x) => s + x, 0) / a.length
  const mb = b.reduce((s, x) => s + x, 0) / b.length
  let ab = 0
  let aa = 0
  let bb = 0
  a.forEach((x, i) => {
    ab += (x - ma) * (b[i]! - mb)
    aa += (x - ma) ** 2
    bb += (b[i]! - mb) ** 2
  })
  return ab / Math.sqrt(aa * bb || 1)
}

let workDir = ''
let clip = ''
let browser: Browser | null = null

// The fake camera plays a clip made from committed material only: the fixture portrait rendered through
// a jawOpen animation by the engine, as Y4M (scripts/make-live-clip.ts). Chromium takes the clip at
// launch, so this spec launches its own browser, with the project's usual arguments plus the fake camera.
test.beforeAll(async () => {
  test.setTimeout(180_000)
  workDir = mkdtempSync(join(tmpdir(), 'mimesis-e2e-live-'))
  clip = join(workDir, 'camera.y4m')
  execFileSync('npx', ['tsx', '--tsconfig', 'tsconfig.node.json', 'scripts/make-live-clip.ts', clip], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe']
  })
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      ...(config.use?.launchOptions?.args ?? []),
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${clip}`
    ]
  })
})

test.afterAll(async () => {
  await browser?.close()
  rmSync(workDir, { recursive: true, force: true })
})

/** The jawOpen keys on the timeline, as (time, value), from the lanes' probe. */
async function jawKeys(page: Page): Promise<{ time: number; value: number }[]> {
  return (await shownKeys(page, { trackId: 'expression:jawOpen' })).map((k) => ({
    time: k.time,
    value: k.value
  }))
}

test('perform it live: calibrate on the fake camera, record takes (the jaw keys follow the clip), lose the camera mid-take, swap and delete takes (one undo step each), punch in', async ({
  host
}) => {
  test.setTimeout(300_000)
  const context = await browser!.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  await openPortrait(page, host.url, host)
  await expect.poll(() => keyCount(page)).toBe(0)

  await page.getByTestId('live-open').click()
  const panel = page.getByTestId('live-panel')
  await expect(panel).toBeVisible()
  // The fake camera is listed, its feed shows with the tracked mesh, and the portrait follows.
  await expect(page.getByTestId('live-camera').locator('option')).not.toHaveCount(0, { timeout: 60_000 })
  await expect(page.getByTestId('live-mesh')).toBeVisible({ timeout: 60_000 })
  await expect(page.getByTestId('live-avatar-canvas')).toBeVisible()
  await expect(page.getByTestId('live-mirror')).toBeChecked()
  await expect(page.getByTestId('live-meters')).toHaveText(/[1-9]\d* fps · \d+ ms/)

  // Set neutral while the clip's mouth is closed: the neutral face then has no hint.
  const neutral = page.getByTestId('live-neutral')
  await expect(neutral).toHaveAttribute('data-state', 'set', { timeout: 30_000 })
  for (let attempt = 0; attempt < 8; attempt++) {
    const count = Number(await neutral.getAttribute('data-count'))
    await page.getByTestId('live-set-neutral').click()
    // A new reference, not the last one's state still on screen.
    await expect(neutral).toHaveAttribute('data-count', String(count + 1), { timeout: 20_000 })
    await expect(neutral).toHaveText('Neutral face set.')
    if ((await page.getByTestId('live-hint').filter({ hasText: 'mouth was open' }).count()) === 0) break
  }
  await expect(page.getByTestId('live-hint').filter({ hasText: 'mouth was open' })).toHaveCount(0)

  // Record: 3, 2, 1, then a take a little longer than one loop of the clip (6 s).
  await page.getByTestId('live-record').click()
  await expect(page.getByTestId('live-countdown')).toHaveText('3')
  await expect(page.getByTestId('live-recording')).toBeVisible({ timeout: 10_000 })
  const recorded = async (what: 'seconds' | 'frames') =>
    Number(await page.getByTestId('live-recording').getAttribute(`data-${what}`))
  await expect.poll(() => recorded('frames'), { timeout: 60_000 }).toBeGreaterThan(0)
  await expect.poll(() => recorded('seconds'), { timeout: 120_000, intervals: [100] }).toBeGreaterThan(6.3)
  const framesAtStop = await recorded('frames')
  await page.getByTestId('live-stop').click()
  await expect(page.getByTestId('live-take')).toHaveCount(1, { timeout: 30_000 })
  await expect(page.getByTestId('live-take')).toHaveAttribute('data-active', 'true')
  // Every analysed frame reached the take: at least as many as the panel counted when Stop was pressed.
  const takeFrames = Number(await page.getByTestId('live-take').getAttribute('data-frames'))
  expect(takeFrames).toBeGreaterThanOrEqual(framesAtStop)

  await page.screenshot({ path: 'test-results/screens/live-panel.png' })
  const meters = `${await page.getByTestId('live-meters').textContent()} (core ${await page.getByTestId('live-meters').getAttribute('title')})`

  // The take is on the timeline; its jaw keys follow the clip's jaw (at an unknown phase of its loop).
  await page.getByTestId('live-close').click()
  await expect(panel).toBeHidden()
  const keys = await jawKeys(page)
  expect(keys.length).toBeGreaterThan(2)
  const values = keys.map((k) => k.value)
  expect(Math.max(...values)).toBeGreaterThan(0.35)
  expect(Math.min(...values)).toBeLessThan(0.15)
  const times = Array.from({ length: 64 }, (_, i) => (keys.at(-1)!.time * i) / 63)
  const valueAt = (t: number) => {
    const i = keys.findIndex((k) => k.time >= t)
    if (i <= 0) return keys[Math.max(0, i)]!.value
    const a = keys[i - 1]!
    const b = keys[i]!
    return a.value + ((b.value - a.value) * (t - a.time)) / (b.time - a.time)
  }
  const taken = times.map(valueAt)
  let best = -1
  for (let phase = 0; phase < PERIOD; phase += 0.05) {
    best = Math.max(
      best,
      pearson(
        taken,
        times.map((t) => jawAt(t + phase))
      )
    )
  }
  console.log(
    `live take: ${takeFrames} frames, ${keys.length} jaw keys, best correlation ${best.toFixed(3)}; ${meters}`
  )
  expect(best).toBeGreaterThan(0.75)

  const firstTake = keys

  // A second take, and the camera goes away mid-take: the take so far is kept and baked.
  await page.getByTestId('live-open').click()
  await expect(page.getByTestId('live-mesh')).toBeVisible({ timeout: 60_000 })
  await expect(neutral).toHaveAttribute('data-state', 'set', { timeout: 30_000 })
  await page.getByTestId('live-record').click()
  await expect.poll(() => recorded('frames'), { timeout: 60_000 }).toBeGreaterThan(2)
  await page.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('[data-testid="live-feed"] video')
    const stream = video?.srcObject instanceof MediaStream ? video.srcObject : null
    // What the browser fires when a camera is unplugged (a page's own stop() fires nothing).
    stream?.getVideoTracks()[0]?.dispatchEvent(new Event('ended'))
  })
  await expect(page.getByTestId('live-status')).toContainText('The camera stopped')
  const takes = page.getByTestId('live-take')
  await expect(takes).toHaveCount(2)
  await expect(takes.nth(1)).toHaveAttribute('data-active', 'true')
  const secondTake = await jawKeys(page)
  expect(secondTake).not.toEqual(firstTake)

  // Swap back to the first take, then delete the second (not on the timeline): the keys are the first's.
  await takes.nth(0).getByRole('button', { name: 'Use' }).click()
  await expect(takes.nth(0)).toHaveAttribute('data-active', 'true')
  expect(await jawKeys(page)).toEqual(firstTake)
  await takes.nth(1).getByRole('button', { name: 'Delete' }).click()
  await expect(takes).toHaveCount(1)
  expect(await jawKeys(page)).toEqual(firstTake)
  await page.getByTestId('live-close').click()
  await expect(panel).toBeHidden()

  // One undo step each: the swap, the second take, the first take.
  const undo = page.getByRole('button', { name: 'Undo' })
  await undo.click()
  await expect.poll(() => jawKeys(page)).toEqual(secondTake)
  await undo.click()
  await expect.poll(() => jawKeys(page)).toEqual(firstTake)
  await undo.click()
  await expect.poll(() => keyCount(page)).toBe(0)
  await page.screenshot({ path: 'test-results/screens/live-after-undo.png' })

  // Punch-in: a take over 1–2 s only; it stops by itself when the range is full, and keys land in it.
  await page.getByTestId('live-open').click()
  await expect(page.getByTestId('live-mesh')).toBeVisible({ timeout: 60_000 })
  await expect(neutral).toHaveAttribute('data-state', 'set', { timeout: 30_000 })
  await page.getByTestId('live-punch-in').check()
  await page.getByTestId('live-punch-start').fill('1')
  await page.getByTestId('live-punch-end').fill('2')
  await page.getByTestId('live-record').click()
  await expect(takes).toHaveCount(2, { timeout: 90_000 })
  await expect(page.getByTestId('live-record')).toBeVisible()
  const punched = await shownKeys(page, { trackPrefix: 'expression:' })
  expect(punched.length).toBeGreaterThan(0)
  for (const key of punched) {
    expect(key.time).toBeGreaterThanOrEqual(1 - 1e-6)
    expect(key.time).toBeLessThanOrEqual(2 + 1e-6)
  }
  await page.getByTestId('live-close').click()
  await context.close()
})

test('Live mode without a camera says so and records nothing', async ({ page, studioUrl, host }) => {
  test.setTimeout(180_000)
  // The project's usual browser has no camera (no fake device).
  await openPortrait(page, studioUrl, host)
  await page.getByTestId('live-open').click()
  await expect(page.getByTestId('live-status')).toContainText(/No camera was found|camera was not allowed/, {
    timeout: 60_000
  })
  await expect(page.getByTestId('live-record')).toBeDisabled()
  await page.getByTestId('live-close').click()
  await expect(page.getByTestId('live-panel')).toBeHidden()
})
