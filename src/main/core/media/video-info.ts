export interface VideoInfo {
  /** Display size: the stored size with the rotation metadata applied, as decodeVideoFrames delivers it. */
  width: number
  height: number
  durationSec: number | null
  frameCountEstimate: number | null
  avgFps: number | null
  /** A heuristic from container metadata (average rate differs from the nominal one), not a frame scan. */
  isVariableFrameRate: boolean
  hasAudio: boolean
  codec: string
  /** Display rotation in degrees counterclockwise (ffprobe's display-matrix convention): 0, 90, 180 or 270. */
  rotation: 0 | 90 | 180 | 270
  /**
   * Video packets actually read through the whole file (`ffprobe -count_packets`), which the container's
   * own claims cannot hide: a truncated file reads fewer. Present only when `probeVideo` was asked to count
   * (`countPackets`) and ffprobe was there to do it.
   */
  packetCount?: number
}
