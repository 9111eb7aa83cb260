import { useEffect, useState } from 'react'
import { MimesisIpcError } from '@shared/ipc/api'
import { useStudio } from '../store/studio-store'
import { afterNextPaint } from './after-next-paint'

/** Builds the animatable avatar whenever the portrait or the chosen face changes. */
export function useAvatar() {
  const token = useStudio((s) => (s.portrait.kind === 'ready' ? s.portrait.file.token : null))
  const faceIndex = useStudio((s) => (s.portrait.kind === 'ready' ? s.portrait.faceIndex : 0))
  const setAvatar = useStudio((s) => s.setAvatar)
  // A build cut short by an engine restart is started again in the new engine.
  const [attempt, setAttempt] = useState(0)

  useEffect(
    () =>
      window.mimesis.onCoreRestarted(() => {
        if (useStudio.getState().avatar.kind !== 'ready') setAttempt((n) => n + 1)
      }),
    []
  )

  useEffect(() => {
    if (token === null) {
      setAvatar({ kind: 'none' })
      return
    }
    let cancelled = false
    setAvatar({ kind: 'building' })
    // Asked for once the frame that shows the new portrait (and an opened project's timeline) is on screen:
    // the build keeps the engine busy for seconds on the CPUs that frame is drawn with.
    const cancelBuild = afterNextPaint(() => {
      window.mimesis
        .buildAvatar({ token, faceIndex })
        .then((info) => {
          if (!cancelled) setAvatar({ kind: 'ready', info })
        })
        .catch((error: unknown) => {
          if (cancelled) return
          const message =
            error instanceof MimesisIpcError || error instanceof Error ? error.message : String(error)
          setAvatar({ kind: 'failed', message })
        })
    })
    return () => {
      cancelled = true
      cancelBuild()
    }
  }, [token, faceIndex, setAvatar, attempt])
}
