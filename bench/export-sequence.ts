// PNG sequences: npx tsx bench/export.ts --sequence [--synthetic] [--bit-depth 16] [--depth] [--seconds 10]
//   writes a 512² sequence at 30 fps (300 frames for 10 s) and prints wall time, ms per frame, the folder's size and
//   the process's resident set (start, peak, end). --synthetic writes made-up frames (the PNG encoding and writing
//   alone, no engine); without it the turntable of test/fixtures/astronaut.png renders through `runRender` (real
//   engine on 2 threads), so the difference is the render's share. One case per process: the peak is the process's.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { runRender } from '../src/main/cli/run-render'
import { resolveResourcesDir } from '../src/main/core/app/resolve-resources-dir'
import { exportImageSequence } from '../src/main/core/export/export-image-sequence'
import { MiB, watchMemory } from './watch-memory'

const SIDE = 512
const FPS = 30

function argNumber(name: string, fallback: number): number {
  const at = process.argv.indexOf(name)
  return at >= 0 ? Number(process.argv[at + 1]) : fallback
}

/** 30 distinct frames with a soft-edged person and a depth ramp, cycled (copied per frame, as the engine's are new). */
function syntheticFrames(): { rgba: Uint8Array; depthLevels: Uint16Array }[] {
  return Array.from({ length: FPS }, (_, f) => {
    const rgba = new Uint8Array(SIDE * SIDE * 4)
    const depthLevels = new Uint16Array(SIDE * SIDE)
    for (let y = 0; y < SIDE; y++) {
      for (let x = 0; x < SIDE; x++) {
        const p = y * SIDE + x
        const d = Math.hypot(x - SIDE / 2 - f * 3, y - SIDE / 2)
        const alpha = d < 150 ? 255 : d < 160 ? Math.round((255 * (160 - d)) / 10) : 0
        rgba.set([(x + f * 3) & 255, (y * 2) & 255, d < 120 ? 230 : (d * 0.7) & 255, alpha], p * 4)
        depthLevels[p] = alpha > 0 ? 1 + Math.round(60000 * (1 - d / 160)) : 0
      }
    }
    return { rgba, depthLevels }
  })
}

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0)
}

export async function benchSequence(): Promise<void> {
  const seconds = argNumber('--seconds', 10)
  const bitDepth = argNumber('--bit-depth', 8) === 16 ? 16 : 8
  const depth = process.argv.includes('--depth')
  const synthetic = process.argv.includes('--synthetic')
  const frameCount = Math.round(seconds * FPS)
  const dir = mkdtempSync(join(tmpdir(), 'mimesis-bench-sequence-'))
  const outDir = join(dir, 'shot')
  try {
    const frames = synthetic ? syntheticFrames() : []
    const memory = watchMemory()
    const started = performance.now()
    if (synthetic) {
      await exportImageSequence({
        width: SIDE,
        height: SIDE,
        fps: FPS,
        frameCount,
        bitDepth,
        depth: depth ? { nearPx: 0, farPx: 100, sourceWidth: SIDE, sourceHeight: SIDE } : null,
        renderFrame: async (i) => {
          const frame = frames[i % frames.length]!
          return { rgba: frame.rgba.slice(), depthLevels: frame.depthLevels.slice() }
        },
        outDir
      })
    } else {
      await runRender(
        {
          kind: 'preset',
          portrait: resolve(process.cwd(), 'test/fixtures/astronaut.png'),
          out: outDir,
          format: 'png-seq',
          sequence: { bitDepth, depth, replace: false },
          preset: 'turntable',
          seconds,
          fps: FPS,
          size: SIDE,
          aspect: 'square',
          faceIndex: 0,
          quality: 'standard'
        },
        {
          resourcesDir: resolveResourcesDir(),
          threads: 2,
          signal: new AbortController().signal,
          onStatus: () => undefined,
          onProgress: () => undefined,
          onWarning: (text) => console.warn(text)
        }
      )
    }
    const ms = performance.now() - started
    const { peakMiB, endMiB } = memory.stop()
    console.log(
      `png-seq ${synthetic ? 'synthetic frames' : 'turntable (render + write)'} ${SIDE}² ${bitDepth}-bit${depth ? ' + depth' : ''}, ` +
        `${frameCount} frames: ${(ms / 1000).toFixed(1)} s, ${(ms / frameCount).toFixed(1)} ms/frame, ` +
        `${(folderBytes(outDir) / MiB).toFixed(1)} MiB; rss start ${memory.startMiB.toFixed(0)}, ` +
        `peak ${peakMiB.toFixed(0)}, end ${endMiB.toFixed(0)} MiB`
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
