// The project's sound as the timeline needs it: peaks for the waveform and a low-rate copy to scrub with.
// Decoded once per file by ffmpeg and kept for the core's life; a file is known by its path, size and
// modification time (embedded audio is unpacked content-addressed, so the same sound keeps its path).
import { stat } from 'node:fs/promises'
import type { AudioWaveform } from '@shared/ipc/audio-schemas'
import { audioPeaks, pcm16 } from '../media/audio-peaks'
import { decodeAudioSamples } from '../media/decode-audio-samples'
import type { LocatedFfmpeg } from '../media/locate-ffmpeg'

/** Rate of the decoded copy, Hz: enough to hear speech while scrubbing, 16 KB a second. */
export const WAVEFORM_SAMPLE_RATE = 8000
/** Waveform buckets per second: 5 ms each, finer than the timeline's deepest zoom draws. */
export const PEAKS_PER_SEC = 200
/** Longest sound sent for scrubbing, s (about 9.6 MB); the waveform covers the whole sound. */
export const MAX_SCRUB_SEC = 600

export interface AudioWaveforms {
  /** The waveform of the sound file at `path`, decoded on the first call for it. */
  of(path: string): Promise<AudioWaveform>
}

export function createAudioWaveforms(options: { ffmpeg: () => Promise<LocatedFfmpeg> }): AudioWaveforms {
  const cache = new Map<string, Promise<AudioWaveform>>()
  return {
    async of(path) {
      const info = await stat(path)
      const key = `${path}\n${info.size}\n${info.mtimeMs}`
      let waveform = cache.get(key)
      if (!waveform) {
        waveform = decode(path, options.ffmpeg)
        cache.set(key, waveform)
        // A failed decode is not kept: the next call tries again.
        waveform.catch(() => cache.delete(key))
      }
      return waveform
    }
  }
}

async function decode(path: string, ffmpeg: () => Promise<LocatedFfmpeg>): Promise<AudioWaveform> {
  const samples = await decodeAudioSamples(path, { ffmpeg: await ffmpeg(), sampleRate: WAVEFORM_SAMPLE_RATE })
  return {
    durationSec: samples.length / WAVEFORM_SAMPLE_RATE,
    peaksPerSec: PEAKS_PER_SEC,
    peaks: audioPeaks(samples, WAVEFORM_SAMPLE_RATE / PEAKS_PER_SEC),
    sampleRate: WAVEFORM_SAMPLE_RATE,
    pcm: pcm16(samples.subarray(0, MAX_SCRUB_SEC * WAVEFORM_SAMPLE_RATE))
  }
}
