import { type AnimationDocument, type DocumentSettings, type WorkArea } from './animation-document'
import { type Seconds, seconds, snapToFrame } from './units'

export const MAX_FPS = 240
/** One hour: far beyond any portrait animation, small enough to keep frame counts sane. */
export const MAX_DURATION_SEC = 3600
export const MAX_OUTPUT_SIZE = 8192

export type SettingsPatch = Partial<Pick<DocumentSettings, 'fps' | 'durationSec' | 'width' | 'height'>>

function check(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(`setSettings: ${message}`)
}

/**
 * Changes fps, duration or output size. Key times stay where they are in SECONDS (a key at 1.5 s
 * stays at 1.5 s after 30 -> 24 fps; it is not re-snapped, so evaluation is unchanged), and the
 * work area is clamped into the new duration. Keys beyond a shortened duration are kept (they
 * still shape the curve up to the end). Throws a RangeError naming the bad setting.
 */
export function setSettings(doc: AnimationDocument, patch: SettingsPatch): AnimationDocument {
  const next = { ...doc.settings, ...patch }
  check(
    Number.isFinite(next.fps) && next.fps > 0 && next.fps <= MAX_FPS,
    `fps must be in (0, ${MAX_FPS}], got ${next.fps}`
  )
  check(
    Number.isFinite(next.durationSec) && next.durationSec > 0 && next.durationSec <= MAX_DURATION_SEC,
    `durationSec must be in (0, ${MAX_DURATION_SEC}], got ${next.durationSec}`
  )
  for (const dim of ['width', 'height'] as const) {
    check(
      Number.isInteger(next[dim]) && next[dim] > 0 && next[dim] <= MAX_OUTPUT_SIZE,
      `${dim} must be an integer in 1..${MAX_OUTPUT_SIZE}, got ${next[dim]}`
    )
  }
  const workArea = clampWorkArea(next.workArea, next.durationSec, next.fps)
  const unchanged =
    next.fps === doc.settings.fps &&
    next.durationSec === doc.settings.durationSec &&
    next.width === doc.settings.width &&
    next.height === doc.settings.height &&
    workArea === doc.settings.workArea
  return unchanged ? doc : { ...doc, settings: { ...next, workArea } }
}

/**
 * The work area snapped to frames and clamped to [0, duration], at least one frame long. Returns
 * the input object when it already satisfies this.
 */
export function clampWorkArea(area: WorkArea, duration: Seconds, fps: number): WorkArea {
  const oneFrame = 1 / fps
  let start = Math.min(area.in, area.out)
  let end = Math.max(area.in, area.out)
  start = Math.min(Math.max(0, snapToFrame(seconds(start), fps)), Math.max(0, duration - oneFrame))
  end = Math.min(Math.max(snapToFrame(seconds(end), fps), start + oneFrame), duration)
  if (end <= start) end = Math.min(duration, start + oneFrame)
  if (start === area.in && end === area.out) return area
  return { in: seconds(start), out: seconds(end) }
}

/** Sets the work area (snapped to frames, clamped to the duration, swapped if reversed). */
export function setWorkArea(doc: AnimationDocument, inTime: Seconds, outTime: Seconds): AnimationDocument {
  if (!Number.isFinite(inTime) || !Number.isFinite(outTime)) {
    throw new RangeError(`setWorkArea: in and out must be finite seconds, got in=${inTime} out=${outTime}`)
  }
  const workArea = clampWorkArea({ in: inTime, out: outTime }, doc.settings.durationSec, doc.settings.fps)
  const current = doc.settings.workArea
  if (workArea.in === current.in && workArea.out === current.out) return doc
  return { ...doc, settings: { ...doc.settings, workArea } }
}
