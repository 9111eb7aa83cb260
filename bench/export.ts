// Encode and decode throughput of the ffmpeg layer. Run: npx tsx bench/export.ts [--system-ffmpeg]
// Memory of a long export: npx tsx bench/export.ts --memory [--seconds 60] [--synthetic]
//   exports a 512² turntable of test/fixtures/astronaut.png through the command line's own path
//   (`runRender`, real engine and ffmpeg) and prints RSS at the start, its peak and at the end;
//   --synthetic pipes a new 1 MB buffer per frame instead of rendering (no engine, seconds not minutes).
// PNG sequences: npx tsx bench/export.ts --sequence [--synthetic] [--bit-depth 16] [--depth] (bench/export-sequence.ts)
// Rig curves (ARKit CSV) and the 3D face (.glb) of a 60 s animation: npx tsx bench/export.ts --motion-data
//   (bench/export-motion-data.ts); the default run starts with them.
// Every format on a 10 s 512² animation (time, time encoding alone, size, peak memory): --formats
//   (bench/export-formats.ts).
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { resolveResourcesDir } from '../src/main/core/app/resolve-resources-dir'
import { exportVideo } from '../src/main/core/export/export-video'
import { runRender } from '../src/main/cli/run-render'
import { type EncodeQuality } from '../src/main/core/export/build-encode-args'
import { decodeVideoFrames } from '../src/main/core/media/decode-video-frames'
import { locateFfmpeg } from '../src/main/core/media/locate-ffmpeg'
import { benchFormats } from './export-formats'
import { benchMotionData } from './export-motion-data'
import { benchSequence } from './export-sequence'
import { MiB, watchMemory } from './watch-memory'

const WIDTH = 512
const HEIGHT = 512
const FPS = 30
const SECONDS = 10

function syntheticFrames(count: number): Uint8Array[] {
  const frames: Uint8Array[] = []
  for (let f = 0; f < count; f++) {
    const rgba = new Uint8Array(WIDTH * HEIGHT * 4)
    for (let y = 0; y < HEIGHT; y++) {
      for (let x = 0; x < WIDTH; x++) {
        const o = (y * WIDTH + x) * 4
        const d = Math.hypot(x - WIDTH / 2 - f * 4, y - HEIGHT / 2)
        rgba[o] = (x + f * 3) & 255
        rgba[o + 1] = (y * 2) & 255
        rgba[o + 2] = d < 120 ? 230 : (d * 0.7) & 255
        rgba[o + 3] = 255
      }
    }
    frames.push(rgba)
  }
  return frames
}

