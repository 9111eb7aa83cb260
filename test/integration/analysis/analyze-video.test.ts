import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  analyzeVideo,
  type VideoFrame,
  type VideoFrameSource
} from '../../../src/main/core/analysis/analyze-video'
import { releaseOnnxSessions } from '../../../src/main/core/analysis/onnx-session-cache'
import { decodeImage } from '../../../src/main/core/image/decode-image'

const ASTRONAUT = 'test/fixtures/astronaut.png'
let dir = ''

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mimesis-video-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
  await releaseOnnxSessions()
})

describe('analyzeVideo', () => {
  it('tracks, reports frames without a face as null, and re-detects after losing the face', async () => {
    const face = await decodeImage(ASTRONAUT)
    const blank = new Uint8Array(face.data.length).fill(90)
    const pattern = [true, true, false, false, true, true]
    const frameSource: VideoFrameSource = async function* () {
      for (const [index, hasFace] of pattern.entries()) {
        const frame: VideoFrame = {
          index,
          timeSec: index * 0.04 + 0.5,
          rgb: hasFace ? face.data : blank,
          width: face.width,
          height: face.height
        }
        yield frame
      }
    }
    const video = await analyzeVideo('synthetic', { frameSource })
    expect(video.frames.map((f) => f.face != null)).toEqual(pattern)
    expect(video.frames.map((f) => f.timeSec)).toEqual(pattern.map((_, i) => i * 0.04 + 0.5))
    // Detector on the first frame and after the loss (keypoints present), tracking otherwise.
    expect(video.frames.map((f) => (f.face?.keypoints.length ?? 0) > 0)).toEqual([
      true,
      false,
      false,
      false,
      true,
      false
    ])
    // Identical frames: every residual against the clip's own neutral is ~0.
    expect(video.neutral).not.toBeNull()
    for (const f of video.frames) {
      if (f.face == null) continue
      const max = f.face.residual.reduce((m, v) => Math.max(m, Math.abs(v)), 0)
      expect(max).toBeLessThan(0.3)
    }
  })

  it.skipIf(!existsSync('/usr/bin/ffmpeg'))(
    'decodes a real MP4 through the media module with decoder timestamps',
    async () => {
      const path = join(dir, 'still.mp4')
      await promisify(execFile)('/usr/bin/ffmpeg', [
      '-v', 'error', '-loop', '1', '-i', ASTRONAUT, '-t', '0.4', '-r', '10',
      '-c:v', 'libx264', '-pix_fmt', 'yuv420p', path
    ]) // prettier-ignore
      const progress: number[] = []
      const video = await analyzeVideo(path, { maxSide: 256, onProgress: (p) => progress.push(p.framesDone) })
      expect(video.frames).toHaveLength(4)
      expect([video.width, video.height]).toEqual([256, 256])
      expect(video.frames.every((f) => f.face != null)).toBe(true)
      expect(video.frames.map((f) => f.timeSec)).toEqual([0, 0.1, 0.2, 0.3])
      expect(progress.at(-1)).toBe(4)
    }
  )

  it('stops when the signal aborts', async () => {
    const controller = new AbortController()
    controller.abort()
    const path = join(dir, 'still.mp4')
    await expect(analyzeVideo(path, { signal: controller.signal })).rejects.toThrow(/cancel/i)
  })
})
