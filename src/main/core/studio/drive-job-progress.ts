import { randomBytes } from 'node:crypto'
import type { EventSink } from '../ipc/ports'

export interface DriveJobProgress {
  /** Emits an `onJobProgress` event of kind 'drive'; unforced ones within `intervalMs` of the last are dropped. */
  emit(fraction: number, message: string, etaMs: number | null, force?: boolean): void
}

/** The progress events of one drive job (tracking or retargeting), under one fresh job id. */
export function driveJobProgress(events: EventSink, intervalMs: number): DriveJobProgress {
  const jobId = randomBytes(8).toString('hex')
  let last = -Infinity
  return {
    emit(fraction, message, etaMs, force = true) {
      const now = performance.now()
      if (!force && now - last < intervalMs) return
      last = now
      events.emit('onJobProgress', {
        jobId,
        kind: 'drive',
        fraction: Math.min(1, Math.max(0, fraction)),
        message,
        etaMs: etaMs === null ? null : Math.max(0, etaMs)
      })
    }
  }
}