function argValue(name: string, fallback: number): number {
  const at = process.argv.indexOf(name)
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} needs a positive number`)
  return value
}

/** A long 512² export at 30 fps, with RSS at the start, at its peak and at the end. */
async function benchMemory(): Promise<void> {
  const seconds = argValue('--seconds', 60)
  const synthetic = process.argv.includes('--synthetic')
  const dir = mkdtempSync(join(tmpdir(), 'mimesis-bench-memory-'))
  const out = join(dir, 'turntable.mp4')
  const frameCount = Math.round(seconds * FPS)
  try {
    const memory = watchMemory()
    const started = performance.now()
    if (synthetic) {
      const frames = syntheticFrames(FPS)
      const ffmpeg = await locateFfmpeg()
      // A new buffer per frame, as the engine's renderer returns them.
      await exportVideo({
        width: WIDTH,
        height: HEIGHT,
        fps: FPS,
        frameCount,
        renderFrame: async (i) => (frames[i % frames.length] as Uint8Array).slice(),
        outPath: out,
        quality: 'draft',
        ffmpeg
      })
    } else {
      let lastShown = -1
      await runRender(
        {
          kind: 'preset',
          portrait: resolve(process.cwd(), 'test/fixtures/astronaut.png'),
          out,
          format: 'mp4-h264',
          preset: 'turntable',
          seconds,
          fps: FPS,
          size: WIDTH,
          aspect: 'square',
          faceIndex: 0,
          quality: 'draft'
        },
        {
          resourcesDir: resolveResourcesDir(),
          threads: 2,
          signal: new AbortController().signal,
          onStatus: (text) => console.log(text),
          onProgress: (_, progress) => {
            const tenth = Math.floor(progress.fraction * 10)
            if (tenth === lastShown) return
            lastShown = tenth
            console.log(
              `  frame ${progress.framesDone}/${progress.frameCount}, rss ${(process.memoryUsage().rss / MiB).toFixed(0)} MiB`
            )
          },
          onWarning: (text) => console.warn(text)
        }
      )
    }
    const { peakMiB, endMiB } = memory.stop()
    const elapsed = (performance.now() - started) / 1000
    console.log(
      `memory ${synthetic ? 'synthetic frames' : 'turntable'} ${WIDTH}x${HEIGHT} ${seconds}s@${FPS} (${frameCount} frames, ${elapsed.toFixed(0)} s): ` +
        `rss start ${memoryText(memory.startMiB)}, peak ${memoryText(peakMiB)}, end ${memoryText(endMiB)}`
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function memoryText(mib: number): string {
  return `${mib.toFixed(0)} MiB`
}

async function main(): Promise<void> {
  if (process.argv.includes('--formats')) return benchFormats()
  if (process.argv.includes('--sequence')) return benchSequence()
  if (process.argv.includes('--memory')) return benchMemory()
  await benchMotionData()
  if (process.argv.includes('--motion-data')) return
  const useSystem = process.argv.includes('--system-ffmpeg')
  const ffmpeg = await locateFfmpeg(useSystem ? { bundledPath: null } : {})
  console.log(`ffmpeg: ${ffmpeg.source} ${ffmpeg.version} (${ffmpeg.path})`)
  const frameCount = SECONDS * FPS
  // 30 distinct frames, cycled, so the bench measures piping and encoding rather than JS pixel loops.
  const frames = syntheticFrames(FPS)
  const dir = mkdtempSync(join(tmpdir(), 'mimesis-bench-'))
  try {
    for (const quality of ['draft', 'standard'] as EncodeQuality[]) {
      const out = join(dir, `bench-${String(quality)}.mp4`)
      const result = await exportVideo({
        width: WIDTH,
        height: HEIGHT,
        fps: FPS,
        frameCount,
        renderFrame: async (i) => frames[i % frames.length] as Uint8Array,
        outPath: out,
        quality,
        ffmpeg
      })
      const fps = (frameCount * 1000) / result.elapsedMs
      console.log(
        `encode ${WIDTH}x${HEIGHT} ${SECONDS}s@${FPS} h264 ${String(quality)}: ${result.elapsedMs.toFixed(0)} ms, ` +
          `${fps.toFixed(1)} frames/s, ${(fps / FPS).toFixed(2)}x realtime, ${(result.bytes / 1024).toFixed(0)} KiB`
      )
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }

  const drivingDir = resolve(process.cwd(), '../shared/data/driving')
  if (!existsSync(drivingDir)) {
    console.log(`decode: skipped, ${drivingDir} does not exist`)
    return
  }
  const clips = readdirSync(drivingDir)
    .filter((name) => name.endsWith('.mp4'))
    .sort()
  for (const maxSide of [undefined, 256]) {
    let totalFrames = 0
    let totalMs = 0
    for (const name of clips) {
      const started = performance.now()
      let count = 0
      let size = ''
      for await (const frame of decodeVideoFrames(join(drivingDir, name), {
        ffmpeg,
        maxSide,
        reuseBuffers: true
      })) {
        count++
        size = `${frame.width}x${frame.height}`
      }
      const ms = performance.now() - started
      totalFrames += count
      totalMs += ms
      console.log(
        `decode ${name} -> ${size}: ${count} frames in ${ms.toFixed(0)} ms, ${((count * 1000) / ms).toFixed(1)} frames/s`
      )
    }
    console.log(
      `decode total (${maxSide == null ? 'native size' : `maxSide ${maxSide}`}): ${totalFrames} frames from ${clips.length} clips, ` +
        `${((totalFrames * 1000) / totalMs).toFixed(1)} frames/s including ffmpeg start-up`
    )
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
