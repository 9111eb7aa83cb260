import { spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ANALYSIS_SAMPLE_RATE, decodeAudioSamples } from '../../../src/main/core/media/decode-audio-samples'
import { defaultFfmpeg } from '../../../src/main/core/media/default-ffmpeg'

describe('decodeAudioSamples (real ffmpeg)', () => {
  let dir: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-decode-audio-'))
  })

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('decodes a stereo 44.1 kHz recording to mono 16 kHz floats', async () => {
    const wav = join(dir, 'tone.wav')
    const made = spawnSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:duration=1.5:sample_rate=44100',
      '-ac',
      '2',
      wav
    ])
    expect(made.status).toBe(0)
    const samples = await decodeAudioSamples(wav, { ffmpeg: await defaultFfmpeg() })
    expect(Math.abs(samples.length - 1.5 * ANALYSIS_SAMPLE_RATE)).toBeLessThan(200)
    const peak = samples.reduce((max, s) => Math.max(max, Math.abs(s)), 0)
    // lavfi's sine has amplitude 1/8.
    expect(peak).toBeGreaterThan(0.1)
    expect(peak).toBeLessThan(0.15)
  })

  it('refuses a file ffmpeg cannot read, saying what to choose', async () => {
    const junk = join(dir, 'junk.wav')
    await writeFile(junk, 'not audio at all')
    await expect(decodeAudioSamples(junk, { ffmpeg: await defaultFfmpeg() })).rejects.toMatchObject({
      code: 'unsupported-format',
      message: expect.stringContaining('Choose a WAV, MP3') as unknown
    })
  })
})
