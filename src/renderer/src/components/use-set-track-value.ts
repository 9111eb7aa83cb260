import { useCallback } from 'react'
import { seconds, setKey, trackIdFor, type TrackKind } from '@shared/timeline'
import { useStudio } from '../store/studio-store'
import type { EditPhase } from './ParamSlider'

/**
 * What moving a slider does: with auto-key on, it keys the value at the playhead; on a track with no
 * keys yet it sets the track's constant value (a key at 0 s). A drag is one undo step: its first change
 * enters history, the rest replace it.
 */
export function useSetTrackValue() {
  const commit = useStudio((s) => s.commit)
  const showNotice = useStudio((s) => s.showNotice)
  return useCallback(
    (kind: TrackKind, name: string, value: number, phase: EditPhase) => {
      const { autoKey, playhead, document } = useStudio.getState()
      const trackId = trackIdFor(kind, name)
      const track = document.tracks.find((t) => t.id === trackId)
      if (!track) return
      if (!autoKey && track.keys.length > 0) {
        showNotice({
          tone: 'info',
          text: 'This parameter is animated: turn on Auto-key to key it at the playhead.'
        })
        return
      }
      const time = autoKey ? playhead : 0
      commit((doc) => setKey(doc, trackId, seconds(time), value).document, { history: phase === 'start' })
    },
    [commit, showNotice]
  )
}
