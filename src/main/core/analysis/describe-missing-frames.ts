/**
 * The warning for a video that decoded fewer frames than its container declares (a file cut short whose
 * index is at the start still declares its full length), or null when (nearly) all of them decoded. The
 * declared count may be an estimate from duration × rate, so a couple of frames or 1 % less is not reported.
 */
export function describeMissingFrames(path: string, decoded: number, declared: number | null): string | null {
  if (declared == null || declared <= 0) return null
  if (decoded >= declared - Math.max(2, Math.ceil(declared * 0.01))) return null
  return (
    `only ${decoded} of the ${declared} frames ${path} declares could be decoded; the file is probably cut ` +
    'short or damaged. Re-export or re-copy it to analyse all of it.'
  )
}
