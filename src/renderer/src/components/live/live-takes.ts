// Recording, stopping, swapping and deleting takes. Each change to the document is one `commit` with
// history (one undo step); the takes list and the recording state live in the live store.
import { useDrive } from '../../store/drive-store'
import { useLive, type LiveTakeEntry } from '../../store/live-store'
import { useStudio } from '../../store/studio-store'
import { formatClipTime } from '../drive-text'
import { removeTakeKeys, swapTake } from './take-edits'

const notify = (tone: 'info' | 'error', text: string) => useStudio.getState().showNotice({ tone, text })
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** Opens Live mode (the action table's `liveMode`); says why not before the head is built. */
export function openLiveMode(): void {
  if (useStudio.getState().avatar.kind !== 'ready') {
    notify('info', 'Open a portrait first: Live mode drives the portrait’s head, once it is built.')
    return
  }
  if (useLive.getState().status.kind === 'closed') useLive.getState().openLive()
}

/** Seconds of the 3-2-1 countdown before a take starts. */
export const COUNTDOWN_STEPS = 3

/** Where the take being recorded goes on the timeline: the punch-in's start, or the playhead at Record. */
let takeAt = 0
let countdown: ReturnType<typeof setTimeout> | null = null

/** Record: counts 3, 2, 1 (a second each), then starts the take in the core. */
export function recordTake(): void {
  const live = useLive.getState()
  if (live.status.kind !== 'live' || live.recording.phase !== 'idle') return
  const { punchIn } = live
  if (punchIn.enabled && !(punchIn.end > punchIn.start)) {
    notify('info', 'The punch-in range is empty: set its end after its start.')
    return
  }
  takeAt = punchIn.enabled ? punchIn.start : useStudio.getState().playhead
  const step = (count: number) => {
    if (useLive.getState().status.kind !== 'live') return
    if (count > 0) {
      useLive.getState().setRecording({ phase: 'countdown', count })
      countdown = setTimeout(() => step(count - 1), 1000)
      return
    }
    countdown = null
    const { punchIn: range } = useLive.getState()
    window.mimesis
      .liveRecord({
        mode: useDrive.getState().options.mode,
        maxSec: range.enabled ? range.end - range.start : null
      })
      .then(() => useLive.getState().setRecording({ phase: 'recording', frames: 0, seconds: 0 }))
      .catch((error: unknown) => {
        useLive.getState().setRecording({ phase: 'idle' })
        notify('error', `The take did not start: ${messageOf(error)}`)
      })
  }
  step(COUNTDOWN_STEPS)
}

/** Bakes a take onto the timeline in place of the active take, as one undo step. */
function bakeTake(take: LiveTakeEntry, replacing: LiveTakeEntry | null): number {
  let keys = 0
  useStudio.getState().commit(
    (document) => {
      const outcome = swapTake(document, take, replacing)
      keys = outcome.keys
      return outcome.document
    },
    { history: true }
  )
  useLive.getState().setActiveTake(take.id)
  return keys
}

/**
 * Stop: ends the take in the core and bakes what it holds (also when the camera went away mid-take:
 * `reason` says so). A countdown that has not finished is called off.
 */
export async function stopTake(reason?: string): Promise<void> {
  const live = useLive.getState()
  if (countdown) {
    clearTimeout(countdown)
    countdown = null
    live.setRecording({ phase: 'idle' })
    return
  }
  if (live.recording.phase !== 'recording') return
  live.setRecording({ phase: 'stopping' })
  try {
    const recorded = await window.mimesis.liveStop()
    useLive.getState().setRecording({ phase: 'idle' })
    if (!recorded) {
      notify('info', 'The take holds no frame: nothing was baked.')
      return
    }
    const entry = useLive.getState().addTake({
      performance: recorded.performance,
      at: takeAt,
      frames: recorded.frames,
      keys: recorded.keys
    })
    const keys = bakeTake(entry, null)
    const why = reason ? `${reason} ` : ''
    notify(
      'info',
      `${why}Baked ${entry.name} (${recorded.frames} frames, ${keys} keys) at ${formatClipTime(entry.at)}. Undo (Ctrl+Z) takes it out again.`
    )
  } catch (error) {
    useLive.getState().setRecording({ phase: 'idle' })
    notify('error', `The take was not kept: ${messageOf(error)}`)
  }
}

/** Puts another take on the timeline in place of the active one (one undo step). */
export function swapToTake(id: number): void {
  const live = useLive.getState()
  const take = live.takes.find((t) => t.id === id)
  if (!take || live.activeTakeId === id) return
  const active = live.takes.find((t) => t.id === live.activeTakeId) ?? null
  const keys = bakeTake(take, active)
  notify(
    'info',
    `${take.name} is on the timeline now (${keys} keys). Undo (Ctrl+Z) brings back the one before.`
  )
}

/** Deletes a take from the list; the take on the timeline also takes its keys with it (one undo step). */
export function deleteTake(id: number): void {
  const live = useLive.getState()
  const take = live.takes.find((t) => t.id === id)
  if (!take) return
  if (live.activeTakeId === id) {
    useStudio.getState().commit((document) => removeTakeKeys(document, take), { history: true })
  }
  live.removeTake(id)
}
