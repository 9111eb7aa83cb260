// The project's sound as the timeline has it: the waveform the core computed for the audio track's file
// (peaks and a low-rate copy to scrub with). Session state, never in history: it follows `audio`.
import { create } from 'zustand'
import type { AudioWaveform } from '@shared/ipc/audio-schemas'

export interface SoundState {
  /** The waveform, with the token of the file it is of; null while none is loaded. */
  readonly sound: { readonly token: string; readonly waveform: AudioWaveform } | null
  setSound(sound: SoundState['sound']): void
}

export const useSound = create<SoundState>()((set) => ({
  sound: null,
  setSound: (sound) => set({ sound })
}))
