import { resolve } from 'node:path'
import { MAX_EMBEDDED_AUDIO_BYTES, type ProjectAudio } from '@shared/project'
import { MimesisError } from '@shared/errors/mimesis-error'
import { describeFsError } from './project-io-errors'
import { FileTooLargeError, readRegularFile } from './read-regular-file'
import { sha256Bytes } from './sha256-file'

/** An audio file on disk that a project is to embed: the .m4a `extractAudio` wrote, and where it plays. */
export interface ProjectAudioInput {
  /** The AAC-in-MP4 file to embed. */
  readonly path: string
  /** Name shown for the audio (e.g. "take 3.m4a"); the path's own name is usually a cache name. */
  readonly fileName: string
  /** Document time, in seconds, at which the audio's time 0 plays; -3600..3600. */
  readonly startSec: number
  readonly muted: boolean
}

/** True when the bytes start like an ISO base media (MP4/M4A) file: a box whose type is `ftyp`. */
export function looksLikeMp4(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && String.fromCharCode(...bytes.subarray(4, 8)) === 'ftyp'
}

/**
 * Reads an audio file into the project's audio track (bytes embedded as base64, with their SHA-256).
 * Throws `ProjectIoError` when the file cannot be read, and a `MimesisError` with code
 * `AUDIO_TOO_LARGE` (over MAX_EMBEDDED_AUDIO_BYTES), `NOT_A_FILE` (a device, FIFO or folder) or
 * `AUDIO_NOT_MP4` (not an MP4/M4A file).
 * The place (`startSec`) is checked when the project is validated, on save.
 */
export async function readProjectAudio(input: ProjectAudioInput): Promise<ProjectAudio> {
  const path = resolve(input.path)
  let bytes: Buffer
  try {
    bytes = await readRegularFile(path, {
      what: 'The audio',
      maxBytes: MAX_EMBEDDED_AUDIO_BYTES,
      remedy: 'Extract the sound again.'
    })
  } catch (error) {
    if (error instanceof FileTooLargeError) throw tooLarge(path, error.sizeBytes)
    if (error instanceof MimesisError) throw error
    throw describeFsError(error, path, 'read the audio')
  }
  if (!looksLikeMp4(bytes)) {
    throw new MimesisError(
      'AUDIO_NOT_MP4',
      `${path} is not an MP4 audio file (.m4a), so it cannot be stored in the project. Extract the sound again.`
    )
  }
  return {
    kind: 'embedded',
    mime: 'audio/mp4',
    dataBase64: bytes.toString('base64'),
    sha256: sha256Bytes(bytes),
    fileName: input.fileName,
    startSec: input.startSec,
    muted: input.muted
  }
}

function tooLarge(path: string, bytes: number): MimesisError {
  const mib = (n: number): string => `${(n / (1024 * 1024)).toFixed(0)} MiB`
  return new MimesisError(
    'AUDIO_TOO_LARGE',
    `The audio ${path} is ${mib(bytes)}; a project can hold at most ${mib(MAX_EMBEDDED_AUDIO_BYTES)} of audio (about 2.9 hours at 160 kb/s). Use a shorter clip.`
  )
}
