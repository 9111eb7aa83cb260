// The project's sound from a file the user picks (*Add sound…*), and the speech features the Generate
// dialog's *Speech* reads from it. The path only ever comes from the dialog; the renderer gets a token.
import { mkdir } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { basename, extname, join } from 'node:path'
import { MimesisError } from '@shared/errors/mimesis-error'
import { speechFeatures, type SpeechFeatures } from '@shared/generate'
import {
  SOUND_FILE_EXTENSIONS,
  type AddedSound,
  type FileRef,
  type SpeechFeaturesData
} from '@shared/ipc/contract'
import type { FileGrants } from '../ipc/file-grants'
import type { DialogPort } from '../ipc/ports'
import { ANALYSIS_SAMPLE_RATE, decodeAudioSamples } from '../media/decode-audio-samples'
import { defaultFfmpeg } from '../media/default-ffmpeg'
import { extractAudio } from '../media/extract-audio'

/** Sounds whose features are kept: the project's sound at a rate or two. */
const FEATURE_CACHE_SIZE = 4

export interface SoundFilesDeps {
  grants: FileGrants
  dialogs: DialogPort
  /** Folder for the sound copies (.m4a) the project's audio track points at. */
  audioDir: string
}

/** Speech features as plain arrays, the shape they cross IPC in (see speechFeaturesSchema). */
function speechFeaturesData(features: SpeechFeatures): SpeechFeaturesData {
  return {
    fps: features.fps,
    loudness: Array.from(features.loudness),
    voiced: Array.from(features.voiced, (v) => (v ? 1 : 0)),
    brightness: Array.from(features.brightness),
    peaks: [...features.peaks],
    onsets: [...features.onsets],
    phraseEnds: [...features.phraseEnds]
  }
}

/**
 * *Add sound…*: the chosen recording (or a video's sound) is copied as AAC in .m4a, the format the studio
 * keeps sound in (embedded in the project on save, muxed on export), and granted. *Speech*: the features
 * of a granted sound on the document's frames (loudness, voice activity, syllable peaks, phrases).
 */
export function createSoundFiles(deps: SoundFilesDeps) {
  /** Speech features per sound and frame rate (a sound file never changes under its token), the newest few. */
  const features = new Map<string, Promise<SpeechFeaturesData>>()
  return {
    async open(): Promise<AddedSound | null> {
      const path = await deps.dialogs.openFile({
        title: 'Add sound',
        filters: [
          { name: 'Sound', extensions: [...SOUND_FILE_EXTENSIONS] },
          { name: 'Video with sound', extensions: ['mp4', 'mov', 'webm', 'mkv'] }
        ]
      })
      if (path === null) return null
      const folder = join(deps.audioDir, randomBytes(8).toString('hex'))
      await mkdir(folder, { recursive: true })
      const stem = basename(path, extname(path)) || 'sound'
      const written = await extractAudio(path, join(folder, `${stem}.m4a`))
      if (!written) {
        throw new MimesisError(
          'unsupported-format',
          `"${basename(path)}" has no sound. Choose a recording (WAV, MP3, AAC, FLAC or OGG) or a video with sound.`
        )
      }
      if (written.durationSec <= 0) {
        throw new MimesisError(
          'unsupported-format',
          `"${basename(path)}" holds no audible sound: it is empty.`
        )
      }
      return { file: await deps.grants.grant(written.path), durationSec: written.durationSec }
    },

    /** The speech features of a granted sound at `fps`; computed once per sound and rate. */
    speech(file: Pick<FileRef, 'token'>, fps: number): Promise<SpeechFeaturesData> {
      const key = `${file.token}@${fps}`
      let pending = features.get(key)
      if (!pending) {
        const path = deps.grants.resolve(file.token)
        pending = defaultFfmpeg()
          .then((ffmpeg) => decodeAudioSamples(path, { ffmpeg }))
          .then((samples) => speechFeaturesData(speechFeatures(samples, ANALYSIS_SAMPLE_RATE, fps)))
        pending.catch(() => features.delete(key))
        features.set(key, pending)
        if (features.size > FEATURE_CACHE_SIZE) features.delete(features.keys().next().value!)
      }
      return pending
    }
  }
}

export type SoundFiles = ReturnType<typeof createSoundFiles>
