// Measuring helpers of `npm run bench:ui`: statistics, the in-page probe's state, Chromium traces and CPU
// profiles, and one pointer sweep (a real press, then one synthetic move per animation frame) timed by
// animation-frame intervals and the page's main-thread work. The playhead scrub, the box select and the key
// drag are all such sweeps.
import type { Browser, Page } from '@playwright/test'
import type { UiBenchProbe } from './ui-page/probe-types'

export const FRAME_BUDGET_MS = 1000 / 60
/** Animation-frame timestamps are coarsened (0.1 ms): a 16.7 ms interval is an on-time frame, not a late one. */
const TIMESTAMP_JITTER_MS = 0.5
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'toplevel',
  'v8',
  'blink.user_timing'
]

export type ProbeGlobal = { __uiBench: UiBenchProbe }

export const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}
export const median = (values: readonly number[]): number => percentile(values, 50)
export const mean = (values: readonly number[]): number =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
}

/** Self time per function (name, file and line) of a CDP CPU profile, largest first. */
export function profileSelfTimes(profile: {
  nodes: ProfileNode[]
  samples?: number[]
  timeDeltas?: number[]
}): [string, number][] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const selfUs = new Map<string, number>()
  const samples = profile.samples ?? []
  const deltas = profile.timeDeltas ?? []
  samples.forEach((id, i) => {
    const node = byId.get(id)
    if (!node) return
    const { functionName, url, lineNumber } = node.callFrame
    const file = url.split('/').pop() ?? url
    const key = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim()
    selfUs.set(key, (selfUs.get(key) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0))
  })
  return [...selfUs.entries()]
    .map(([k, us]): [string, number] => [k, round(us / 1000)])
    .sort((a, b) => b[1] - a[1])
}

export async function waitQuiet(page: Page, quietMs = 350): Promise<void> {
  await page.waitForFunction((ms) => (globalThis as unknown as ProbeGlobal).__uiBench.isQuiet(ms), quietMs, {
    timeout: 60_000,
    polling: 50
  })
}

export async function probeState(
  page: Page
): Promise<Pick<UiBenchProbe, 'inputs' | 'requests' | 'puts' | 'longTasks'>> {
  return page.evaluate(() => {
    const { inputs, requests, puts, longTasks } = (globalThis as unknown as ProbeGlobal).__uiBench
    return { inputs, requests, puts, longTasks }
  })
}

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  pid: number
  tid: number
  args?: { name?: string }
}

/** Self time per event name on the page's main thread, and how busy that thread was. */
function analyseTrace(buffer: Buffer): { busyMs: number; spanMs: number; selfMs: Record<string, number> } {
  const events = (JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents
  const mains = events.filter(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain'
  )
  const counts = mains.map(
    (m) => events.filter((e) => e.pid === m.pid && e.tid === m.tid && e.ph === 'X').length
  )
  const main = mains[counts.indexOf(Math.max(...counts))]
  if (!main) return { busyMs: NaN, spanMs: NaN, selfMs: {} }
  const complete = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!)
  const selfMs: Record<string, number> = {}
  const stack: { end: number; name: string; self: number }[] = []
  let busy = 0
  const pop = (): void => {
    const done = stack.pop()!
    selfMs[done.name] = (selfMs[done.name] ?? 0) + done.self / 1000
  }
  for (const e of complete) {
    while (stack.length > 0 && stack.at(-1)!.end <= e.ts) pop()
    if (stack.length === 0) busy += e.dur!
    else stack.at(-1)!.self -= e.dur!
    stack.push({ end: e.ts + e.dur!, name: e.name, self: e.dur! })
  }
  while (stack.length > 0) pop()
  const first = complete[0]
  const last = complete.at(-1)
  const spanMs = first && last ? (last.ts + last.dur! - first.ts) / 1000 : NaN
  return { busyMs: busy / 1000, spanMs, selfMs }
}

/** A pointer sweep: press for real at `press`, then move over `selector` between x0 and x1 at `y`. */
export interface SweepSpec {
  readonly label: string
  /** The element that gets the synthetic pointer moves (it holds the pointer capture of the press). */
  readonly selector: string
  readonly press: { readonly x: number; readonly y: number }
  readonly x0: number
  readonly x1: number
  readonly y: number
  /** How long to sweep, and the period of one x0 → x1 → x0 round (half of it: a single pass). */
  readonly durationMs: number
  readonly sweepMs: number
  readonly tracks: number
  readonly keys: number
  /** A JavaScript CPU profile instead of a trace. */
  readonly profile?: boolean
  /** Where the pointer goes (not timed) before it is released, so a time-bound sweep still ends there. */
  readonly release?: { readonly x: number; readonly y: number }
}

