import { existsSync } from 'node:fs'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BUILTIN_EXPRESSION_DIRECTIONS } from '@shared/engine/expression-directions'
import { createProjectFile } from '@shared/project'
import { createDocument, seconds, setKey, setWorkArea, trackIdFor } from '@shared/timeline'
import { resolveResourcesDir } from '../../../src/main/core/app/resolve-resources-dir'
import { MimesisError } from '@shared/errors/mimesis-error'
import { FfmpegNotFoundError } from '../../../src/main/core/media/ffmpeg-not-found-error'
import { probeVideo } from '../../../src/main/core/media/probe-video'
import { readPortraitSource, saveProjectAtomic } from '../../../src/main/core/project'
import { exitCodeFor } from '../../../src/main/cli/exit-code'
import { runRender } from '../../../src/main/cli/run-render'
import { ROOT, runCli, startCli, shortTurntableArgs } from './run-cli'

const ASTRONAUT = resolve(ROOT, 'test', 'fixtures', 'astronaut.png')
const resourcesDir = resolveResourcesDir()
const ready = existsSync(join(resourcesDir, 'packs', 'builtin', 'manifest.json'))

async function raw(path: string): Promise<{ data: Buffer; width: number; height: number; channels: number }> {
  const { data, info } = await sharp(path).raw().toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height, channels: info.channels }
}

/** Mean absolute difference per byte of two same-sized 8-bit images. */
function meanDifference(a: Buffer, b: Buffer): number {
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!)
  return sum / a.length
}

