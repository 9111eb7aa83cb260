// UI responsiveness of the studio, in Debian's Chromium against the renderer test host (the built renderer
// with the real core and engine behind it). Run after `npm run build`: npm run bench:ui
//   (a) slider latency: from a slider's `input` event to the quick (256 px) preview frame on screen
//   (b) timeline scrubbing: animation-frame times while dragging the playhead over a dense project
// Prints a table and writes bench-results/ui.json. Skips with a message when Chromium is missing.
//   (c) box-selecting ~10,000 keys of the 50,000-key project, and (d) dragging them: time per pointer move
//   (e) saving the 50,000-key project (Ctrl+S; autosave sends the same request): time to the notice, long tasks
// --profile: serves a renderer built without minification and adds a JavaScript CPU profile of the dense
// scrub and of the key drag (self time per function) to the output, to see which code the frames are spent in.
// --timeline: only (b) to (e), skipping the slider latency. --latency: only (a). --save: only (e), six saves.
// --renderer=DIR: serves the renderer built into DIR instead of out/renderer, to compare two builds in one
// session (the same machine and load).
// --stub-preview: in (b) to (d), preview requests are answered with no frame instead of reaching the core, to
// see what the engine's renders cost the timeline on this machine (a diagnostic, not the app's case).
// --swiftshader: composites through SwiftShader's emulated GPU, as the end-to-end tests do for WebGL (see
// chromiumArgs), instead of Chromium's own choice for this machine.
import { fork } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import react from '@vitejs/plugin-react'
import { build, type Rolldown } from 'vite'
import { invokeChannels } from '@shared/ipc/channels'
import config, { CHROMIUM_PATH } from '../playwright.config'
import {
  mean,
  median,
  percentile,
  probeState,
  round,
  waitQuiet,
  type ProbeGlobal,
  type SweepResult
} from './ui-measure'
import {
  measureBoxSelectAndDrag,
  measureSave,
  measureScrub,
  openDenseProject,
  type BenchStudio,
  type SaveResult
} from './ui-timeline'

const ROOT = resolve(__dirname, '..')
const OUT = join(ROOT, 'bench-results')
const ASTRONAUT = join(ROOT, 'test', 'fixtures', 'astronaut.png')
const SLIDERS = [
  'expr-smile',
  'expr-jawOpen',
  'expr-blinkL',
  'expr-browInnerUp',
  'expr-pucker',
  'camera-yaw',
  'camera-pitch',
  'camera-roll'
]
const LATENCY_ROUNDS = 6
/** Slider input to quick preview frame on screen, median (issue 22; the first UI issue asked for 50 ms). */
const LATENCY_TARGET_MS = 33
/** Keys per track of the dense projects: ~6,000 keys (the first measure) and ~50,000 (issue 22's). */
const DENSE_KEYS = [6000, 50_000]

async function bundleProbe(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    build: {
      write: false,
      minify: false,
      lib: { entry: join(__dirname, 'ui-page', 'probe.ts'), formats: ['iife'], name: 'uiBenchProbe' }
    }
  })
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[]
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk')
  if (!chunk || chunk.type !== 'chunk') throw new Error('Bundling bench/ui-page/probe.ts produced no script.')
  return chunk.code
}

const PROFILE = process.argv.includes('--profile')
/** The parts a run measures: (a) the slider, (b–d) the timeline, (e) saving; --timeline, --latency, --save pick. */
const PARTS = process.argv.includes('--timeline')
  ? { slider: false, timeline: true, save: true }
  : process.argv.includes('--latency')
    ? { slider: true, timeline: false, save: false }
    : process.argv.includes('--save')
      ? { slider: false, timeline: false, save: true }
      : { slider: true, timeline: true, save: true }
/** Diagnostic: the timeline cases with every preview request answered with no frame (no engine work). */
const STUB_PREVIEW = process.argv.includes('--stub-preview')
/** --renderer=DIR: serve the renderer built into DIR instead of out/renderer (to compare two builds). */
/** Diagnostic: composite through SwiftShader (see chromiumArgs) instead of what Chromium picks on this machine. */
const SWIFTSHADER = process.argv.includes('--swiftshader')
const RENDERER_DIR =
  process.argv.find((a) => a.startsWith('--renderer='))?.slice('--renderer='.length) ?? null

/**
 * Chromium's flags for the studio's page. The end-to-end tests force SwiftShader's emulated GPU (the GLB test
 * draws with WebGL); with it every animation frame composites the whole window through software GL
 * (SkiaOutputSurfaceImplOnGpu::SwapBuffers took 40 ms a frame on 2 cores while scrubbing). The studio draws no
 * WebGL, and Chromium on a machine without a GPU composites in software by default, redrawing only what
 * changed: that is what a user without a GPU gets, so the benchmark measures it unless --swiftshader.
 */
