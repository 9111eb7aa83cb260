// Wording of the drive dialog, kept pure so it is tested without a browser.
import type { DriverSummary } from '@shared/ipc/contract'

/** 3.2 s, 12 s, 1 min 4.5 s */
export function formatClipTime(seconds: number): string {
  const s = Math.max(0, seconds)
  if (s < 60) return `${Number(s.toFixed(1))} s`
  return `${Math.floor(s / 60)} min ${Number((s % 60).toFixed(1))} s`
}

/** One sentence per stretch without a face; the first few, then how many more. */
export function describeGaps(gaps: DriverSummary['gaps'], max = 3): string[] {
  const lines = gaps
    .slice(0, max)
    .map(
      (gap) =>
        `No face from ${formatClipTime(gap.start)} to ${formatClipTime(gap.end)}: the head eases back to the reference there.`
    )
  if (gaps.length > max) lines.push(`…and ${gaps.length - max} more stretches without a face.`)
  return lines
}

/** "driver.mp4 · 45 frames at 15 fps · 3 s · face in every frame · with sound" */
export function describeDriver(driver: DriverSummary): string {
  const face =
    driver.framesWithFace === driver.frames
      ? 'face in every frame'
      : `face in ${driver.framesWithFace} of ${driver.frames} frames`
  return [
    `${driver.frames} frames at ${Number(driver.fps.toFixed(2))} fps`,
    formatClipTime(driver.durationSec),
    face,
    driver.hasAudio ? 'with sound' : 'no sound'
  ].join(' · ')
}
