import { useLive } from '../../store/live-store'
import { formatClipTime } from '../drive-text'
import { deleteTake, swapToTake } from './live-takes'

/** The takes recorded since the studio opened: which one is on the timeline, swap and delete. */
export function LiveTakes() {
  const takes = useLive((s) => s.takes)
  const active = useLive((s) => s.activeTakeId)
  const idle = useLive((s) => s.recording.phase === 'idle')
  if (takes.length === 0) return null
  return (
    <ul className="live-takes" aria-label="Takes" data-testid="live-takes">
      {takes.map((take) => (
        <li
          key={take.id}
          className={`live-takes__take${take.id === active ? ' live-takes__take--active' : ''}`}
          data-testid="live-take"
          data-active={take.id === active}
          data-frames={take.frames}
        >
          <span className="live-takes__name">{take.name}</span>
          <span className="live-takes__facts">
            at {formatClipTime(take.at)} · {formatClipTime(take.performance.durationSec)} · {take.keys} keys
          </span>
          <button
            type="button"
            className="button"
            disabled={!idle || take.id === active}
            onClick={() => swapToTake(take.id)}
            title="Put this take on the timeline instead of the one there now (one undo step)"
          >
            {take.id === active ? 'On the timeline' : 'Use'}
          </button>
          <button
            type="button"
            className="button"
            disabled={!idle}
            onClick={() => deleteTake(take.id)}
            title={take.id === active ? 'Delete the take and its keys (one undo step)' : 'Delete the take'}
          >
            Delete
          </button>
        </li>
      ))}
    </ul>
  )
}
