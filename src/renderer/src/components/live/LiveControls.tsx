import { useLive } from '../../store/live-store'
import { formatClipTime } from '../drive-text'
import { recordTake, stopTake } from './live-takes'

/** Set neutral, Record (3-2-1) and Stop, and the punch-in range. */
export function LiveControls() {
  const live = useLive((s) => s.status.kind === 'live')
  const neutral = useLive((s) => s.neutral)
  const recording = useLive((s) => s.recording)
  const setNeutral = () => void window.mimesis.liveSetNeutral().catch(() => undefined)
  const idle = recording.phase === 'idle'
  const neutralText =
    neutral == null
      ? 'Waiting for a face…'
      : neutral.state === 'collecting'
        ? `Taking the neutral face… ${Math.round(neutral.progress * 100)} %`
        : neutral.auto
          ? 'Neutral face taken automatically. Look at the camera with a relaxed face and Set neutral.'
          : 'Neutral face set.'
  return (
    <div className="live-controls">
      <div className="live-controls__row">
        <button
          type="button"
          className="button"
          disabled={!live || !idle}
          onClick={setNeutral}
          data-testid="live-set-neutral"
          title="Take your relaxed, frontal face as the reference (half a second of frames)"
        >
          Set neutral
        </button>
        <span
          className="live-controls__neutral"
          data-testid="live-neutral"
          data-state={neutral?.state ?? 'none'}
          data-count={neutral?.count ?? 0}
        >
          {neutralText}
        </span>
      </div>
      <div className="live-controls__row">
        {idle ? (
          <button
            type="button"
            className="button button--primary"
            disabled={!live || neutral?.state !== 'set'}
            onClick={recordTake}
            data-testid="live-record"
          >
            Record
          </button>
        ) : (
          <button
            type="button"
            className="button button--primary"
            disabled={recording.phase === 'stopping'}
            onClick={() => void stopTake()}
            data-testid="live-stop"
          >
            Stop
          </button>
        )}
        <RecordingState />
      </div>
      <PunchInFields disabled={!idle} />
    </div>
  )
}

function RecordingState() {
  const recording = useLive((s) => s.recording)
  if (recording.phase === 'countdown') {
    return (
      <span className="live-controls__countdown" data-testid="live-countdown" aria-live="assertive">
        {recording.count}
      </span>
    )
  }
  if (recording.phase === 'recording') {
    return (
      <span
        className="live-controls__recording"
        data-testid="live-recording"
        data-seconds={recording.seconds.toFixed(3)}
        data-frames={recording.frames}
      >
        ● Recording {formatClipTime(recording.seconds)} · {recording.frames} frames
      </span>
    )
  }
  return null
}

function PunchInFields({ disabled }: { disabled: boolean }) {
  const punchIn = useLive((s) => s.punchIn)
  const setPunchIn = useLive((s) => s.setPunchIn)
  const seconds = (value: string) => Math.max(0, Number(value) || 0)
  return (
    <fieldset className="live-controls__row live-controls__punch" disabled={disabled}>
      <label>
        <input
          type="checkbox"
          checked={punchIn.enabled}
          onChange={(event) => setPunchIn({ enabled: event.target.checked })}
          data-testid="live-punch-in"
        />{' '}
        Punch in from
      </label>
      <input
        type="number"
        min={0}
        step={0.1}
        value={punchIn.start}
        aria-label="Punch-in start, seconds"
        onChange={(event) => setPunchIn({ start: seconds(event.target.value) })}
        data-testid="live-punch-start"
      />
      <span>to</span>
      <input
        type="number"
        min={0}
        step={0.1}
        value={punchIn.end}
        aria-label="Punch-in end, seconds"
        onChange={(event) => setPunchIn({ end: seconds(event.target.value) })}
        data-testid="live-punch-end"
      />
      <span>s</span>
    </fieldset>
  )
}
