import { type LocatedFfmpeg, locateFfmpeg } from './locate-ffmpeg'

let cached: Promise<LocatedFfmpeg> | null = null

/** Environment variable naming the ffmpeg to use; it is tried before the bundled and system ones. */
export const FFMPEG_PATH_VARIABLE = 'MIMESIS_FFMPEG'

/**
 * The ffmpeg found with default options (the configured path is `$MIMESIS_FFMPEG`), located once per process (locating runs ffmpeg three times).
 * A failed lookup is not cached, so installing ffmpeg and retrying works without a restart.
 */
export function defaultFfmpeg(): Promise<LocatedFfmpeg> {
  if (cached == null) {
    const attempt = locateFfmpeg({ configuredPath: process.env[FFMPEG_PATH_VARIABLE] })
    cached = attempt
    attempt.catch(() => {
      if (cached === attempt) cached = null
    })
  }
  return cached
}
