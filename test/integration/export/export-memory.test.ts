// An export must not keep the frames it has already handed to ffmpeg: a 60 s 512² export renders
// 1,800 frames of 1 MB each. Racing every frame against one long-lived promise (`Promise.race`) kept
// each of them reachable until ffmpeg exited.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportImageSequence } from '../../../src/main/core/export/export-image-sequence'
import { exportVideo } from '../../../src/main/core/export/export-video'
import { type LocatedFfmpeg, locateFfmpeg } from '../../../src/main/core/media/locate-ffmpeg'

/** A full, synchronous garbage collection (the `gc` that --expose-gc gives, made available at run time). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  gc()
}

const SIZE = 16
const FRAMES = 120
/** When the frames rendered so far are counted: well before the end, while ffmpeg still runs. */
const CHECK_AT = 100

describe('exportVideo memory', () => {
  let ffmpeg: LocatedFfmpeg
  let dir: string

  beforeAll(async () => {
    ffmpeg = await locateFfmpeg()
    dir = mkdtempSync(join(tmpdir(), 'mimesis-export-memory-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('lets frames already written to ffmpeg be collected while the export runs', async () => {
    const frames: WeakRef<Uint8Array>[] = []
    let stillReachable = -1
    await exportVideo({
      width: SIZE,
      height: SIZE,
      fps: 24,
      frameCount: FRAMES,
      // A new buffer per frame, as the engine's renderer returns them.
      renderFrame: async (index) => {
        if (index === CHECK_AT) {
          collectGarbage()
          // The last few may still be in flight (the write being awaited, the previous race).
          stillReachable = frames.slice(0, CHECK_AT - 4).filter((ref) => ref.deref() !== undefined).length
        }
        const frame = new Uint8Array(SIZE * SIZE * 4).fill(index % 256)
        frames.push(new WeakRef(frame))
        return frame
      },
      outPath: join(dir, 'clip.mp4'),
      quality: 'draft',
      ffmpeg
    })
    expect(stillReachable).toBe(0)
  })

  it('a PNG sequence lets frames already written be collected: at most two frames live', async () => {
    const frames: WeakRef<Uint8Array>[] = []
    let stillReachable = -1
    await exportImageSequence({
      width: SIZE,
      height: SIZE,
      fps: 24,
      frameCount: FRAMES,
      renderFrame: async (index) => {
        if (index === CHECK_AT) {
          collectGarbage()
          stillReachable = frames.slice(0, CHECK_AT - 2).filter((ref) => ref.deref() !== undefined).length
        }
        const frame = new Uint8Array(SIZE * SIZE * 4).fill(index % 256)
        frames.push(new WeakRef(frame))
        return { rgba: frame, depthLevels: new Uint16Array(SIZE * SIZE) }
      },
      outDir: join(dir, 'frames'),
      depth: { nearPx: 0, farPx: 1, sourceWidth: SIZE, sourceHeight: SIZE }
    })
    expect(stillReachable).toBe(0)
  })
})
