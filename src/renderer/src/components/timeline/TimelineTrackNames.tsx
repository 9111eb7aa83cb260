import type { AnimationDocument, TrackId } from '@shared/timeline'
import { useTimelineSelection } from '../../store/timeline-selection-store'
import { useTrackMix } from '../../store/track-mix-store'
import type { TimelineRow, TrackGroupId } from './track-groups'
import { isAudible } from './track-mix'
import { SoundLaneName } from './TimelineSoundLane'
import { TRACK_HEIGHT } from './use-timeline-gestures'

type Track = AnimationDocument['tracks'][number]
type Target = { readonly track: string } | { readonly group: TrackGroupId }

/**
 * A row's mute and solo toggles. Their letters are drawn by CSS (`::before`), so a track name's text stays
 * its label alone; the buttons are named by aria-label.
 */
function MixButtons({ target, label }: { target: Target; label: string }) {
  const muted = useTrackMix((s) =>
    'track' in target ? s.mutedTracks.has(target.track) : s.mutedGroups.has(target.group)
  )
  const solo = useTrackMix((s) =>
    'track' in target ? s.soloTracks.has(target.track) : s.soloGroups.has(target.group)
  )
  const toggleMute = useTrackMix((s) => s.toggleMute)
  const toggleSolo = useTrackMix((s) => s.toggleSolo)
  return (
    <span className="track-mix">
      <button
        type="button"
        className="track-mix__button track-mix__button--mute"
        aria-pressed={muted}
        aria-label={`Mute ${label}`}
        title={`Mute ${label} in the preview (export keeps it)`}
        data-testid="track-mute"
        onClick={(event) => {
          event.stopPropagation()
          toggleMute(target)
        }}
      />
      <button
        type="button"
        className="track-mix__button track-mix__button--solo"
        aria-pressed={solo}
        aria-label={`Solo ${label}`}
        title={`Solo ${label}: the preview plays only soloed tracks`}
        data-testid="track-solo"
        onClick={(event) => {
          event.stopPropagation()
          toggleSolo(target)
        }}
      />
    </span>
  )
}

/** A group's header: a disclosure button that collapses the group to its summary row, and its mute and solo. */
function GroupName({ row }: { row: Extract<TimelineRow, { kind: 'group' }> }) {
  const toggleCollapsed = useTrackMix((s) => s.toggleCollapsed)
  return (
    <div className="track-group-name" style={{ height: TRACK_HEIGHT }} data-group-id={row.group}>
      <button
        type="button"
        className="track-group-name__toggle"
        aria-expanded={!row.collapsed}
        title={`${row.collapsed ? 'Expand' : 'Collapse'} ${row.label} (${row.tracks.length} tracks)`}
        data-testid="track-group-toggle"
        onClick={() => toggleCollapsed(row.group)}
      >
        <span className="track-group-name__arrow" aria-hidden="true">
          {row.collapsed ? '▸' : '▾'}
        </span>
        {row.label}
      </button>
      <MixButtons target={{ group: row.group }} label={row.label} />
    </div>
  )
}

/**
 * The track names beside the lanes, under a filter box (over the ruler's height): group headers and tracks,
 * each with mute and solo; in the curve view a click on a track's name shows that track's curve.
 */
export function TimelineTrackNames(props: {
  rows: readonly TimelineRow[]
  labelOf: (track: Track) => string
  curveView: boolean
  curveTrackId: TrackId | undefined
  onPickCurve: (id: TrackId) => void
}) {
  const { rows, labelOf, curveView, curveTrackId, onPickCurve } = props
  const filter = useTimelineSelection((s) => s.trackFilter)
  const setFilter = useTimelineSelection((s) => s.setTrackFilter)
  const mix = useTrackMix()
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
      <SoundLaneName />
      {rows.map((row) =>
        row.kind === 'group' ? (
          <GroupName key={`group:${row.group}`} row={row} />
        ) : (
          <div
            key={row.track.id}
            className={`track-name track-name--${row.track.kind}${
              curveView && row.track.id === curveTrackId ? ' track-name--curve' : ''
            }${isAudible(row.track.id, row.group, mix) ? '' : ' track-name--silent'}`}
            style={{ height: TRACK_HEIGHT }}
            data-track-id={row.track.id}
            title={curveView ? `Show ${labelOf(row.track)} in the curve view` : undefined}
            onClick={curveView ? () => onPickCurve(row.track.id) : undefined}
          >
            <span className="track-name__label">{labelOf(row.track)}</span>
            <MixButtons target={{ track: row.track.id }} label={labelOf(row.track)} />
          </div>
        )
      )}
    </div>
  )
}
