import { useEffect } from 'react'
import { useDrive } from '../store/drive-store'

/** Feeds the core's 'drive' progress events (tracking and baking) into the drive store's job. */
export function useDriveProgress(): void {
  useEffect(
    () =>
      window.mimesis.onJobProgress((progress) => {
        if (progress.kind !== 'drive') return
        const { job, setJob } = useDrive.getState()
        if (job.phase === 'idle') return
        setJob({ ...job, fraction: progress.fraction, message: progress.message, etaMs: progress.etaMs })
      }),
    []
  )
}
