import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { defaultFfmpeg } from '../../../src/main/core/media/default-ffmpeg'
import {
  PEAKS_PER_SEC,
  WAVEFORM_SAMPLE_RATE,
  createAudioWaveforms
} from '../../../src/main/core/studio/audio-waveforms'

describe('audio waveforms (real ffmpeg)', () => {
  let dir: string
  let m4a: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-waveform-'))
    m4a = join(dir, 'tone.m4a')
    // One second of tone, then one of silence.
    const made = spawnSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:duration=1,apad=whole_dur=2',
      '-c:a',
      'aac',
      m4a
    ])
    expect(made.status).toBe(0)
  })

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('peaks follow the sound, the scrub copy is 8 kHz PCM, and a file is decoded once', async () => {
    const ffmpeg = vi.fn(defaultFfmpeg)
    const waveforms = createAudioWaveforms({ ffmpeg })
    const waveform = await waveforms.of(m4a)
    expect(waveform.sampleRate).toBe(WAVEFORM_SAMPLE_RATE)
    expect(waveform.peaksPerSec).toBe(PEAKS_PER_SEC)
    expect(Math.abs(waveform.durationSec - 2)).toBeLessThan(0.1)
    expect(waveform.pcm.byteLength).toBe(Math.round(waveform.durationSec * WAVEFORM_SAMPLE_RATE) * 2)
    const peakAt = (sec: number) => waveform.peaks[Math.floor(sec * PEAKS_PER_SEC)]!
    // lavfi's sine has amplitude 1/8: about 32 of 255.
    expect(peakAt(0.5)).toBeGreaterThan(20)
    expect(peakAt(1.5)).toBeLessThan(3)
    expect(await waveforms.of(m4a)).toBe(waveform)
    expect(ffmpeg).toHaveBeenCalledTimes(1)
  })
})
