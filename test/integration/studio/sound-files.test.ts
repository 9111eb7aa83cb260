import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { speechFeaturesSchema } from '@shared/ipc/contract'
import { FileGrants } from '../../../src/main/core/ipc/file-grants'
import type { DialogPort } from '../../../src/main/core/ipc/ports'
import { createSoundFiles } from '../../../src/main/core/studio/sound-files'

const ffmpeg = (args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args])

describe('sound files: Add Sound… and the speech features (real ffmpeg)', () => {
  let dir: string
  const answers: (string | null)[] = []
  const dialogs: DialogPort = {
    openFile: async () => answers.shift() ?? null,
    saveFile: async () => null
  }
  const grants = new FileGrants()
  let sounds: ReturnType<typeof createSoundFiles>

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-sound-files-'))
    sounds = createSoundFiles({ grants, dialogs, audioDir: join(dir, 'audio') })
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('copies a WAV as .m4a and reads syllable peaks where its tone bursts are', async () => {
    // 3 s: silence, then 200 ms bursts of a 220 Hz tone starting at 1.0, 1.5, 2.0 and 2.5 s.
    const wav = join(dir, 'bursts.wav')
    ffmpeg([
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=220:sample_rate=16000:duration=3',
      '-af',
      "volume='if(between(mod(t,0.5),0,0.2)*gte(t,1),1,0)':eval=frame",
      wav
    ])
    answers.push(wav)
    const added = await sounds.open()
    expect(added).not.toBeNull()
    expect(added!.file.name).toBe('bursts.m4a')
    expect(added!.durationSec).toBeGreaterThan(2.9)
    expect(existsSync(grants.resolve(added!.file.token))).toBe(true)

    const features = await sounds.speech(added!.file, 25)
    expect(speechFeaturesSchema.safeParse(features).success).toBe(true)
    expect(features.fps).toBe(25)
    expect(features.loudness.length).toBeGreaterThanOrEqual(74)
    // Silent for the first second; voiced inside each burst.
    expect(features.voiced.slice(0, 22).every((v) => v === 0)).toBe(true)
    for (const start of [1.0, 1.5, 2.0, 2.5]) expect(features.voiced[Math.round((start + 0.1) * 25)]).toBe(1)
    // One syllable peak per burst, inside it (frames at 25 fps).
    expect(features.peaks).toHaveLength(4)
    features.peaks.forEach((frame, i) => {
      expect(frame / 25).toBeGreaterThanOrEqual(1.0 + 0.5 * i - 0.04)
      expect(frame / 25).toBeLessThanOrEqual(1.0 + 0.5 * i + 0.24)
    })
    // The same sound and rate are read once.
    expect(await sounds.speech(added!.file, 25)).toBe(features)
  })

  it('refuses a video without sound, saying what to choose, and a cancelled dialog adds nothing', async () => {
    const silent = join(dir, 'silent.mp4')
    ffmpeg(['-f', 'lavfi', '-i', 'color=c=gray:s=64x64:d=1', '-pix_fmt', 'yuv420p', silent])
    answers.push(silent)
    await expect(sounds.open()).rejects.toMatchObject({
      code: 'unsupported-format',
      message: expect.stringMatching(/"silent\.mp4" has no sound\. Choose a recording/)
    })
    answers.push(null)
    expect(await sounds.open()).toBeNull()
  })

  it('reports a file that is not sound as damaged or unsupported, not as an internal error', async () => {
    const text = join(dir, 'notes.wav')
    await import('node:fs/promises').then((fs) => fs.writeFile(text, 'this is not a recording'))
    answers.push(text)
    const error = await sounds.open().catch((e: unknown) => e)
    expect(error).toMatchObject({ code: expect.stringMatching(/^(unsupported-format|input-damaged)$/) })
  })
})
