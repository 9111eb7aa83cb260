// A canvas has no elements to query, so the key lanes publish what they show on `window.mimesisTimelineProbe`:
// the keys in the visible time range, with their marker's centre on the page and how each is drawn. It is
// read-only and computed on demand from the same geometry that draws the lanes (`visibleKeyRange`, `timeToX`);
// end-to-end tests and the UI bench read it. It also counts the lanes' drawings, so a test can check that
// scrubbing draws none. It exposes nothing the page's own script could not read.
import { useEffect, useRef, type RefObject } from 'react'
import type { Track } from '@shared/timeline'
import { KEY_MARKER_PAD } from './lane-painter'
import { timeToX, visibleKeyRange, type TimelineView } from './timeline-geometry'
import {
  TIMELINE_PROBE_GLOBAL,
  type ProbedKey,
  type ProbedRow,
  type TimelineProbe
} from './timeline-probe-types'
import type { SelectionByTrack } from './timeline-selection'
import { summaryTrackOf, type TimelineRow } from './track-groups'
import { isAudible, type TrackMix } from './track-mix'

/** What the lanes show now. */
export interface ProbeSource {
  readonly tracks: readonly Track[]
  readonly view: TimelineView
  readonly width: number
  readonly selection: SelectionByTrack
  readonly rows: RefObject<HTMLElement | null>
  readonly rowHeight: number
  /** The rows as shown (group headers and tracks) and the mix, for `rows()`. */
  readonly shownRows: readonly TimelineRow[]
  readonly mix: TrackMix
}

function probeRows(source: ProbeSource): ProbedRow[] {
  const { view, width, mix } = source
  const shown = (track: Track) => {
    const { first, end } = visibleKeyRange(track.keys, view, width, KEY_MARKER_PAD)
    return end - first
  }
  return source.shownRows.map((row) =>
    row.kind === 'group'
      ? {
          kind: 'group',
          id: row.group,
          collapsed: row.collapsed,
          shownKeys: shown(summaryTrackOf(row.group, row.tracks)),
          silent: row.tracks.every((t) => !isAudible(t.id, row.group, mix))
        }
      : {
          kind: 'track',
          id: row.track.id,
          collapsed: false,
          shownKeys: shown(row.track),
          silent: !isAudible(row.track.id, row.group, mix)
        }
  )
}

const paintsByTrack = new Map<string, number>()

/** Counts one drawing of a track's lane (so tests can check what does and does not redraw the lanes). */
export function notePaint(trackId: string): void {
  paintsByTrack.set(trackId, (paintsByTrack.get(trackId) ?? 0) + 1)
}

function paintCount(trackId?: string): number {
  if (trackId !== undefined) return paintsByTrack.get(trackId) ?? 0
  let total = 0
  for (const count of paintsByTrack.values()) total += count
  return total
}

export function probeKeys(source: ProbeSource, trackId?: string): ProbedKey[] {
  const { tracks, view, width, selection, rows, rowHeight } = source
  const rect = rows.current?.getBoundingClientRect()
  if (!rect || width <= 0) return []
  const out: ProbedKey[] = []
  tracks.forEach((track, row) => {
    if (trackId !== undefined && track.id !== trackId) return
    const { first, end } = visibleKeyRange(track.keys, view, width, KEY_MARKER_PAD)
    const selected = selection.get(track.id)
    // The lane canvas fills the row above its 1 px bottom border; markers sit at its middle.
    const clientY = rect.top + row * rowHeight + (rowHeight - 1) / 2
    for (const key of track.keys.slice(first, end))
      out.push({
        trackId: track.id,
        keyId: key.id,
        time: key.time,
        value: key.value,
        interpolation: key.interpolation,
        selected: selected?.has(key.id) ?? false,
        clientX: rect.left + timeToX(key.time, view, width),
        clientY
      })
  })
  return out
}

/** Publishes the probe while the lanes are mounted; `source` is read when the probe is called. */
export function useTimelineProbe(source: ProbeSource): void {
  const current = useRef(source)
  useEffect(() => {
    current.current = source
  })
  useEffect(() => {
    const probe: TimelineProbe = {
      rows: () => probeRows(current.current),
      keys: (trackId) => probeKeys(current.current, trackId),
      paints: paintCount
    }
    const global = window as unknown as Record<string, TimelineProbe | undefined>
    global[TIMELINE_PROBE_GLOBAL] = probe
    return () => {
      if (global[TIMELINE_PROBE_GLOBAL] === probe) delete global[TIMELINE_PROBE_GLOBAL]
    }
  }, [])
}
