import type { AnimationDocument, TrackId } from '@shared/timeline'
import { TRACK_HEIGHT } from './use-timeline-gestures'

type Track = AnimationDocument['tracks'][number]

/** The track names beside the lanes; in the curve view a click shows that track's curve. */
export function TimelineTrackNames(props: {
  tracks: readonly Track[]
  labelOf: (track: Track) => string
  curveView: boolean
  curveTrackId: TrackId | undefined
  onPickCurve: (id: TrackId) => void
}) {
  const { tracks, labelOf, curveView, curveTrackId, onPickCurve } = props
  return (
    <div className={`timeline__names${curveView ? ' timeline__names--pick' : ''}`}>
      <div className="timeline__ruler-spacer" />
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
