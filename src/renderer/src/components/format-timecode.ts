/** `SS:FF` style timecode (seconds:frame) for a time in seconds at an fps, e.g. 01:12 at 24 fps. */
export function formatTimecode(timeSec: number, fps: number): string {
  const totalFrames = Math.round(timeSec * fps)
  const secondsPart = Math.floor(totalFrames / fps)
  const frame = totalFrames - secondsPart * fps
  const minutes = Math.floor(secondsPart / 60)
  const pad = (n: number, width: number) => String(n).padStart(width, '0')
  return `${pad(minutes, 2)}:${pad(secondsPart % 60, 2)}:${pad(frame, String(fps - 1).length)}`
}
