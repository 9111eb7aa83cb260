// The Generate dialog's *Speech* source: the project's sound read by the core into speech features on the
// document's frames, fetched when speech is asked for and again when the sound, its start or the rate change.
import { useEffect } from 'react'
import type { SpeechFeatures } from '@shared/generate'
import type { SpeechFeaturesData } from '@shared/ipc/contract'
import { useGenerate } from '../store/generate-store'
import { useStudio } from '../store/studio-store'

/** The features as the generators take them (typed arrays per frame). */
export function speechFeaturesFromData(data: SpeechFeaturesData): SpeechFeatures {
  return {
    fps: data.fps,
    loudness: Float32Array.from(data.loudness),
    voiced: Uint8Array.from(data.voiced),
    brightness: Float32Array.from(data.brightness),
    peaks: data.peaks,
    onsets: data.onsets,
    phraseEnds: data.phraseEnds
  }
}

/** Keeps `useGenerate().speech` in step with the project's sound while `active` (the dialog asks for speech). */
export function useSpeechSource(active: boolean): void {
  const audio = useStudio((s) => s.audio)
  const fps = useStudio((s) => s.document.settings.fps)
  useEffect(() => {
    if (!active) return
    const { setSpeech } = useGenerate.getState()
    if (!audio) {
      setSpeech({ status: 'none' })
      return
    }
    const key = `${audio.file.token}@${audio.startSec}@${fps}`
    const current = useGenerate.getState().speech
    if (current.status !== 'none' && current.key === key && current.status !== 'failed') return
    const name = audio.file.name
    setSpeech({ status: 'loading', key, name })
    const stillWanted = () => {
      const now = useGenerate.getState().speech
      return now.status === 'loading' && now.key === key
    }
    window.mimesis
      .speechFeatures({ token: audio.file.token, fps })
      .then((data) => {
        if (!stillWanted()) return
        const layer = { features: speechFeaturesFromData(data), startSec: audio.startSec }
        setSpeech({ status: 'ready', key, name, layer })
      })
      .catch((error: unknown) => {
        if (!stillWanted()) return
        const message = error instanceof Error ? error.message : String(error)
        setSpeech({ status: 'failed', key, name, message })
      })
  }, [active, audio, fps])
}
