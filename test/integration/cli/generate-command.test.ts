import { spawnSync } from 'node:child_process'
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadProject } from '../../../src/main/core/project'
import type { AnimationDocument } from '@shared/timeline'
import { ROOT, runCli } from './run-cli'

const FIXTURES = resolve(ROOT, 'test', 'fixtures', 'projects')

/** Key times and values per track (ids are fresh on every run). */
const curves = (doc: AnimationDocument) =>
  Object.fromEntries(doc.tracks.map((t) => [t.id, t.keys.map((k) => [k.time, k.value, k.interpolation])]))

describe('mimesis generate (its own process, real project files)', () => {
  let dir: string
  let project: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-cli-generate-'))
    // v2 fixture: 3 s at 30 fps, work area 0.5–2.5 s, tracks jawOpen (3 keys), smile, yaw (2 keys) and the camera.
    project = join(dir, 'scene.mimesis')
    await copyFile(join(FIXTURES, 'v2-embedded-portrait.mimesis'), project)
  })

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('writes idle life and an emotion over the work area to another file, reproducibly', async () => {
    const original = await readFile(project)
    const args = ['generate', project, '--idle', '--emotion', 'joy,0.8,1.2,2.2,0.8', '--seed', '7', '--json']
    const first = await runCli([...args, '--out', join(dir, 'a.mimesis')])
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    const summary = JSON.parse(first.stdout) as { keys: number; from: number; to: number; tracks: string[] }
    expect(summary).toMatchObject({ from: 0.5, to: 2.5, seed: 7 })
    expect(summary.keys).toBeGreaterThan(10)
    expect(summary.tracks).toEqual(
      expect.arrayContaining(['expression:smile', 'expression:jawOpen', 'camera:yaw', 'camera:pitch'])
    )
    // The input is untouched; the output loads with the portrait and every other part as before.
    expect(await readFile(project)).toEqual(original)
    const before = (await loadProject(project)).project
    const after = (await loadProject(join(dir, 'a.mimesis'))).project
    expect(after.portrait).toEqual(before.portrait)
    expect(after.document.settings).toEqual(before.document.settings)
    const beforeTracks = new Map(before.document.tracks.map((t) => [t.id, t]))
    for (const track of after.document.tracks) {
      const old = beforeTracks.get(track.id)!
      if (!summary.tracks.includes(track.id)) {
        expect(track).toEqual(old)
        continue
      }
      // Keys outside 0.5–2.5 s stay as they were; the range is all new keys.
      const outside = (keys: typeof track.keys) => keys.filter((k) => k.time < 0.5 || k.time > 2.5)
      expect(outside(track.keys)).toEqual(outside(old.keys))
      expect(track.keys.filter((k) => k.time >= 0.5 && k.time <= 2.5).length).toBeGreaterThan(1)
    }
    // The same settings and seed give the same curves.
    const second = await runCli([...args, '--out', join(dir, 'b.mimesis')])
    expect(second.code).toBe(0)
    const again = (await loadProject(join(dir, 'b.mimesis'))).project
    expect(curves(again.document)).toEqual(curves(after.document))
  })

  it('keeps a referenced portrait findable when the project is written elsewhere', async () => {
    const out = join(dir, 'moved.mimesis')
    const run = await runCli([
      'generate',
      join(FIXTURES, 'v1-reference-portrait.mimesis'),
      '--idle',
      '--energy',
      '0.2',
      '--blink-rate',
      '30',
      '--from',
      '0',
      '--to',
      '1',
      '--out',
      out
    ])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('idle life from 0 to 1 s, seed 1')
    const loaded = await loadProject(out)
    expect(loaded.project.portrait.kind).toBe('reference')
    expect(isAbsolute(loaded.portraitPath ?? '')).toBe(true)
  })

  it('speaks a recording: mouth keys where it plays, and it becomes the project’s audio track', async () => {
    // A 220 Hz tone in 140 ms bursts, four a second, for 2 s: syllables, as far as loudness can tell.
    const wav = join(dir, 'line.wav')
    const made = spawnSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=220:duration=2',
      '-af',
      "volume='if(lt(mod(t,0.25),0.14),0.8,0)':eval=frame",
      wav
    ])
    expect(made.status).toBe(0)
    const out = join(dir, 'spoken.mimesis')
    const args = ['generate', project, '--speech', wav, '--from', '0', '--to', '3', '--speech-at', '0.5']
    const run = await runCli([...args, '--out', out, '--json'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stdout) as { speech: { syllables: number; startSec: number } }
    expect(summary.speech.startSec).toBe(0.5)
    expect(summary.speech.syllables).toBeGreaterThanOrEqual(6)
    const loaded = (await loadProject(out)).project
    expect(loaded.audio).toMatchObject({ fileName: 'line.m4a', startSec: 0.5, muted: false })
    const jaw = loaded.document.tracks.find((t) => t.id === 'expression:jawOpen')!
    expect(Math.max(...jaw.keys.map((k) => k.value))).toBeGreaterThan(0.3)
    // Before the recording starts (less the mouth's lead) the jaw stays shut.
    expect(jaw.keys.filter((k) => k.time < 0.4).every((k) => k.value === 0)).toBe(true)
    const missing = await runCli(['generate', project, '--speech', join(dir, 'nope.wav')])
    expect(missing.code).toBe(66)
    expect(missing.stderr).toContain('The voice recording')
  })

  it('starts a project from a portrait: as long as --seconds, the photo embedded, an emotion placed by its span', async () => {
    const out = join(dir, 'from-portrait.mimesis')
    const portrait = resolve(ROOT, 'test', 'fixtures', 'astronaut.png')
    const run = await runCli([
      'generate',
      portrait,
      '--idle',
      '--emotion',
      'joy@1-3',
      '--seconds',
      '6',
      '--seed',
      '4',
      '--out',
      out,
      '--json'
    ])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const summary = JSON.parse(run.stdout) as { from: number; to: number; emotions: { onsetSec: number }[] }
    expect(summary).toMatchObject({ from: 0, to: 6 })
    const { project: written } = await loadProject(out)
    expect(written.portrait.kind).toBe('embedded')
    expect(written.document.settings).toMatchObject({ fps: 30, durationSec: 6 })
    const smile = written.document.tracks.find((t) => t.id === 'expression:smile')!
    // Joy rises and falls within 1–3 s: the smile is up in the middle of the span and back down after it.
    const at = (time: number) =>
      smile.keys.reduce((best, k) => (Math.abs(k.time - time) < Math.abs(best.time - time) ? k : best))
    expect(at(2).value).toBeGreaterThan(0.3)
    expect(Math.abs(at(4.5).value)).toBeLessThan(0.1)
    expect(summary.emotions[0]!.onsetSec).toBeGreaterThanOrEqual(1)

    // A portrait needs --out; a project keeps its own length.
    const noOut = await runCli(['generate', portrait, '--idle'])
    expect(noOut.code).toBe(64)
    expect(noOut.stderr).toContain('is a portrait, not a project')
    const seconds = await runCli(['generate', project, '--idle', '--seconds', '4'])
    expect(seconds.code).toBe(64)
    expect(seconds.stderr).toContain('a project keeps its own length')
  })

  it.each([
    [['--seed', '3'], 64, 'Say what to generate'],
    [['--idle', '--speech-at', '1'], 64, 'add --speech'],
    [['--emotion', 'rage'], 64, 'is not an emotion'],
    [['--idle', '--to', '9'], 64, 'within the animation (0 to 3 s)'],
    [['--idle', '--out', 'x.txt'], 64, 'end the name in .mimesis'],
    [['--emotion', 'fear,2,1,3'], 64, 'onset < apex < offset']
  ])('refuses %o with exit status %d', async (extra, code, words) => {
    const run = await runCli(['generate', project, ...extra])
    expect(run.code).toBe(code)
    expect(run.stderr).toContain(words)
  })

  it('says when the project is missing (66) or damaged (65)', async () => {
    const missing = await runCli(['generate', join(dir, 'nope.mimesis'), '--idle'])
    expect(missing.code).toBe(66)
    const damaged = await runCli(['generate', join(FIXTURES, 'not-json.mimesis'), '--idle'])
    expect(damaged.code).toBe(65)
    expect(damaged.stderr).toContain('line')
  })
})
