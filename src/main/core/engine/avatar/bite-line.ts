import { type AvatarImage } from './avatar-representation'
import { piecewiseLinearAt } from './piecewise-linear'

/**
 * Where a source mouth that shows its teeth parts when the jaw opens: the bite line between the upper and the
 * lower teeth, found per column (every 2 source px, between the inner lips' x range `x0`..`x1`) as the darkest
 * row of the middle 80 % of the opening, then smoothed by a median over 5 columns. The geometric seam (half-way
 * between the inner lips) cut through the photo's upper incisors, which then rode down with the jaw. A column
 * whose opening is under 3 px, or without a row 10 % darker than the opening's mean, keeps the seam.
 * `upperY`, `lowerY`: the inner lips' edges (source px) at x. Returns [x, y] points (source px) sorted by x.
 */
export function biteLine(
  image: AvatarImage,
  upperY: (x: number) => number,
  lowerY: (x: number) => number,
  x0: number,
  x1: number
): [number, number][] {
  const { data, width, height } = image
  const lum = (x: number, y: number): number => {
    const i = 3 * (Math.min(height - 1, Math.max(0, y)) * width + Math.min(width - 1, Math.max(0, x)))
    return 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!
  }
  const raw: [number, number][] = []
  for (let x = Math.ceil(x0); x <= Math.floor(x1); x += 2) {
    const top = upperY(x + 0.5)
    const bottom = lowerY(x + 0.5)
    const seam = (top + bottom) / 2
    const gap = bottom - top
    if (gap < 3) {
      raw.push([x + 0.5, seam])
      continue
    }
    let best = seam
    let bestLum = Infinity
    let sum = 0
    let count = 0
    for (let y = Math.ceil(top + 0.1 * gap); y <= Math.floor(bottom - 0.1 * gap); y++) {
      // a row's darkness over three columns, so one dark px does not decide
      const l = lum(x - 1, y) + lum(x, y) + lum(x + 1, y)
      sum += l
      count++
      if (l < bestLum) {
        bestLum = l
        best = y + 0.5
      }
    }
    raw.push([x + 0.5, count > 0 && bestLum < 0.9 * (sum / count) ? best : seam])
  }
  return raw.map(([x], k) => {
    const window = raw.slice(Math.max(0, k - 2), k + 3).map((p) => p[1])
    window.sort((a, b) => a - b)
    return [x, window[Math.floor(window.length / 2)]!]
  })
}

/** The bite line at x (held past its ends), or `fallback` when there are no points. */
export function biteLineAt(line: readonly [number, number][], x: number, fallback: number): number {
  return line.length > 0 ? piecewiseLinearAt(line, x) : fallback
}
