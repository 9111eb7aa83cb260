// Live mode benchmark: the core's live session (analysis, solve, render) fed by a simulated 30 fps camera
// playing the fixture portrait through a jawOpen loop. Frames are dropped, never queued, as the renderer
// does: when a frame is done, the newest camera frame is taken. Prints sustained fps, latency (camera
// frame to result) and per-stage ms at 256² and 512² previews on 2 threads, then a long take at 256²:
// memory growth and whether every analysed frame reached the take.
// Run: npm run bench:live [-- --seconds 10] [--take-seconds 60]
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { LiveFrameResult } from '@shared/ipc/contract'
import { createFileLogger } from '../src/main/core/app/logger'
import { resolveResourcesDir } from '../src/main/core/app/resolve-resources-dir'
import type { AvatarCalibration } from '../src/main/core/drive/calibrate-avatar'
import { renderFrame, type Avatar } from '../src/main/core/engine/engine'
import { createAvatarSession } from '../src/main/core/studio/avatar-session'
import { createLiveSession, type LiveSession } from '../src/main/core/studio/live-session'
import { LIVE_CLIP_PERIOD_SEC, liveClipJaw } from '../scripts/make-live-clip'
import { MiB, watchMemory } from './watch-memory'

const args = process.argv.slice(2)
const argValue = (name: string, fallback: number): number => {
  const i = args.indexOf(name)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const RUN_SEC = argValue('--seconds', 10)
const TAKE_SEC = argValue('--take-seconds', 60)
const CAMERA_FPS = 30
/** The camera frame as the renderer sends it: downscaled to 320 px (LIVE_FRAME_SIDE). */
const CAMERA_SIDE = 320
const FIXTURE = resolve(process.cwd(), 'test', 'fixtures', 'astronaut.png')
const OPTIONS = {
  mode: 'both' as const,
  intensity: 1,
  regions: { eyes: true, gaze: true, brows: true, mouth: true, jaw: true, nose: true }
}

const quantile = (v: readonly number[], q: number): number => {
  const s = [...v].sort((a, b) => a - b)
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : NaN
}
const fmt = (x: number): string => x.toFixed(1)

interface RunFigures {
  fps: number
  latencyMedianMs: number
  latencyP90Ms: number
  stages: { analysis: number; solve: number; render: number; total: number }
  results: number
  cameraFrames: number
}

/**
 * Runs the session for `seconds` against a simulated camera: frame k is captured at k / 30 s; each
 * request takes the newest frame captured by then (the ones in between are dropped).
 */
async function run(
  live: LiveSession,
  camera: readonly Uint8Array[],
  side: number,
  seconds: number,
  onResult?: (result: LiveFrameResult) => void
): Promise<RunFigures> {
  const start = performance.now()
  const latencies: number[] = []
  const stages = {
    analysis: [] as number[],
    solve: [] as number[],
    render: [] as number[],
    total: [] as number[]
  }
  let results = 0
  let lastIndex = -1
  for (;;) {
    const now = performance.now() - start
    if (now > seconds * 1000) break
    const index = Math.floor((now * CAMERA_FPS) / 1000)
    if (index === lastIndex) {
      // The camera has no new frame yet: wait for it, as requestVideoFrameCallback would.
      await new Promise((r) => setTimeout(r, (lastIndex + 1) * (1000 / CAMERA_FPS) - now + 0.5))
      continue
    }
    lastIndex = index
    const capturedAtMs = start + (index * 1000) / CAMERA_FPS
    const result = await live.frame({
      frame: { width: CAMERA_SIDE, height: CAMERA_SIDE, rgba: camera[index % camera.length]! },
      capturedAtMs,
      preview: { width: side, height: side },
      options: OPTIONS
    })
    latencies.push(performance.now() - capturedAtMs)
    stages.analysis.push(result.timing.analysisMs)
    stages.solve.push(result.timing.solveMs)
    stages.render.push(result.timing.renderMs)
    stages.total.push(result.timing.totalMs)
    results++
    onResult?.(result)
  }
  const elapsed = (performance.now() - start) / 1000
  return {
    fps: results / elapsed,
    latencyMedianMs: quantile(latencies, 0.5),
    latencyP90Ms: quantile(latencies, 0.9),
    stages: {
      analysis: quantile(stages.analysis, 0.5),
      solve: quantile(stages.solve, 0.5),
      render: quantile(stages.render, 0.5),
      total: quantile(stages.total, 0.5)
    },
    results,
    cameraFrames: lastIndex + 1
  }
}

async function main(): Promise<void> {
  const resourcesDir = resolveResourcesDir()
  const dir = mkdtempSync(join(tmpdir(), 'mimesis-bench-live-'))
  try {
    const avatars = createAvatarSession({ resourcesDir, threads: 2 })
    await avatars.build(FIXTURE, 0)
    const avatar: Avatar = avatars.requireAvatar()
    const camera: Uint8Array[] = []
    for (let i = 0; i < LIVE_CLIP_PERIOD_SEC * 15; i++) {
      const frame = await renderFrame(avatar, {
        expression: { jawOpen: liveClipJaw(i / 15) },
        width: CAMERA_SIDE,
        height: CAMERA_SIDE
      })
      camera.push(frame.rgba)
    }
    const live = createLiveSession({
      avatars,
      logger: createFileLogger(dir),
      modelsDir: join(resourcesDir, 'models'),
      calibrations: new WeakMap<Avatar, AvatarCalibration>()
    })
    const { calibrateMs } = await live.open()
    console.log(
      `bench:live — camera ${CAMERA_SIDE}² at ${CAMERA_FPS} fps, 2 threads; calibration ${fmt(calibrateMs)} ms`
    )
    await run(live, camera, 256, 1) // warm-up: sessions, the first reference
    console.log('preview | fps  | latency median / p90 ms | analysis / solve / render / total ms (median)')
    for (const side of [256, 512]) {
      const f = await run(live, camera, side, RUN_SEC)
      console.log(
        `${side}²    | ${fmt(f.fps).padStart(4)} | ${fmt(f.latencyMedianMs)} / ${fmt(f.latencyP90Ms)}` +
          `          | ${fmt(f.stages.analysis)} / ${fmt(f.stages.solve)} / ${fmt(f.stages.render)} / ${fmt(f.stages.total)}` +
          `   (${f.results} results of ${f.cameraFrames} camera frames)`
      )
    }
    global.gc?.()
    const memory = watchMemory()
    const heapStart = process.memoryUsage().heapUsed / MiB
    await live.record('both', null)
    let lastTakeFrames = 0
    const take = await run(live, camera, 256, TAKE_SEC, (r) => (lastTakeFrames = r.take?.frames ?? 0))
    const recorded = await live.stop()
    global.gc?.()
    const { peakMiB, endMiB } = memory.stop()
    const heapEnd = process.memoryUsage().heapUsed / MiB
    console.log(
      `take ${TAKE_SEC} s at 256²: ${take.results} frames analysed, ${recorded?.frames ?? 0} in the take ` +
        `(${take.results - (recorded?.frames ?? 0)} dropped; last result counted ${lastTakeFrames}), ` +
        `${recorded?.keys ?? 0} keys of ${recorded?.denseKeys ?? 0} dense`
    )
    console.log(
      `memory: rss ${fmt(memory.startMiB)} → ${fmt(endMiB)} MiB (peak ${fmt(peakMiB)}, growth ${fmt(endMiB - memory.startMiB)} MiB); ` +
        `heap ${fmt(heapStart)} → ${fmt(heapEnd)} MiB`
    )
    await live.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
