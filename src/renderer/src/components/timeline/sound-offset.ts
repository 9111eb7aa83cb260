// Moving the project's sound along the timeline: where its time 0 plays (document seconds), on whole frames.
import { AUDIO_START_LIMIT_SEC } from '@shared/project/project-file'

/** `startSec` snapped to the document's frames and kept within the project format's limit. */
export function snapSoundStart(startSec: number, fps: number): number {
  const snapped = Math.round(startSec * fps) / fps
  return Math.min(AUDIO_START_LIMIT_SEC, Math.max(-AUDIO_START_LIMIT_SEC, snapped)) + 0
}

/** The sound's start after a horizontal drag of `dx` CSS px over a lane `width` px wide showing `span` s. */
export function soundStartAfterDrag(
  startSec: number,
  dx: number,
  span: number,
  width: number,
  fps: number
): number {
  return snapSoundStart(startSec + (dx * span) / Math.max(1, width), fps)
}

/** The sound's start after an arrow key: a frame, or a second with Shift; null for other keys. */
export function soundStartAfterKey(
  startSec: number,
  key: string,
  shift: boolean,
  fps: number
): number | null {
  const sign = key === 'ArrowRight' ? 1 : key === 'ArrowLeft' ? -1 : 0
  if (sign === 0) return null
  return snapSoundStart(startSec + sign * (shift ? 1 : 1 / fps), fps)
}