export interface SweepResult {
  label: string
  /** Pointer moves sent (one per animation frame). */
  pointerMoves: number
  tracks: number
  keys: number
  frames: number
  seconds: number
  medianFrameMs: number
  p95FrameMs: number
  maxFrameMs: number
  percentOver16_7: number
  /** Intervals of at least one and a half frames: a vsync was missed. */
  percentOver25: number
  longTasks: number
  longTaskMs: number
  previewFrames: number
  mainThreadBusyPercent: number
  /** The page's main-thread work (trace) divided by the frames shown: what one frame costs the renderer. */
  mainThreadMsPerFrame: number
  /** The same work divided by the pointer moves: what handling one move costs. */
  mainThreadMsPerMove: number
  topMainThreadMs: [string, number][]
  /** profile only: JavaScript self time per function during the sweep. */
  topFunctionsMs?: [string, number][]
}

/** One sweep (see SweepSpec): animation-frame intervals, long tasks and a trace (or a CPU profile). */
export async function measureSweep(page: Page, browser: Browser, spec: SweepSpec): Promise<SweepResult> {
  const before = await probeState(page)
  await page.mouse.move(spec.press.x, spec.press.y)
  await page.mouse.down()
  const cdp = spec.profile ? await page.context().newCDPSession(page) : null
  if (cdp) {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
    await cdp.send('Profiler.start')
  } else {
    await browser.startTracing(page, { categories: TRACE_CATEGORIES })
  }
  const stamps = await page.evaluate(
    ([selector, a, b, yy, ms, sweep]) =>
      (globalThis as unknown as ProbeGlobal).__uiBench.sweepPointer(selector, a, b, yy, ms, sweep),
    [spec.selector, spec.x0, spec.x1, spec.y, spec.durationMs, spec.sweepMs] as const
  )
  const cpuProfile = cdp ? (await cdp.send('Profiler.stop')).profile : null
  const trace = cdp ? null : analyseTrace(await browser.stopTracing())
  await cdp?.detach()
  if (spec.release) await page.mouse.move(spec.release.x, spec.release.y)
  await page.mouse.up()
  const after = await probeState(page)
  const intervals = stamps.slice(1).map((t, i) => t - stamps[i]!)
  const windowStart = stamps[0] ?? 0
  const windowEnd = stamps.at(-1) ?? 0
  const longTasks = after.longTasks.filter((t) => t.start >= windowStart && t.start <= windowEnd)
  const top = Object.entries(trace?.selfMs ?? {})
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([name, ms]): [string, number] => [name, round(ms)])
  const share = (count: number) => (trace ? round(trace.busyMs / Math.max(1, count)) : NaN)
  return {
    label: spec.label,
    pointerMoves: stamps.length,
    tracks: spec.tracks,
    keys: spec.keys,
    frames: intervals.length,
    seconds: round((windowEnd - windowStart) / 1000, 2),
    medianFrameMs: round(median(intervals), 2),
    p95FrameMs: round(percentile(intervals, 95), 2),
    maxFrameMs: round(Math.max(...intervals), 1),
    percentOver16_7: round(
      (100 * intervals.filter((d) => d > FRAME_BUDGET_MS + TIMESTAMP_JITTER_MS).length) / intervals.length
    ),
    percentOver25: round(
      (100 * intervals.filter((d) => d > 1.5 * FRAME_BUDGET_MS).length) / intervals.length
    ),
    longTasks: longTasks.length,
    longTaskMs: round(longTasks.reduce((a, t) => a + t.duration, 0)),
    previewFrames: after.puts.slice(before.puts.length).filter((p) => p.t >= windowStart && p.t <= windowEnd)
      .length,
    mainThreadBusyPercent: trace ? round((100 * trace.busyMs) / trace.spanMs) : NaN,
    mainThreadMsPerFrame: share(intervals.length),
    mainThreadMsPerMove: share(stamps.length),
    topMainThreadMs: top,
    ...(cpuProfile ? { topFunctionsMs: profileSelfTimes(cpuProfile).slice(0, 25) } : {})
  }
}
