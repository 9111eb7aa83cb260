// Which moment of the driving clip the picture-in-picture shows for a playhead: the clip was baked with
// its time 0 at `offsetSec` on the document clock, so the driver's time is playhead − offset.

export interface DriverPipTime {
  /** Driver time to show, seconds, on one of the clip's frames (clamped into the clip). */
  timeSec: number
  /** Where the playhead is relative to the clip; the picture is the clip's first or last frame outside it. */
  position: 'before' | 'inside' | 'after'
}

/**
 * The driver time for `playhead` (document seconds), snapped to the clip's frame grid (`fps`) so that
 * playback asks for each driver frame once. `durationSec` is the clip's length (first frame to the
 * end of the last).
 */
export function driverPipTime(
  playhead: number,
  offsetSec: number,
  clip: { durationSec: number; fps: number }
): DriverPipTime {
  const frameSec = 1 / clip.fps
  const lastFrame = Math.max(0, Math.round((clip.durationSec - frameSec) * clip.fps))
  const t = playhead - offsetSec
  // A millionth of a frame either way counts as on the frame (float error, e.g. 7 / 30).
  const epsilon = 1e-6 * frameSec
  if (t < -epsilon) return { timeSec: 0, position: 'before' }
  if (t >= clip.durationSec - epsilon) return { timeSec: lastFrame * frameSec, position: 'after' }
  const frame = Math.min(lastFrame, Math.floor(t * clip.fps + 1e-6))
  return { timeSec: frame * frameSec, position: 'inside' }
}
