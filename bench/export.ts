// Encode and decode throughput of the ffmpeg layer. Run: npx tsx bench/export.ts [--system-ffmpeg]
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { exportVideo } from '../src/main/core/export/export-video'
import { type EncodeQuality } from '../src/main/core/export/build-encode-args'
import { decodeVideoFrames } from '../src/main/core/media/decode-video-frames'
import { locateFfmpeg } from '../src/main/core/media/locate-ffmpeg'

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

async function main(): Promise<void> {
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