describe.skipIf(!ready)('mimesis render (real engine, real ffmpeg, its own process)', () => {
  let dir: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-cli-render-'))
  })

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('renders a PNG still whose expression differs from the neutral face, and its depth map', async () => {
    const neutral = join(dir, 'neutral.png')
    const posed = join(dir, 'posed.png')
    const depth = join(dir, 'depth.png')
    const first = await runCli(['render', ASTRONAUT, '--size', '128', '--out', neutral])
    expect(first.stderr).not.toMatch(/Error|warning/)
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/^wrote .*neutral\.png \(128x128, face 1\)/)
    const second = await runCli([
      'render',
      ASTRONAUT,
      '--expr',
      'smile=1,jawOpen=0.6',
      '--size',
      '128',
      '--out',
      posed,
      '--depth',
      depth,
      '--json'
    ])
    expect(second.code).toBe(0)
    expect(JSON.parse(second.stdout)).toMatchObject({
      kind: 'still',
      out: posed,
      depth,
      width: 128,
      height: 128,
      face: 1,
      expression: { smile: 1, jawOpen: 0.6 }
    })

    const a = await raw(neutral)
    const b = await raw(posed)
    expect([a.width, a.height, a.channels]).toEqual([128, 128, 3])
    expect([b.width, b.height, b.channels]).toEqual([128, 128, 3])
    expect(meanDifference(a.data, b.data)).toBeGreaterThan(0.2)
    // Same portrait, same camera: the background far from the face is untouched.
    expect(a.data.subarray(0, 3 * 16)).toEqual(b.data.subarray(0, 3 * 16))

    const meta = await sharp(depth).metadata()
    expect(meta).toMatchObject({ width: 128, height: 128, channels: 1, depth: 'ushort' })
    const grey = await sharp(depth).toColourspace('grey16').raw({ depth: 'ushort' }).toBuffer()
    const levels = new Uint16Array(grey.buffer, grey.byteOffset, grey.length / 2)
    expect(Math.max(...levels)).toBe(65535)
    expect(levels[0]).toBe(0) // top-left corner: the flag behind her, background = black
    expect(levels.filter((v) => v > 0).length).toBeGreaterThan(128 * 128 * 0.05)
  }, 60_000)

  it('renders the camera of a still: a turned head changes the face, not the corners', async () => {
    const turned = join(dir, 'turned.png')
    const run = await runCli([
      'render',
      ASTRONAUT,
      '--yaw',
      '25',
      '--pitch',
      '-5',
      '--size',
      '128',
      '--out',
      turned
    ])
    expect(run.code).toBe(0)
    const neutral = await raw(join(dir, 'neutral.png'))
    const b = await raw(turned)
    expect(meanDifference(neutral.data, b.data)).toBeGreaterThan(0.2)
  }, 60_000)

  it('renders the expressions preset to an H.264 MP4 with one frame per 1/fps', async () => {
    const out = join(dir, 'expressions.mp4')
    const run = await runCli([
      'render',
      ASTRONAUT,
      '--preset',
      'expressions',
      '--seconds',
      '1',
      '--fps',
      '8',
      '--size',
      '128',
      '--out',
      out,
      '--json'
    ])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({
      kind: 'preset',
      preset: 'expressions',
      format: 'mp4-h264',
      frames: 8,
      fps: 8,
      width: 128,
      height: 128
    })
    // Not a terminal: progress comes as plain lines, never carriage-return redraws.
    expect(run.stderr).not.toContain('\r')
    const info = await probeVideo(out)
    expect(info).toMatchObject({ codec: 'h264', width: 128, height: 128, avgFps: 8, frameCountEstimate: 8 })
  }, 60_000)

  it('renders the turntable preset to WebM', async () => {
    const out = join(dir, 'turntable.webm')
    const run = await runCli(shortTurntableArgs(ASTRONAUT, out))
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/the turntable preset, 8 frames at 96x96, 8 fps/)
    expect(await probeVideo(out)).toMatchObject({ codec: 'vp9', width: 96, height: 96 })
  }, 60_000)

  it('renders a saved project with its own settings, or another size, rate and range', async () => {
    let doc = createDocument({
      expressionNames: BUILTIN_EXPRESSION_DIRECTIONS.map((d) => d.name),
      settings: { fps: 8, durationSec: seconds(1), width: 128, height: 96 }
    })
    doc = setKey(doc, trackIdFor('expression', 'smile'), seconds(0), 0).document
    doc = setKey(doc, trackIdFor('expression', 'smile'), seconds(1), 1).document
    doc = setKey(doc, trackIdFor('camera', 'yaw'), seconds(0.5), 20).document
    // A track for a direction this pack does not have: kept in the file, skipped with a warning.
    doc = {
      ...doc,
      tracks: [
        ...doc.tracks,
        { id: trackIdFor('expression', 'wink'), kind: 'expression', name: 'wink', keys: [] }
      ]
    }
    doc = setWorkArea(doc, seconds(0.25), seconds(0.75))
    const project = join(dir, 'scene.mimesis')
    await saveProjectAtomic(
      project,
      createProjectFile({
        appVersion: '0.1.0',
        portrait: await readPortraitSource(ASTRONAUT, { embed: true }),
        enginePack: { id: 'mimesis-builtin', version: '1' },
        document: doc,
        selectedFaceIndex: 0,
        now: new Date()
      })
    )

    const whole = join(dir, 'scene.mp4')
    const first = await runCli(['render', project, '--out', whole, '--json'])
    expect(first.code).toBe(0)
    expect(first.stderr).toContain('warning: ignoring the expression track wink')
    expect(JSON.parse(first.stdout)).toMatchObject({
      kind: 'project',
      frames: 8,
      width: 128,
      height: 96,
      fps: 8,
      face: 1
    })
    // A 4:3 frame of a square portrait is placed on the head, as the studio's export places it: the window
    // (the portrait's full width, 3/4 of its height) moves up to keep her hair in.
    const { framing } = JSON.parse(first.stdout) as { framing: { zoom: number; panX: number; panY: number } }
    expect(framing).toMatchObject({ zoom: 1, panX: 0 })
    expect(framing.panY).toBeGreaterThan(0.1)
    expect(await probeVideo(whole)).toMatchObject({
      codec: 'h264',
      width: 128,
      height: 96,
      frameCountEstimate: 8
    })

    const part = join(dir, 'scene-work-area.mp4')
    const second = await runCli([
      'render',
      project,
      '--out',
      part,
      '--range',
      'work-area',
      '--size',
      '64',
      '--fps',
      '12',
      '--json'
    ])
    expect(second.code).toBe(0)
    expect(JSON.parse(second.stdout)).toMatchObject({
      frames: 6,
      width: 64,
      height: 48,
      fps: 12,
      startSec: 0.25,
      endSec: 0.75
    })
    expect(await probeVideo(part)).toMatchObject({ width: 64, height: 48, avgFps: 12, frameCountEstimate: 6 })
    // The embedded portrait was unpacked to a temporary folder that is gone again.
    expect((await readdir(tmpdir())).filter((n) => n.startsWith('mimesis-render-'))).toEqual([])
  }, 90_000)

  it('Ctrl-C (SIGINT) cancels: exit status 130 and no file, partial or final', async () => {
    const sub = await mkdtemp(join(dir, 'cancel-'))
    const out = join(sub, 'long.mp4')
    const { child, done } = startCli([
      'render',
      ASTRONAUT,
      '--preset',
      'expressions',
      '--seconds',
      '60',
      '--fps',
      '30',
      '--size',
      '256',
      '--out',
      out
    ])
    let stderr = ''
    await new Promise<void>((started, failed) => {
      child.stderr!.on('data', (chunk: string) => {
        stderr += chunk
        if (/frame \d+\/1800/.test(stderr)) started()
      })
      void done.then((run) => failed(new Error(`finished before it could be cancelled: ${run.stderr}`)))
    })
    child.kill('SIGINT')
    const run = await done
    expect(run.code).toBe(130)
    expect(run.stderr).toContain('mimesis: Render cancelled; no file was written.')
    expect(await readdir(sub)).toEqual([])
  }, 60_000)

  describe('refuses bad arguments with a clear message and a non-zero status', () => {
    it.each([
      [['--expr', 'smile=1.5'], 64, /smile=1\.5: expression values go from -1 to 1/],
      [['--yaw', '50'], 64, /yaw 50 is outside the supported range -35…35°/],
      [['--preset', 'spin'], 64, /Allowed choices are turntable, expressions/],
      [['--preset', 'turntable', '--expr', 'smile=1'], 64, /--expr cannot be used with a preset/]
    ])('%j → exit %i', async (extra, code, message) => {
      const out = extra.includes('--preset') ? join(dir, 'bad.mp4') : join(dir, 'bad.png')
      const run = await runCli(['render', ASTRONAUT, '--out', out, ...extra])
      expect(run.stderr).toMatch(message)
      expect(run.code).toBe(code)
      expect(existsSync(out)).toBe(false)
    })

    it('an unknown direction lists the valid ones and suggests the closest', async () => {
      const run = await runCli(['render', ASTRONAUT, '--expr', 'blinkLeft=1', '--out', join(dir, 'x.png')])
      expect(run.code).toBe(64)
      expect(run.stderr).toContain('Unknown expression direction "blinkLeft" (did you mean blinkL?)')
      expect(run.stderr).toContain(
        `Valid directions: ${BUILTIN_EXPRESSION_DIRECTIONS.map((d) => d.name).join(', ')}.`
      )
    })

    it('a bad --out extension', async () => {
      const run = await runCli(['render', ASTRONAUT, '--out', join(dir, 'x.avi')])
      expect(run.code).toBe(64)
      expect(run.stderr).toMatch(
        /must end in \.png \(a still\), \.mp4, \.mov, \.webm or \.gif \(a video\), \.csv or \.json \(rig curves\) or \.glb \(the 3D face\), not \.avi/
      )
      const video = await runCli(['render', ASTRONAUT, '--out', join(dir, 'x.mp4')])
      expect(video.code).toBe(64)
      expect(video.stderr).toMatch(/add --preset turntable or --preset expressions, or render a project/)
    })

    it('a missing input', async () => {
      const run = await runCli(['render', join(dir, 'nobody.jpg'), '--out', join(dir, 'x.png')])
      expect(run.code).toBe(66)
      expect(run.stderr).toMatch(/The portrait .*nobody\.jpg does not exist\./)
    })

    it('a picture without a face', async () => {
      const blank = join(dir, 'blank.png')
      await sharp({ create: { width: 256, height: 256, channels: 3, background: '#7a8a9a' } })
        .png()
        .toFile(blank)
      const run = await runCli(['render', blank, '--out', join(dir, 'x.png')])
      expect(run.code).toBe(65)
      expect(run.stderr).toMatch(/No face was found/)
      expect(existsSync(join(dir, 'x.png'))).toBe(false)
    })

    it('a malformed project', async () => {
      const broken = join(dir, 'broken.mimesis')
      await writeFile(broken, '{ "format": "mimesis-project",\n  "version": 1,, }')
      const run = await runCli(['render', broken, '--out', join(dir, 'x.mp4')])
      expect(run.code).toBe(65)
      expect(run.stderr).toMatch(/broken\.mimesis is not a valid project file: JSON syntax error at line 2/)
    })

    it('a missing ffmpeg, before any rendering starts', async () => {
      const error = await runRender(
        {
          kind: 'preset',
          portrait: ASTRONAUT,
          out: join(dir, 'never.mp4'),
          format: 'mp4-h264',
          preset: 'turntable',
          seconds: 1,
          fps: 8,
          size: 64,
          aspect: 'square',
          faceIndex: 0,
          quality: 'draft'
        },
        {
          resourcesDir,
          threads: 1,
          signal: new AbortController().signal,
          onStatus: () => undefined,
          onProgress: () => undefined,
          onWarning: () => undefined,
          locateFfmpeg: async () => {
            throw new FfmpegNotFoundError('ffmpeg', [
              { source: 'system', path: '-', reason: 'ffmpeg is not on PATH' }
            ])
          }
        }
      ).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(MimesisError)
      expect(error).toMatchObject({
        code: 'ffmpeg-missing',
        message: expect.stringMatching(/^No usable ffmpeg was found/)
      })
      expect(exitCodeFor(error)).toBe(69)
      expect(existsSync(join(dir, 'never.mp4'))).toBe(false)
    })
  })
})
