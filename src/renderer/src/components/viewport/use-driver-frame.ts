import { useEffect, useRef, useState } from 'react'
import type { DriverFrame, DriverSummary } from '@shared/ipc/contract'
import { useDrive } from '../../store/drive-store'
import { createLatestWins, type LatestWins } from '../latest-wins'

interface FrameRequest {
  timeSec: number
  maxSide: number
}

/**
 * The picture of the tracked driver at `timeSec` (null: none wanted), fetched latest-wins: while one
 * frame decodes, newer times replace the one waiting, so playback never queues stale frames. The last
 * picture stays on screen until the next arrives; a new driver clears it.
 */
export function useDriverFrame(timeSec: number | null, maxSide: number): DriverFrame | null {
  const driver = useDrive((s) => s.driver)
  // Kept with the driver it shows, so a picture of an earlier driver is never returned.
  const [shown, setShown] = useState<{ driver: DriverSummary; frame: DriverFrame } | null>(null)
  const fetcher = useRef<LatestWins<FrameRequest> | null>(null)

  useEffect(() => {
    if (!driver) return
    const latest = createLatestWins<FrameRequest, DriverFrame>(
      (request) => window.mimesis.driverFrame(request),
      {
        onResult: (frame) => setShown({ driver, frame }),
        // A missing picture is not worth a notice: the next request tries again.
        onError: () => undefined,
        key: (request) => `${request.timeSec.toFixed(4)}@${request.maxSide}`
      }
    )
    fetcher.current = latest
    return () => {
      latest.dispose()
      fetcher.current = null
    }
  }, [driver])

  useEffect(() => {
    if (timeSec !== null && driver) fetcher.current?.request({ timeSec, maxSide })
  }, [timeSec, maxSide, driver])

  return shown !== null && shown.driver === driver ? shown.frame : null
}
