import { useEffect } from 'react'
import { allKeyRefs, copyKeys, existingKeyRefs, removeKeys } from '@shared/timeline'
import { isModalOpen } from '../store/overlay-store'
import { useStudio } from '../store/studio-store'
import { useTimelineSelection } from '../store/timeline-selection-store'
import { keyTracksAt, pasteAt } from './timeline-commands'
import { tracksOf } from './timeline-selection'

function isTextInput(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) &&
    !(target instanceof HTMLInputElement && target.type === 'range')
  )
}

/**
 * Dope-sheet shortcuts, alongside the global ones in use-shortcuts.ts (Space, Ctrl+Z, Ctrl+S, Ctrl+O),
 * which this hook never handles:
 *   Delete / Backspace  remove the selected keys
 *   Ctrl/Cmd+C, +V      copy the selected keys; paste them at the playhead onto the same tracks
 *   Ctrl/Cmd+A          select every key
 *   K                   key the selection's tracks (or every track) at the playhead, current values
 *   Escape              clear the selection
 *   G                   curve view on / off
 *   Left / Right        previous / next frame (Shift: one second)
 *   Home / End          start / end of the work area
 * Every shortcut is listed in shortcut-list.ts, which the help overlay shows.
 */
export function useTimelineKeys(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTextInput(event.target) || isModalOpen()) return
      const studio = useStudio.getState()
      const timeline = useTimelineSelection.getState()
      const mod = event.ctrlKey || event.metaKey
      const key = event.key.toLowerCase()
      const selected = existingKeyRefs(studio.document, timeline.selected)

      if ((event.key === 'Delete' || event.key === 'Backspace') && !mod && !event.altKey) {
        if (selected.length === 0) return
        event.preventDefault()
        studio.commit((doc) => removeKeys(doc, selected), { history: true })
        timeline.clearSelection()
      } else if (mod && !event.shiftKey && !event.altKey && key === 'c') {
        if (selected.length === 0) return
        event.preventDefault()
        timeline.setClipboard(copyKeys(studio.document, selected))
      } else if (mod && !event.shiftKey && !event.altKey && key === 'v') {
        const clipboard = timeline.clipboard
        if (!clipboard) return
        event.preventDefault()
        const { document, pasted } = pasteAt(studio.document, clipboard, studio.playhead)
        studio.commit(() => document, { history: true })
        timeline.select(pasted)
      } else if (mod && !event.shiftKey && !event.altKey && key === 'a') {
        event.preventDefault()
        timeline.select(allKeyRefs(studio.document))
      } else if (key === 'k' && !mod && !event.altKey && !event.shiftKey) {
        event.preventDefault()
        const { document } = keyTracksAt(studio.document, tracksOf(selected), studio.playhead)
        studio.commit(() => document, { history: true })
      } else if (event.key === 'Escape' && selected.length > 0) {
        timeline.clearSelection()
      } else if (key === 'g' && !mod && !event.altKey && !event.shiftKey) {
        event.preventDefault()
        timeline.setCurveView(!timeline.curveView)
      } else if (
        ['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key) &&
        !mod &&
        !event.altKey &&
        // A focused slider keeps its own arrow keys.
        !(event.target instanceof HTMLInputElement)
      ) {
        if (studio.portrait.kind !== 'ready') return
        event.preventDefault()
        const { fps, workArea } = studio.document.settings
        const frame = Math.round(studio.playhead * fps)
        const step = event.shiftKey ? Math.round(fps) : 1
        studio.setPlaying(false)
        if (event.key === 'Home') studio.setPlayhead(workArea.in)
        else if (event.key === 'End') studio.setPlayhead(workArea.out)
        else studio.setPlayhead((frame + (event.key === 'ArrowLeft' ? -step : step)) / fps)
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