function chromiumArgs(): string[] {
  const args = config.use?.launchOptions?.args ?? []
  return SWIFTSHADER ? args : args.filter((a) => !/swiftshader/i.test(a))
}

/** How Chromium composites on this run ("Software only…", "Hardware accelerated"), from chrome://gpu. */
async function compositingMode(page: Page): Promise<string> {
  await page.goto('chrome://gpu')
  // The page draws its report into the shadow root of <info-view> once the GPU process has answered.
  const report = "document.querySelector('info-view')?.shadowRoot?.textContent ?? ''"
  await page.waitForFunction(report, undefined, { timeout: 10_000 }).catch(() => undefined)
  const text = String(await page.evaluate(report))
  return /Compositing:\s*([^*]+)/.exec(text)?.[1]?.trim() ?? 'unknown (chrome://gpu did not say)'
}

/** The renderer as `npm run build` makes it, but not minified, into `outDir`. */
async function buildReadableRenderer(outDir: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'silent',
    root: join(ROOT, 'src', 'renderer'),
    resolve: { alias: { '@shared': join(ROOT, 'src', 'shared') } },
    plugins: [react()],
    build: { outDir, emptyOutDir: true, minify: false, modulePreload: false }
  })
}

interface HostProcess {
  url: string
  /** Resolves once the host has queued it, so a dialog opened right after gets it. */
  queueDialogResult(path: string | null): Promise<void>
  close(): Promise<void>
}

/** Starts bench/ui-host.ts (the renderer test host) in its own Node process. */
async function startHostProcess(rendererDir: string | null): Promise<HostProcess> {
  const child = fork(join(__dirname, 'ui-host.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.node.json'),
      MIMESIS_BENCH_RENDERER_DIR: rendererDir ?? ''
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc']
  })
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()))
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.once('message', (message) => resolveUrl((message as { url: string }).url))
    void exited.then(() => reject(new Error('The renderer test host exited before it was ready.')))
  })
  return {
    url,
    queueDialogResult: (path) =>
      new Promise((resolveQueued) => {
        child.once('message', () => resolveQueued())
        child.send({ dialog: path })
      }),
    close: async () => {
      child.send({ close: true })
      const timer = setTimeout(() => child.kill(), 10_000)
      await exited
      clearTimeout(timer)
    }
  }
}

interface LatencySample {
  slider: string
  totalMs: number
  /** input event → preview request sent (React update, evaluate) */
  toRequestMs: number
  /** request → reply (IPC to the core, engine render, transfer back) */
  roundTripMs: number
  engineMs: number
  /** reply → pixels put on the canvas (React commit) */
  toPutMs: number
  /** pixels put → next animation frame */
  toFrameMs: number
}

/** (a) One click per sample on a slider's track, after the preview has settled; ≥ 40 samples over 8 sliders. */
async function measureLatency(page: Page): Promise<LatencySample[]> {
  const samples: LatencySample[] = []
  for (let r = 0; r < LATENCY_ROUNDS; r++) {
    for (const slider of SLIDERS) {
      await page.locator(`#${slider}`).scrollIntoViewIfNeeded()
      await waitQuiet(page)
      const box = await page.locator(`#${slider}`).boundingBox()
      if (!box) throw new Error(`slider #${slider} is not visible`)
      const inputIndex = (await probeState(page)).inputs.length
      const fraction = r % 2 === 0 ? 0.72 : 0.28
      await page.mouse.click(box.x + fraction * box.width, box.y + box.height / 2)
      await page
        .waitForFunction(
          (n) => {
            const probe = (globalThis as unknown as ProbeGlobal).__uiBench
            const input = probe.inputs[n]
            return !!input && probe.puts.some((p) => p.t > input.t && p.width <= 256 && p.present !== null)
          },
          inputIndex,
          { timeout: 30_000, polling: 20 }
        )
        .catch(async (error: unknown) => {
          await page.screenshot({ path: join(OUT, 'ui-failure.png') })
          const why = `no quick preview frame after a click on #${slider} (see bench-results/ui-failure.png)`
          throw new Error(why, { cause: error })
        })
      const state = await probeState(page)
      const input = state.inputs[inputIndex]!
      const request = state.requests.find((q) => q.t >= input.t && q.width <= 256)!
      const put = state.puts.find((p) => p.t > input.t && p.width <= 256)!
      samples.push({
        slider,
        totalMs: put.present! - input.t,
        toRequestMs: request.t - input.t,
        roundTripMs: request.reply! - request.t,
        engineMs: request.renderMs ?? NaN,
        toPutMs: put.t - request.reply!,
        toFrameMs: put.present! - put.t
      })
    }
  }
  return samples
}

