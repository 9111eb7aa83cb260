import { useMemo } from 'react'
import type { AnimationDocument } from '@shared/timeline'
import { useStudio } from '../../store/studio-store'
import { useTimelineSelection } from '../../store/timeline-selection-store'
import { useTrackMix } from '../../store/track-mix-store'
import { filterTracks, orderTracks, trackLabel } from './timeline-tracks'
import { rowTracks, timelineRows, type TimelineRow } from './track-groups'

type Track = AnimationDocument['tracks'][number]

export interface TimelineRowsResult {
  /** The tracks shown, in order, filtered by the filter box (the curve view picks among them). */
  readonly tracks: readonly Track[]
  /** The dope sheet's rows: group headers and tracks, grouped unless a filter is typed. */
  readonly rows: readonly TimelineRow[]
  /** The rows as tracks (a header as a track without keys), for hit testing, focus and the probe. */
  readonly hitRows: readonly Track[]
}

/** The timeline's tracks and rows, recomputed only when the tracks, directions, filter or collapsed groups change. */
export function useTimelineRows(): TimelineRowsResult {
  const documentTracks = useStudio((s) => s.document.tracks)
  const directions = useStudio((s) => s.directions)
  const trackFilter = useTimelineSelection((s) => s.trackFilter)
  const collapsed = useTrackMix((s) => s.collapsed)
  return useMemo(() => {
    const labelOf = (track: Track) => trackLabel(track, directions)
    const tracks = filterTracks(orderTracks(documentTracks, directions), trackFilter, labelOf)
    const rows = timelineRows(tracks, directions, collapsed, trackFilter.trim() === '')
    return { tracks, rows, hitRows: rowTracks(rows) }
  }, [documentTracks, directions, trackFilter, collapsed])
}
