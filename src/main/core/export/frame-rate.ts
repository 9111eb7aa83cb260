/** Frames per second: a plain number (24, 29.97, 60) or an exact rational such as 30000/1001. */
export type FrameRate = number | { num: number; den: number }

/** Formats a frame rate the way ffmpeg parses it, exactly: "24", "30000/1001". Throws on non-positive rates. */
export function formatFrameRate(fps: FrameRate): string {
  if (typeof fps === 'number') {
    if (!Number.isFinite(fps) || fps <= 0) throw new RangeError(`fps must be a positive number, got ${fps}`)
    if (Number.isInteger(fps)) return String(fps)
    // 29.97, 23.976 and 59.94 are how people write the NTSC rates 30000/1001, 24000/1001, 60000/1001.
    const ntscBase = Math.round((fps * 1001) / 1000)
    if (Math.abs(fps - (ntscBase * 1000) / 1001) < 0.005) return `${ntscBase * 1000}/1001`
    const den = 1_000_000
    const num = Math.round(fps * den)
    const g = gcd(num, den)
    return `${num / g}/${den / g}`
  }
  const { num, den } = fps
  if (!Number.isInteger(num) || !Number.isInteger(den) || num <= 0 || den <= 0) {
    throw new RangeError(`fps must be a positive integer ratio, got ${num}/${den}`)
  }
  const g = gcd(num, den)
  return den / g === 1 ? String(num / g) : `${num / g}/${den / g}`
}

export function frameRateValue(fps: FrameRate): number {
  return typeof fps === 'number' ? fps : fps.num / fps.den
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b)
}
