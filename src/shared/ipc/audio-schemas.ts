import { z } from 'zod'
import { fileRefSchema } from './base-schemas'

const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected bytes')

export const audioWaveformRequestSchema = z.object({ token: fileRefSchema.shape.token })

/** A sound as the timeline's sound lane draws and scrubs it (computed once per file in the core). */
export const audioWaveformSchema = z.object({
  durationSec: z.number().nonnegative(),
  /** Buckets per second of `peaks`. */
  peaksPerSec: z.number().positive(),
  /** The loudest |sample| of each bucket, 0..255 (full scale). */
  peaks: bytes,
  /** Rate of `pcm`, Hz. */
  sampleRate: z.number().int().positive(),
  /** Mono 16-bit little-endian PCM from the sound's start (at most its first ten minutes). */
  pcm: bytes
})
export type AudioWaveform = z.infer<typeof audioWaveformSchema>
