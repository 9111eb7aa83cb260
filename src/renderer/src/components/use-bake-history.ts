import { useEffect } from 'react'
import { useDrive } from '../store/drive-store'
import { useStudio } from '../store/studio-store'
import { bakeHistory } from './bake-history'

/**
 * When undo or redo lands on a document a bake recorded, brings back the audio track and the driver's
 * offset that go with it: undoing a bake takes its sound out too.
 */
export function useBakeHistory(): void {
  useEffect(
    () =>
      useStudio.subscribe((state, previous) => {
        if (state.document === previous.document) return
        const effects = bakeHistory.effectsFor(state.document)
        if (!effects) return
        if (state.audio !== effects.audio) state.setAudio(effects.audio)
        useDrive.getState().setBakeOffset(effects.bakeOffsetSec)
      }),
    []
  )
}
