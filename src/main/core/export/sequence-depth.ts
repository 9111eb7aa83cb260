// The depth pass of an image sequence: 16-bit grey frames whose levels map linearly to depth over one range for the
// whole sequence (so a level means the same depth in every frame, unlike a still's depth map, which is normalised
// to its own frame), with that range written in a JSON sidecar so a compositor can turn levels back into depth.

/** Level of a pixel without the person (alpha 0): no depth. */
export const NO_DEPTH_LEVEL = 0
/** Level of `farPx` (and anything farther); `nearPx` (and anything nearer) is 65535. */
export const FAR_LEVEL = 1
const LEVELS = 65535 - FAR_LEVEL

/**
 * The depth range a sequence is encoded over, in px of the portrait's working image (the avatar's source px, the
 * unit the renderer's depth is in). Smaller is closer.
 */
export interface SequenceDepthRange {
  readonly nearPx: number
  readonly farPx: number
  /** The working image the px are of (the portrait as the avatar was built from it). */
  readonly sourceWidth: number
  readonly sourceHeight: number
}

/**
 * One rendered frame's depth as 16-bit levels: where the person layer's alpha is above 0, 65535 at `nearPx` down
 * to 1 at `farPx`, linear in depth, clamped; elsewhere (the background plate, which has no depth) 0. The level is
 * the depth of the pixel, not weighted by its alpha: the colour frame's alpha says how much of the pixel is the
 * person. `depth` in source px, `personAlpha` the renderer's RGBA (its alpha is the person layer).
 */
export function encodeSequenceDepth(
  depth: Float32Array,
  personAlpha: Uint8Array,
  range: Pick<SequenceDepthRange, 'nearPx' | 'farPx'>
): Uint16Array {
  if (personAlpha.length !== depth.length * 4) {
    throw new RangeError(
      `encodeSequenceDepth: ${depth.length} depth values need ${depth.length * 4} RGBA bytes`
    )
  }
  const { nearPx, farPx } = range
  if (!(farPx > nearPx)) throw new RangeError(`the depth range needs far > near, got ${nearPx}…${farPx}`)
  const scale = LEVELS / (farPx - nearPx)
  const out = new Uint16Array(depth.length)
  for (let i = 0; i < depth.length; i++) {
    const d = depth[i]!
    if (personAlpha[4 * i + 3] === 0 || !Number.isFinite(d)) continue
    const level = FAR_LEVEL + Math.round((farPx - d) * scale)
    out[i] = level < FAR_LEVEL ? FAR_LEVEL : level > 65535 ? 65535 : level
  }
  return out
}

/** The depth in source px a level stands for (the inverse of `encodeSequenceDepth`), or null for level 0. */
export function depthOfLevel(
  level: number,
  range: Pick<SequenceDepthRange, 'nearPx' | 'farPx'>
): number | null {
  if (level < FAR_LEVEL) return null
  return range.farPx - ((level - FAR_LEVEL) / LEVELS) * (range.farPx - range.nearPx)
}

/** What `<stem>_depth.json` holds: enough for a compositor to read the depth frames back as depth. */
export interface DepthSidecar {
  readonly format: 'mimesis-depth'
  readonly version: 1
  readonly frames: string
  readonly colourFrames: string
  readonly firstFrame: 1
  readonly frameCount: number
  readonly fps: number
  readonly width: number
  readonly height: number
  readonly bitDepth: 16
  readonly unit: string
  readonly nearPx: number
  readonly farPx: number
  readonly sourceWidth: number
  readonly sourceHeight: number
  readonly noDepthLevel: typeof NO_DEPTH_LEVEL
  readonly farLevel: typeof FAR_LEVEL
  readonly nearLevel: 65535
  readonly decode: string
}

export function depthSidecar(
  range: SequenceDepthRange,
  sequence: {
    depthPattern: string
    colourPattern: string
    frameCount: number
    fps: number
    width: number
    height: number
  }
): DepthSidecar {
  return {
    format: 'mimesis-depth',
    version: 1,
    frames: sequence.depthPattern,
    colourFrames: sequence.colourPattern,
    firstFrame: 1,
    frameCount: sequence.frameCount,
    fps: sequence.fps,
    width: sequence.width,
    height: sequence.height,
    bitDepth: 16,
    unit: 'px of the portrait as the head was built from it (sourceWidth × sourceHeight); smaller is closer',
    nearPx: range.nearPx,
    farPx: range.farPx,
    sourceWidth: range.sourceWidth,
    sourceHeight: range.sourceHeight,
    noDepthLevel: NO_DEPTH_LEVEL,
    farLevel: FAR_LEVEL,
    nearLevel: 65535,
    decode:
      'level 0: no person here (the colour frame’s alpha is 0); level L ≥ 1: depthPx = farPx − (L − 1) / 65534 × (farPx − nearPx)'
  }
}
