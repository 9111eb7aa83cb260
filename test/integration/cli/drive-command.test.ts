import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveResourcesDir } from '../../../src/main/core/app/resolve-resources-dir'
import { probeVideo } from '../../../src/main/core/media/probe-video'
import { loadProject } from '../../../src/main/core/project'
import { ROOT, runCli } from './run-cli'

const ASTRONAUT = resolve(ROOT, 'test', 'fixtures', 'astronaut.png')
const ready = existsSync(join(resolveResourcesDir(), 'packs', 'builtin', 'manifest.json'))

describe.skipIf(!ready)('mimesis drive (real tracking, engine and ffmpeg, its own process)', () => {
  let dir: string
  let driver: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-cli-drive-'))
    // The driver: the committed fixture performing the built-in expressions preset (made here, never committed).
    driver = join(dir, 'driver.mp4')
    const silent = join(dir, 'driver-silent.mp4')
    const made = await runCli([
      'render',
      ASTRONAUT,
      '--preset',
      'expressions',
      '--seconds',
      '2',
      '--fps',
      '12',
      '--size',
      '256',
      '--out',
      silent
    ])
    expect(made.code).toBe(0)
    // …with a generated tone as its sound.
    const muxed = spawnSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-i',
      silent,
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:duration=2',
      '-c:v',
      'copy',
      '-c:a',
      'aac',
      '-shortest',
      driver
    ])
    expect(muxed.status).toBe(0)
  }, 120_000)

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('drives one portrait into an MP4 of the driver’s length with its sound, and saves the project', async () => {
    const out = join(dir, 'driven.mp4')
    const project = join(dir, 'driven.mimesis')
    const run = await runCli([
      'drive',
      driver,
      ASTRONAUT,
      '--out',
      out,
      '--size',
      '128',
      '--json',
      '--save-project',
      project
    ])
    expect(run.code, run.stderr).toBe(0)
    const summary = JSON.parse(run.stdout) as {
      frames: number
      framesWithFace: number
      outputs: { out: string; frames: number; keys: number; denseKeys: number }[]
    }
    expect(summary.frames).toBe(24)
    expect(summary.framesWithFace).toBe(24)
    expect(summary.outputs).toHaveLength(1)
    expect(summary.outputs[0]!.keys).toBeGreaterThan(0)
    expect(summary.outputs[0]!.keys).toBeLessThan(summary.outputs[0]!.denseKeys)
    const info = await probeVideo(out)
    expect(info.width).toBe(128)
    expect(info.durationSec).toBeCloseTo(2, 1)
    expect(info.hasAudio).toBe(true)
    const { project: saved } = await loadProject(project)
    expect(saved.audio?.startSec).toBe(0)
    const jaw = saved.document.tracks.find((t) => t.name === 'jawOpen')!
    expect(jaw.keys.length).toBeGreaterThan(1)
    expect(saved.document.settings.durationSec).toBeCloseTo(2, 1)
  }, 120_000)

  it('tracks once and drives several portraits into a folder', async () => {
    const second = join(dir, 'second.png')
    await copyFile(ASTRONAUT, second)
    const outDir = join(dir, 'many')
    const run = await runCli([
      'drive',
      driver,
      ASTRONAUT,
      second,
      '--out-dir',
      outDir,
      '--size',
      '64',
      '--mode',
      'pose',
      '--dense'
    ])
    expect(run.code, run.stderr).toBe(0)
    expect((await readdir(outDir)).sort()).toEqual(['astronaut.mp4', 'second.mp4'])
    expect(run.stdout.match(/^wrote /gm)).toHaveLength(2)
  }, 120_000)

  it('refuses a video with no face, leaving nothing under the output name', async () => {
    const noFace = join(dir, 'noface.mp4')
    const made = spawnSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=160x120:rate=10:duration=1',
      '-pix_fmt',
      'yuv420p',
      noFace
    ])
    expect(made.status).toBe(0)
    const out = join(dir, 'noface-out.mp4')
    const run = await runCli(['drive', noFace, ASTRONAUT, '--out', out, '--size', '64'])
    expect(run.code).toBe(65)
    expect(run.stderr).toMatch(/No face was found in any frame of noface\.mp4/)
    expect(existsSync(out)).toBe(false)
  }, 120_000)

  it('follows the chosen face of a driver that shows two, and refuses a face that is not there', async () => {
    const two = join(dir, 'two-faces.mp4')
    const made = spawnSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-i',
      driver,
      '-filter_complex',
      // Two faces side by side, large enough for the detector: the fixture's face cropped and enlarged, and a
      // smaller mirrored copy.
      '[0:v]crop=128:128:64:0,scale=256:256,split[a][b];[b]hflip,scale=200:200,pad=256:256:28:28[c];[a][c]hstack',
      '-an',
      '-pix_fmt',
      'yuv420p',
      two
    ])
    expect(made.status).toBe(0)
    const second = await runCli([
      'drive',
      two,
      ASTRONAUT,
      '--out',
      join(dir, 'second-face.mp4'),
      '--size',
      '64',
      '--driver-face',
      '2'
    ])
    expect(second.code, second.stderr).toBe(0)
    expect(second.stderr).toMatch(/shows 2 faces; following face 2/)
    const third = await runCli([
      'drive',
      two,
      ASTRONAUT,
      '--out',
      join(dir, 'third-face.mp4'),
      '--size',
      '64',
      '--driver-face',
      '3'
    ])
    expect(third.code).toBe(65)
    expect(third.stderr).toMatch(/Face 3 was not found in two-faces\.mp4: its first frame with a face has 2/)
    expect(existsSync(join(dir, 'third-face.mp4'))).toBe(false)
  }, 120_000)

  it('refuses usage mistakes with exit status 64 before any work', async () => {
    const many = await runCli(['drive', driver, ASTRONAUT, ASTRONAUT, '--out', join(dir, 'x.mp4')])
    expect(many.code).toBe(64)
    expect(many.stderr).toMatch(/use --out-dir/)
    const badReference = await runCli([
      'drive',
      driver,
      ASTRONAUT,
      '--out',
      join(dir, 'y.mp4'),
      '--reference',
      'soon'
    ])
    expect(badReference.code).toBe(64)
    expect(badReference.stderr).toMatch(/--reference soon/)
    const missing = await runCli(['drive', join(dir, 'missing.mp4'), ASTRONAUT, '--out', join(dir, 'z.mp4')])
    expect(missing.code).toBe(66)
  }, 60_000)
})