/**
 * (a2) A continuous drag on one slider (one input event per animation frame, for 2 s): for each quick
 * frame shown, its lag behind the newest input it renders (the last input before its request was sent).
 */
/** A slider drag's lag of each quick frame behind the newest input, and its counts. */
interface DragLag {
  lagsMs: number[]
  frames: number
  inputs: number
  moves: number
}

async function measureDragLag(page: Page, slider: string): Promise<DragLag> {
  await page.locator(`#${slider}`).scrollIntoViewIfNeeded()
  await waitQuiet(page)
  const before = await probeState(page)
  const moves = await page.evaluate(
    ([id, ms]) => (globalThis as unknown as ProbeGlobal).__uiBench.sweepSlider(id, ms, 1000),
    [slider, 2000] as const
  )
  await waitQuiet(page)
  const after = await probeState(page)
  const inputs = after.inputs.slice(before.inputs.length)
  const requests = after.requests
    .slice(before.requests.length)
    .filter((q) => q.width <= 256 && q.reply !== null)
  const puts = after.puts.slice(before.puts.length).filter((p) => p.width <= 256 && p.present !== null)
  const lagsMs: number[] = []
  for (const request of requests) {
    const newest = inputs.filter((i) => i.t <= request.t).at(-1)
    const put = puts.find((p) => p.t >= request.reply!)
    if (newest && put) lagsMs.push(put.present! - newest.t)
  }
  return { lagsMs, frames: requests.length, inputs: inputs.length, moves }
}

/** (a) Slider clicks and a continuous slider drag, each to its quick preview frame. */
async function measureSlider(page: Page): Promise<{ latency: LatencySample[]; drag: DragLag }> {
  console.log(`(a) slider latency: ${LATENCY_ROUNDS * SLIDERS.length} clicks on ${SLIDERS.length} sliders…`)
  const latency = await measureLatency(page)
  return { latency, drag: await measureDragLag(page, 'expr-smile') }
}

interface TimelineResults {
  sweeps: SweepResult[]
  opened: { keys: number; openMs: number }[]
  boxed: { box: SweepResult; drag: SweepResult; selected: number } | null
  profiled: SweepResult | null
  saves: SaveResult[]
}

/**
 * (b) scrubbing the portrait alone and the dense projects, (c, d) box select and drag on the largest, (e) saving
 * it; with only (e) asked for, just the largest project is opened and saved six times.
 */
async function measureTimeline(studio: BenchStudio, dir: string, tracks: number): Promise<TimelineResults> {
  const out: TimelineResults = { sweeps: [], opened: [], boxed: null, profiled: null, saves: [] }
  if (PARTS.timeline) {
    console.log('(b) scrubbing the playhead: the portrait alone, then dense projects…')
    out.sweeps.push(await measureScrub(studio, 'portrait, few keys', { tracks, keys: 0 }))
  }
  const totals = PARTS.timeline ? DENSE_KEYS : PARTS.save ? DENSE_KEYS.slice(-1) : []
  for (const total of totals) {
    const perTrack = Math.round(total / tracks)
    const dense = await openDenseProject(studio, dir, ASTRONAUT, perTrack)
    out.opened.push({ keys: dense.keys, openMs: dense.openMs })
    const counts = { tracks, keys: dense.keys }
    if (PARTS.timeline) {
      out.sweeps.push(await measureScrub(studio, `${tracks} tracks × ${perTrack} keys`, counts))
      if (total !== DENSE_KEYS.at(-1)) continue
      await studio.page.screenshot({ path: join(OUT, 'ui-dense-timeline.png') })
      console.log('(c, d) box-selecting and dragging keys of the largest project…')
      out.boxed = await measureBoxSelectAndDrag(studio, dense.document, counts, PROFILE)
      out.sweeps.push(out.boxed.box, out.boxed.drag)
      if (PROFILE) out.profiled = await measureScrub(studio, 'dense, profiled', counts, true)
    }
    if (PARTS.save && total === DENSE_KEYS.at(-1)) {
      console.log('(e) saving the largest project…')
      out.saves = await measureSave(studio, dense.keys, PARTS.timeline ? 3 : 6)
    }
  }
  return out
}

