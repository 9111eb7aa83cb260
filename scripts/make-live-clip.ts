// A fake camera's clip for Live mode's end-to-end test and benchmark, made from committed material only:
// the public-domain fixture portrait rendered through a jawOpen animation by the engine, written as Y4M
// (what Chromium's --use-file-for-fake-video-capture plays, looping).
//   tsx scripts/make-live-clip.ts <out.y4m> [side px, default 320] [fps, default 15]
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createDocument, seconds, setKey, trackIdFor } from '@shared/timeline'
import { resolveResourcesDir } from '../src/main/core/app/resolve-resources-dir'
import { createEngine } from '../src/main/core/engine/engine'
import { avatarFromFile } from '../src/main/core/render/avatar-from-file'
import { exportDocument } from '../src/main/core/render/export-document'

const FIXTURE = resolve(__dirname, '..', 'test', 'fixtures', 'astronaut.png')

/** One loop of the clip, seconds. */
export const LIVE_CLIP_PERIOD_SEC = 6
/**
 * The clip's jaw keys over one loop, [seconds, jawOpen]: closed for 4.5 s (room for Set neutral, which
 * averages at least half a second and four frames), then opens to 0.9, holds, and closes by 6 s.
 */
export const LIVE_CLIP_JAW: readonly (readonly [number, number])[] = [
  [0, 0],
  [4.5, 0],
  [5, 0.9],
  [5.4, 0.9],
  [6, 0]
]

/** The clip's jawOpen at `t` seconds (looping), linear between its keys as the document holds them. */
export function liveClipJaw(t: number): number {
  const u = ((t % LIVE_CLIP_PERIOD_SEC) + LIVE_CLIP_PERIOD_SEC) % LIVE_CLIP_PERIOD_SEC
  for (let i = 1; i < LIVE_CLIP_JAW.length; i++) {
    const [t0, v0] = LIVE_CLIP_JAW[i - 1]!
    const [t1, v1] = LIVE_CLIP_JAW[i]!
    if (u <= t1) return v0 + ((v1 - v0) * (u - t0)) / (t1 - t0)
  }
  return 0
}

export async function makeLiveClip(out: string, side = 320, fps = 15): Promise<void> {
  const resourcesDir = resolveResourcesDir()
  const engine = await createEngine({ packDir: join(resourcesDir, 'packs', 'builtin') })
  const avatar = await avatarFromFile(FIXTURE, { engine, resourcesDir, maxSide: 384 })
  let document = createDocument({
    expressionNames: engine.directionNames,
    settings: { fps, durationSec: seconds(LIVE_CLIP_PERIOD_SEC), width: side, height: side }
  })
  for (const [time, value] of LIVE_CLIP_JAW) {
    document = setKey(document, trackIdFor('expression', 'jawOpen'), seconds(time), value, {
      interpolation: 'linear'
    }).document
  }
  const dir = mkdtempSync(join(tmpdir(), 'mimesis-live-clip-'))
  try {
    const mp4 = join(dir, 'clip.mp4')
    await exportDocument({ avatar, document, width: side, height: side, fps, outPath: mp4 })
    execFileSync(
      'ffmpeg',
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-y',
        '-i',
        mp4,
        '-pix_fmt',
        'yuv420p',
        '-f',
        'yuv4mpegpipe',
        out
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] }
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (require.main === module) {
  const [out, side, fps] = process.argv.slice(2)
  if (!out) {
    console.error('usage: make-live-clip <out.y4m> [side] [fps]')
    process.exit(64)
  }
  makeLiveClip(resolve(out), side ? Number(side) : undefined, fps ? Number(fps) : undefined).catch(
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    }
  )
}
