// Which part of the sound each device pixel column of the sound lane shows (pure).
import { xToTime, type TimelineView } from './timeline-geometry'

export interface WaveformSource {
  /** The loudest |sample| per bucket, 0..255. */
  readonly peaks: Uint8Array
  readonly peaksPerSec: number
  /** Document time (s) at which the sound's time 0 plays. */
  readonly startSec: number
}

/**
 * The loudest peak (0..1) under each of `columns` device pixel columns of a lane `width` CSS px wide: the
 * maximum of the buckets the column's time span covers (at least the one bucket under its centre), 0 where
 * the column is before or after the sound.
 */
export function waveformColumns(
  source: WaveformSource,
  view: TimelineView,
  width: number,
  columns: number
): Float32Array {
  const out = new Float32Array(columns)
  const { peaks, peaksPerSec, startSec } = source
  const cssPerColumn = width / columns
  for (let c = 0; c < columns; c++) {
    const from = (xToTime(c * cssPerColumn, view, width) - startSec) * peaksPerSec
    const to = (xToTime((c + 1) * cssPerColumn, view, width) - startSec) * peaksPerSec
    const first = Math.max(0, Math.floor(from))
    const end = Math.min(peaks.length, Math.max(first + 1, Math.ceil(to)))
    if (to < 0 || first >= peaks.length) continue
    let peak = 0
    for (let b = first; b < end; b++) if (peaks[b]! > peak) peak = peaks[b]!
    out[c] = peak / 255
  }
  return out
}
