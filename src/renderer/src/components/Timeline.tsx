import { useRef, type PointerEvent as ReactPointerEvent } from 'react'
import { useStudio } from '../store/studio-store'
import { REGION_ORDER } from '../store/direction-catalog'
import { formatTimecode } from './format-timecode'
import { usePlayback } from './use-playback'

const TRACK_HEIGHT = 22

export function Timeline() {
  const document = useStudio((s) => s.document)
  const directions = useStudio((s) => s.directions)
  const playhead = useStudio((s) => s.playhead)
  const playing = useStudio((s) => s.playing)
  const looping = useStudio((s) => s.looping)
  const setPlayhead = useStudio((s) => s.setPlayhead)
  const setPlaying = useStudio((s) => s.setPlaying)
  const toggleLoop = useStudio((s) => s.toggleLoop)
  const enabled = useStudio((s) => s.portrait.kind === 'ready')
  const lanesRef = useRef<HTMLDivElement>(null)
  usePlayback()

  const { durationSec, fps, workArea } = document.settings
  const toPercent = (time: number) => `${(time / durationSec) * 100}%`
  const labelOf = (name: string) => directions.find((d) => d.name === name)?.label ?? name
  const regionRank = (name: string) =>
    REGION_ORDER.indexOf(directions.find((d) => d.name === name)?.region ?? 'nose')
  const tracks = [...document.tracks].sort((a, b) =>
    a.kind === b.kind
      ? a.kind === 'expression'
        ? regionRank(a.name) - regionRank(b.name)
        : 0
      : a.kind === 'camera'
        ? 1
        : -1
  )
  const ticks = Array.from({ length: Math.floor(durationSec) + 1 }, (_, i) => i)

  const scrub = (event: ReactPointerEvent<HTMLDivElement>) => {
    const lanes = lanesRef.current
    if (!lanes) return
    const rect = lanes.getBoundingClientRect()
    const fraction = Math.min(Math.max((event.clientX - rect.left) / rect.width, 0), 1)
    setPlayhead(Math.round(fraction * durationSec * fps) / fps)
  }

  return (
    <section className="timeline" aria-label="Timeline" data-testid="timeline">
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
        <span className="timecode" data-testid="timecode">
          {formatTimecode(playhead, fps)}
        </span>
        <span className="timeline__meta">
          {fps} fps · {durationSec.toFixed(1)} s · {document.settings.width}×{document.settings.height}
        </span>
      </div>
      <div className="timeline__body">
        <div className="timeline__names">
          <div className="timeline__ruler-spacer" />
          {tracks.map((track) => (
            <div
              key={track.id}
              className={`track-name track-name--${track.kind}`}
              style={{ height: TRACK_HEIGHT }}
            >
              {track.kind === 'camera' ? track.name : labelOf(track.name)}
            </div>
          ))}
        </div>
        <div
          className="timeline__lanes"
          ref={lanesRef}
          onPointerDown={(event) => {
            event.currentTarget.setPointerCapture(event.pointerId)
            scrub(event)
          }}
          onPointerMove={(event) => {
            if (event.buttons === 1) scrub(event)
          }}
        >
          <div className="ruler">
            {ticks.map((t) => (
              <span key={t} className="ruler__tick" style={{ left: toPercent(t) }}>
                {t}s
              </span>
            ))}
            <span
              className="work-area"
              style={{ left: toPercent(workArea.in), width: toPercent(workArea.out - workArea.in) }}
            />
          </div>
          {tracks.map((track) => (
            <div key={track.id} className="lane" style={{ height: TRACK_HEIGHT }}>
              {track.keys.map((key) => (
                <span
                  key={key.id}
                  className={`key key--${key.interpolation}`}
                  style={{ left: toPercent(key.time) }}
                  title={`${key.time.toFixed(2)} s = ${key.value.toFixed(2)}`}
                />
              ))}
            </div>
          ))}
          <div className="playhead" style={{ left: toPercent(playhead) }} data-testid="playhead" />
        </div>
      </div>
    </section>
  )
}
