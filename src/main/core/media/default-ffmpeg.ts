import { type LocatedFfmpeg, locateFfmpeg } from './locate-ffmpeg'

let cached: Promise<LocatedFfmpeg> | null = null

/**
 * The ffmpeg found with default options, located once per process (locating runs ffmpeg three times).
 * A failed lookup is not cached, so installing ffmpeg and retrying works without a restart.
 */
export function defaultFfmpeg(): Promise<LocatedFfmpeg> {
  if (cached == null) {
    const attempt = locateFfmpeg()
    cached = attempt
    attempt.catch(() => {
      if (cached === attempt) cached = null
    })
  }
  return cached
}
