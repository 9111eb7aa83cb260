// The contract's sound schemas: a sound file the user adds to the project, its speech features, and its
// waveform for the timeline's sound lane.
import { z } from 'zod'
import { fileRefSchema, finite } from './base-schemas'

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

/** Sound files *Add sound…* offers (a video's sound can be added as well). */
export const SOUND_FILE_EXTENSIONS = ['wav', 'mp3', 'm4a', 'aac', 'flac', 'ogg', 'opus'] as const

/** A sound copied as .m4a for the project's audio track; seconds. */
export const addedSoundSchema = z.object({ file: fileRefSchema, durationSec: z.number().nonnegative() })
export type AddedSound = z.infer<typeof addedSoundSchema>

/** Longest sound the features are read for: the analysis stops at an hour. */
const MAX_FEATURE_FRAMES = 3600 * 120

const frames = <T extends z.ZodTypeAny>(item: T) => z.array(item).max(MAX_FEATURE_FRAMES)
const frameIndex = z.number().int().nonnegative()

export const speechFeaturesRequestSchema = z.object({
  token: fileRefSchema.shape.token,
  /** The document's frame rate: one feature value per video frame. */
  fps: finite.min(1).max(120)
})

/**
 * A sound's speech features on video frames (see `SpeechFeatures` in `src/shared/generate`), as plain arrays:
 * loudness and brightness 0..1, voiced 0 or 1, and frame indices of syllable peaks, phrase onsets and ends.
 */
export const speechFeaturesSchema = z.object({
  fps: z.number().positive(),
  loudness: frames(z.number().min(0).max(1)),
  voiced: frames(z.union([z.literal(0), z.literal(1)])),
  brightness: frames(z.number().min(0).max(1)),
  peaks: frames(frameIndex),
  onsets: frames(frameIndex),
  phraseEnds: frames(frameIndex)
})
export type SpeechFeaturesData = z.infer<typeof speechFeaturesSchema>
