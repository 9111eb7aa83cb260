import { useEffect } from 'react'
import { packDocument, type AnimationDocument } from '@shared/timeline'
import { selectDirty, useStudio, type AudioTrack, type StudioState } from '../store/studio-store'
import { audioRequest } from './audio-track'

/** How often unsaved work is written for crash recovery: a crash never loses more than this. */
export const AUTOSAVE_INTERVAL_MS = 30_000

interface Written {
  document: AnimationDocument
  portraitToken: string
  faceIndex: number
  projectToken: string | null
  audio: AudioTrack | null
}

// Module state: there is one studio per window, and the close prompt flushes through the same path.
let written: Written | null = null
let running: Promise<void> = Promise.resolve()

function unsavedWork(state: StudioState): Written | null {
  if (state.portrait.kind !== 'ready' || !selectDirty(state)) return null
  return {
    document: state.document,
    portraitToken: state.portrait.file.token,
    faceIndex: state.portrait.faceIndex,
    projectToken: state.project?.file.token ?? null,
    audio: state.audio
  }
}

function sameWork(a: Written | null, b: Written): boolean {
  return (
    a !== null &&
    a.document === b.document &&
    a.portraitToken === b.portraitToken &&
    a.faceIndex === b.faceIndex &&
    a.projectToken === b.projectToken &&
    a.audio === b.audio
  )
}

function serial(task: () => Promise<void>): Promise<void> {
  running = running.then(task, task)
  return running
}

/**
 * Writes the unsaved work now if it changed since the last write (every 30 s, and before the window
 * closes). Failures are logged, not shown: autosave must never interrupt work.
 */
export function flushAutosave(): Promise<void> {
  return serial(async () => {
    const work = unsavedWork(useStudio.getState())
    if (!work || sameWork(written, work)) return
    try {
      await window.mimesis.writeAutosave({
        ...work,
        document: packDocument(work.document),
        audio: audioRequest(work.audio)
      })
      written = work
    } catch (error) {
      void window.mimesis
        .writeLog({ level: 'warn', message: `Autosave failed: ${String(error)}` })
        .catch(() => undefined)
    }
  })
}

/** Removes this run's autosave (the work was saved, undone back to clean, or deliberately discarded). */
export function clearAutosave(): Promise<void> {
  return serial(async () => {
    if (written === null) return
    written = null
    await window.mimesis.clearAutosave().catch(() => undefined)
  })
}

/** After recovery the core has already made the recovered work this run's autosave. */
export function noteRecoveredAutosave(): void {
  written = unsavedWork(useStudio.getState())
}

/** Autosaves unsaved work every 30 s; once the work is clean again, its autosave goes. */
export function useAutosave(): void {
  useEffect(() => {
    const timer = window.setInterval(() => void flushAutosave(), AUTOSAVE_INTERVAL_MS)
    const unsubscribe = useStudio.subscribe((state, previous) => {
      if (written !== null && selectDirty(previous) && !selectDirty(state)) void clearAutosave()
    })
    return () => {
      window.clearInterval(timer)
      unsubscribe()
    }
  }, [])
}