/** The slider parts of ui.json: medians of the clicks' latency and of its stages, and the drag's lag. */
function latencySummary(latency: readonly LatencySample[], drag: DragLag) {
  const totals = latency.map((s) => s.totalMs)
  const part = (pick: (s: LatencySample) => number) => round(median(latency.map(pick)))
  return {
    latency: {
      samples: latency.length,
      sliders: SLIDERS,
      medianMs: round(median(totals)),
      p90Ms: round(percentile(totals, 90)),
      maxMs: round(Math.max(...totals)),
      targetMs: LATENCY_TARGET_MS,
      medianBreakdownMs: {
        inputToRequest: part((s) => s.toRequestMs),
        requestRoundTrip: part((s) => s.roundTripMs),
        engineRender: part((s) => s.engineMs),
        replyToCanvas: part((s) => s.toPutMs),
        canvasToFrame: part((s) => s.toFrameMs)
      },
      perSample: latency.map((s) => ({ ...s, totalMs: round(s.totalMs) }))
    },
    dragLag: {
      slider: 'expr-smile',
      pointerMoves: drag.moves,
      inputs: drag.inputs,
      quickFrames: drag.frames,
      medianMs: round(median(drag.lagsMs)),
      p90Ms: round(percentile(drag.lagsMs, 90)),
      meanMs: round(mean(drag.lagsMs))
    }
  }
}

function printTopFunctions(what: string, sweep: SweepResult): void {
  if (!sweep.topFunctionsMs) return
  console.log(`\nJavaScript self time while ${what} (${sweep.seconds} s):`)
  for (const [name, ms] of sweep.topFunctionsMs.slice(0, 15))
    console.log(`  ${String(ms).padStart(7)} ms  ${name}`)
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM_PATH)) {
    console.log(
      `bench:ui skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set MIMESIS_CHROMIUM).`
    )
    return
  }
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
    console.error('bench:ui: there is no built renderer in out/renderer. Run "npm run build" first.')
    process.exitCode = 1
    return
  }
  const loadAtStart = loadavg()
  console.log(`load average ${loadAtStart.map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs`)
  const probeScript = await bundleProbe()
  const dir = await mkdtemp(join(tmpdir(), 'mimesis-bench-ui-'))
  let rendererDir: string | null = RENDERER_DIR === null ? null : resolve(RENDERER_DIR)
  if (PROFILE) {
    rendererDir = join(dir, 'renderer')
    console.log('--profile: building the renderer without minification…')
    await buildReadableRenderer(rendererDir)
  }
  const host = await startHostProcess(rendererDir)
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: chromiumArgs()
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    const compositing = await compositingMode(page)
    console.log(`Chromium compositing: ${compositing}${SWIFTSHADER ? ' (--swiftshader)' : ''}`)
    await page.addInitScript({ content: probeScript })
    await page.goto(host.url)
    await page.evaluate(
      (channel) => (globalThis as unknown as ProbeGlobal).__uiBench.watchChannel(channel),
      invokeChannels.renderPreview
    )

    console.log('opening the portrait…')
    await host.queueDialogResult(ASTRONAUT)
    await page.getByRole('button', { name: 'Open portrait…' }).first().click()
    await page.getByTestId('render-stats').waitFor({ timeout: 120_000 })
    await waitQuiet(page, 600)

    const { latency, drag } = PARTS.slider
      ? await measureSlider(page)
      : { latency: [], drag: { lagsMs: [], frames: 0, inputs: 0, moves: 0 } }
    if (STUB_PREVIEW)
      await page.evaluate(() => ((globalThis as unknown as ProbeGlobal).__uiBench.stubReplies = true))
    const studio: BenchStudio = { page, browser, queueDialogResult: (path) => host.queueDialogResult(path) }
    const tracks = await page.locator('.timeline .track-name').count()
    const { sweeps, opened, boxed, profiled, saves } = await measureTimeline(studio, dir, tracks)

    const results = {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model ?? 'unknown',
        loadAverageAtStart: loadAtStart.map((l) => round(l, 2))
      },
      chromium: browser.version(),
      compositing: SWIFTSHADER ? `${compositing} (SwiftShader forced)` : compositing,
      renderer: PROFILE ? 'built without minification (--profile)' : (rendererDir ?? 'out/renderer'),
      ...latencySummary(latency, drag),
      scrub: sweeps,
      openDenseProject: opened,
      boxSelectedKeys: boxed?.selected ?? null,
      save: saves,
      ...(profiled ? { denseScrubProfileMs: profiled.topFunctionsMs } : {}),
      notes: [
        `The built-in pack has ${tracks} tracks, so the dense projects have ${DENSE_KEYS.map((k) => `${tracks} x ${Math.round(k / tracks)}`).join(' and ')} keys.`,
        'openDenseProject: from the click on Open project (the dialog answered at once) to every key shown, core load included.',
        'Box select and drag send one pointer move per animation frame: the frame interval is what handling one move costs the page, at least a frame.',
        'Frame times are requestAnimationFrame intervals; "over 16.7 ms" allows 0.5 ms of timestamp jitter, "over 25 ms" means a vsync was missed.',
        'A preview frame is "on screen" at the first animation frame after its pixels were put on the canvas.',
        'The test host runs the core in its own process; on a 2-CPU machine its engine renders compete with Chromium for the CPUs.'
      ]
    }
    mkdirSync(OUT, { recursive: true })
    writeFileSync(join(OUT, 'ui.json'), `${JSON.stringify(results, null, 2)}\n`)
    if (PARTS.slider) printLatency(results.latency, results.dragLag)
    if (sweeps.length > 0) printSweeps(sweeps, opened)
    printSaves(saves)
    if (boxed) printTopFunctions(`dragging ${boxed.selected} keys`, boxed.drag)
    if (profiled) printTopFunctions('scrubbing the dense project', profiled)
    console.log(`\nwritten: ${join(OUT, 'ui.json')}`)
  } finally {
    await browser.close()
    await host.close()
    await rm(dir, { recursive: true, force: true })
  }
}

