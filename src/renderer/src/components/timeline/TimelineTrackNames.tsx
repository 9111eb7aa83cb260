import type { AnimationDocument, TrackId } from '@shared/timeline'
import { useTimelineSelection } from '../../store/timeline-selection-store'
import { TRACK_HEIGHT } from './use-timeline-gestures'

type Track = AnimationDocument['tracks'][number]

/**
 * The track names beside the lanes, under a filter box (over the ruler's height); in the curve view a click
 * shows that track's curve.
 */
export function TimelineTrackNames(props: {
  tracks: readonly Track[]
  labelOf: (track: Track) => string
  curveView: boolean
  curveTrackId: TrackId | undefined
  onPickCurve: (id: TrackId) => void
}) {
  const { tracks, labelOf, curveView, curveTrackId, onPickCurve } = props
  const filter = useTimelineSelection((s) => s.trackFilter)
  const setFilter = useTimelineSelection((s) => s.setTrackFilter)
  return (
    <div className={`timeline__names${curveView ? ' timeline__names--pick' : ''}`}>
      <div className="timeline__ruler-spacer">
        <input
          type="search"
          className="timeline__filter"
          placeholder="Filter tracks"
          aria-label="Filter tracks"
          data-testid="track-filter"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && filter) {
              event.preventDefault()
              setFilter('')
            }
          }}
        />
      </div>
      {tracks.map((track) => (
        <div
          key={track.id}
          className={`track-name track-name--${track.kind}${
            curveView && track.id === curveTrackId ? ' track-name--curve' : ''
          }`}
          style={{ height: TRACK_HEIGHT }}
          data-track-id={track.id}
          title={curveView ? `Show ${labelOf(track)} in the curve view` : undefined}
          onClick={curveView ? () => onPickCurve(track.id) : undefined}
        >
          {labelOf(track)}
        </div>
      ))}
    </div>
  )
}
