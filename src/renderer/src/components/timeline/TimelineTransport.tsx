import { useStudio } from '../../store/studio-store'
import { useTimelineSelection } from '../../store/timeline-selection-store'
import { AudioMuteToggle } from '../AudioMuteToggle'
import { formatTimecode } from '../format-timecode'
import { useProjectSettingsDialog } from '../dialogs/ProjectSettingsDialog'

/** The bar above the lanes: play, loop, curve view, timecode, selection count, settings, sound, zoom to fit. */
export function TimelineTransport({ zoomed }: { zoomed: boolean }) {
  const playing = useStudio((s) => s.playing)
  const looping = useStudio((s) => s.looping)
  const setPlaying = useStudio((s) => s.setPlaying)
  const toggleLoop = useStudio((s) => s.toggleLoop)
  const enabled = useStudio((s) => s.portrait.kind === 'ready')
  const settings = useStudio((s) => s.document.settings)
  const selectedCount = useTimelineSelection((s) => s.selected.length)
  const curveView = useTimelineSelection((s) => s.curveView)
  const setCurveView = useTimelineSelection((s) => s.setCurveView)
  const setZoom = useTimelineSelection((s) => s.setZoom)
  const { fps, durationSec } = settings
  return (
    <div className="timeline__transport">
      <button
        type="button"
        className="button button--icon"
        aria-label={playing ? 'Pause' : 'Play'}
        title="Play / pause (Space)"
        disabled={!enabled}
        onClick={() => setPlaying(!playing)}
      >
        {playing ? '❚❚' : '▶'}
      </button>
      <button
        type="button"
        className={`button button--icon${looping ? ' button--active' : ''}`}
        aria-pressed={looping}
        aria-label="Loop"
        title="Loop playback"
        onClick={toggleLoop}
      >
        ⟲
      </button>
      <button
        type="button"
        className={`chip${curveView ? ' chip--on' : ''}`}
        aria-pressed={curveView}
        title="Curve view (G): one track's value over time, with Bézier handles. Click a track name to show it."
        data-testid="curve-view-toggle"
        onClick={() => setCurveView(!curveView)}
      >
        Curves
      </button>
      <PlayheadTimecode fps={fps} />
      {selectedCount > 0 && (
        <span className="timeline__selection" data-testid="key-selection-count">
          {selectedCount} key{selectedCount === 1 ? '' : 's'} selected
        </span>
      )}
      <button
        type="button"
        className="timeline__meta"
        title="Animation settings: frame rate, duration, output size"
        data-testid="animation-settings"
        onClick={() => useProjectSettingsDialog.getState().setOpen(true)}
      >
        {fps} fps · {durationSec.toFixed(1)} s · {settings.width}×{settings.height}
      </button>
      <AudioMuteToggle />
      <button
        type="button"
        className="button button--icon"
        aria-label="Zoom to fit"
        title="Zoom to fit (Ctrl+wheel over the lanes zooms, Shift+wheel pans)"
        disabled={!zoomed}
        onClick={() => setZoom({ zoom: 1, start: 0 })}
      >
        ⤢
      </button>
    </div>
  )
}

// The playhead moves every frame while playing or scrubbing. Only the timecode and the playhead line follow
// it, so the track lanes (thousands of keys in a dense project) do not re-render with it.
function PlayheadTimecode({ fps }: { fps: number }) {
  const playhead = useStudio((s) => s.playhead)
  return (
    <span className="timecode" data-testid="timecode">
      {formatTimecode(playhead, fps)}
    </span>
  )
}