function printSaves(saves: readonly SaveResult[]): void {
  if (saves.length === 0) return
  console.log(`\n(e) Ctrl+S on the ${saves[0]!.keys}-key project (autosave sends the same request)`)
  for (const s of saves)
    console.log(
      `  saved in ${s.saveMs} ms; the page's tasks of 50 ms or more meanwhile: ` +
        (s.longTasksMs.length === 0 ? 'none' : s.longTasksMs.map((d) => `${d} ms`).join(', '))
    )
}

function printLatency(
  latency: {
    samples: number
    medianMs: number
    p90Ms: number
    maxMs: number
    medianBreakdownMs: Record<string, number>
  },
  drag: { medianMs: number; p90Ms: number; quickFrames: number; inputs: number; pointerMoves: number }
): void {
  const ok = (pass: boolean): string => (pass ? 'ok' : 'MISSED')
  console.log('\n(a) slider input → quick preview frame on screen (256 px)')
  console.log(
    `  ${latency.samples} samples: median ${latency.medianMs} ms, p90 ${latency.p90Ms} ms, max ${latency.maxMs} ms ` +
      `(target median ≤ ${LATENCY_TARGET_MS} ms: ${ok(latency.medianMs <= LATENCY_TARGET_MS)})`
  )
  console.log(
    '  median parts: ' +
      Object.entries(latency.medianBreakdownMs)
        .map(([k, v]) => `${k} ${v} ms`)
        .join(', ')
  )
  console.log(
    `  continuous drag: ${drag.pointerMoves} pointer moves, ${drag.inputs} inputs, ${drag.quickFrames} frames, lag behind the newest rendered input median ${drag.medianMs} ms, p90 ${drag.p90Ms} ms`
  )
}

function printSweeps(sweeps: SweepResult[], opened: { keys: number; openMs: number }[]): void {
  console.log('\n(b) scrubbing the playhead, (c) box select, (d) key drag (animation-frame intervals)')
  const head = [
    '',
    'tracks',
    'keys',
    'moves',
    'frames',
    'median',
    'p95',
    'max',
    '>16.7ms',
    '>25ms',
    'long tasks',
    'busy',
    'main/frame',
    'main/move',
    'previews'
  ]
  const rows = sweeps.map((s) => [
    s.label,
    String(s.tracks),
    String(s.keys),
    String(s.pointerMoves),
    String(s.frames),
    `${s.medianFrameMs} ms`,
    `${s.p95FrameMs} ms`,
    `${s.maxFrameMs} ms`,
    `${s.percentOver16_7}%`,
    `${s.percentOver25}%`,
    `${s.longTasks} (${s.longTaskMs} ms)`,
    `${s.mainThreadBusyPercent}%`,
    `${s.mainThreadMsPerFrame} ms`,
    `${s.mainThreadMsPerMove} ms`,
    String(s.previewFrames)
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  for (const row of [head, ...rows]) console.log('  ' + row.map((c, i) => c.padEnd(widths[i]!)).join('  '))
  for (const s of sweeps) {
    console.log(
      `  main thread, ${s.label}: ` +
        s.topMainThreadMs
          .slice(0, 8)
          .map(([n, ms]) => `${n} ${ms} ms`)
          .join(', ')
    )
  }
  for (const o of opened)
    console.log(`  opening a project of ${o.keys} keys until all are shown: ${o.openMs} ms`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
