export interface InputHeader {
  durationSec: number | null
  /** The stream's nominal rate as ffmpeg prints it ("25 fps"); null when absent. */
  fps: number | null
}

/** Reads the duration and frame rate of input #0 from ffmpeg's stderr banner. Pure. */
export function parseInputHeader(stderr: string): InputHeader {
  const duration = /Duration:\s*(\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(stderr)
  const fps = /Stream #0:\d+.*?: Video: .*?, (\d+(?:\.\d+)?) fps/.exec(stderr)
  return {
    durationSec:
      duration == null
        ? null
        : Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number.parseFloat(duration[3] ?? '0'),
    fps: fps == null ? null : Number.parseFloat(fps[1] ?? '')
  }
}
