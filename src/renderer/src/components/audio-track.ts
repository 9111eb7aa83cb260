// The project's audio track between the renderer (a granted file) and IPC (a token).
import type { AudioTrackRequest, OpenedAudio } from '@shared/ipc/contract'
import type { AudioTrack } from '../store/studio-store'

/** The audio of an opened or recovered project, as the store holds it. */
export function audioFromOpened(opened: OpenedAudio | null): AudioTrack | null {
  return opened ? { file: opened.file, startSec: opened.startSec, muted: opened.muted } : null
}

/** The audio as a save, autosave or export request carries it: the token, never a path. */
export function audioRequest(audio: AudioTrack | null): AudioTrackRequest | null {
  return audio ? { token: audio.file.token, startSec: audio.startSec, muted: audio.muted } : null
}
