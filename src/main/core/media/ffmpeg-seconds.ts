// Seconds written the way ffmpeg's options and filter expressions read them. Pure.

/**
 * An `asetpts` expression that adds `deltaSec` seconds to every timestamp, written without a double
 * minus, in microseconds' precision. Pure.
 */
export function shiftTimestamps(deltaSec: number): string {
  const magnitude = formatSeconds(Math.abs(deltaSec))
  return deltaSec < 0 ? `PTS-${magnitude}/TB` : `PTS+${magnitude}/TB`
}

/** Seconds as ffmpeg reads them in options and filter arguments: fixed point, microsecond precision. */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) throw new RangeError(`expected a finite number of seconds, got ${seconds}`)
  const text = seconds.toFixed(6)
  return text === '-0.000000' ? '0.000000' : text
}
