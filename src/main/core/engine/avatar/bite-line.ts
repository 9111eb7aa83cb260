import { type AvatarImage } from './avatar-representation'
import { piecewiseLinearAt } from './piecewise-linear'

/** Fractions of the opening (from the upper lip's edge down) the bite line is searched over, in steps. */
const BITE_SEARCH = { from: 0.3, to: 0.9, steps: 25 }

/**
 * Where a source mouth that shows its teeth parts when the jaw opens: the bite line between the upper and the
 * lower teeth. It runs at one fraction of the opening all along the mouth (between the inner lips' x range
 * `x0`..`x1`, every 2 source px): the fraction, of 30 % to 90 % of the opening, along which the photo is darkest
 * on average. One fraction for the whole mouth keeps the line as smooth as the lips: a darkest row per column
 * wandered into the gaps between teeth and broke the upper teeth in two. Half-way (the geometric seam) cut
 * through the upper incisors of a broad smile, which then rode down with the jaw (and above 30 % the shadow
 * under the upper lip would take all the upper teeth down with it); it stays where the darkest
 * line is not 10 % darker than the opening's mean, or the opening is under 3 px.
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
    const xi = Math.min(width - 1, Math.max(0, Math.floor(x)))
    const yi = Math.min(height - 1, Math.max(0, Math.floor(y)))
    const i = 3 * (yi * width + xi)
    return 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!
  }
  const columns: number[] = []
  for (let x = Math.ceil(x0); x <= Math.floor(x1); x += 2)
    if (lowerY(x + 0.5) - upperY(x + 0.5) >= 3) columns.push(x + 0.5)
  if (columns.length === 0) return []
  const along = (t: number): number =>
    columns.reduce((sum, x) => sum + lum(x, upperY(x) + t * (lowerY(x) - upperY(x))), 0) / columns.length
  let best = 0.5
  let bestLum = Infinity
  let total = 0
  for (let k = 0; k < BITE_SEARCH.steps; k++) {
    const t = BITE_SEARCH.from + ((BITE_SEARCH.to - BITE_SEARCH.from) * k) / (BITE_SEARCH.steps - 1)
    const l = along(t)
    total += l
    if (l < bestLum) {
      bestLum = l
      best = t
    }
  }
  const t = bestLum < 0.9 * (total / BITE_SEARCH.steps) ? best : 0.5
  return columns.map((x) => [x, upperY(x) + t * (lowerY(x) - upperY(x))])
}

/** The bite line at x (held past its ends), or `fallback` when there are no points. */
export function biteLineAt(line: readonly [number, number][], x: number, fallback: number): number {
  return line.length > 0 ? piecewiseLinearAt(line, x) : fallback
}
