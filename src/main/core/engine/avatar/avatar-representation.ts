// The avatar builder's inputs and output (buildAvatarRepresentation in build-avatar.ts, which re-exports them).
import { type OccludingHand } from './hand-occluder'
import { type TextureLevel } from './texture-levels'

/** An 8-bit RGB image, row-major, 3 bytes per pixel (the portrait, as analysed). */
export interface AvatarImage {
  readonly data: Uint8Array
  readonly width: number
  readonly height: number
}

/** Canonical-mesh expression fields (cm at slider +1, 468 x 3 each), in the pack's direction order. */
export interface CanonicalBasis {
  readonly names: readonly string[]
  readonly fields: readonly ArrayLike<number>[]
  /**
   * Eyeball travel at slider +1 (cm: along the eye's axis toward the subject's left, and up) per direction: the
   * gaze directions' (see expression/gaze-directions.ts); absent or [0, 0] for skin directions.
   */
  readonly eyeball?: readonly (readonly [number, number])[]
  readonly triangles: ArrayLike<number>
}

/**
 * The per-portrait representation the generator and renderer consume. "Points" are cells of a grid over the
 * portrait (`cell` source px apart) that belong to the moving head, plus a back layer behind the mouth.
 */
export interface AvatarRepresentation {
  readonly width: number
  readonly height: number
  /**
   * Cell size in source px; the renderer's splat window in cells and its top-left corner in source px (the
   * moving points' box, widened by the distance they can travel when the head turns).
   */
  readonly cell: number
  readonly gridWidth: number
  readonly gridHeight: number
  readonly gridOrigin: readonly [number, number]
  /**
   * Depth step in source px (0.8 cm) beyond which a deeper point showing through a one-cell gap of the skin is
   * treated as a crack by the renderer (eyeballs and the mouth interior must not leak through a stretched lid).
   */
  readonly leakDepth: number
  readonly pointCount: number
  /**
   * Generator input [1, 3 + 4K, N]: neutral x, y, z (source px, z = depth, smaller is closer), then K fields, then
   * K shading fields (relative colour change at slider +1).
   */
  readonly features: Float32Array
  readonly featureChannels: number
  /**
   * Renderer input [1, 5, N]: source x, source y, rigidity (1 head .. 0 torso), layer (0 skin, 1 mouth back), lip
   * side (+1 upper lip, -1 lower lip, 0 elsewhere; see POINT_ATTR_CHANNELS).
   */
  readonly pointAttrs: Float32Array
  /**
   * Renderer input [4, N]: the point index of each point's left, right, upper and lower grid neighbour in its
   * own layer (skin, mouth back, eyeball), or its own index where there is none.
   */
  readonly pointNeighbours: BigInt64Array
  /**
   * Renderer input [gh, gw] over the whole portrait's grid (`shadeGrid`: rows, columns of `cell` px cells): the
   * skin point of each cell, pointCount where there is none. The renderer lays the generator's per-point shading
   * out on it and reads it where it reads the texture.
   */
  readonly shadeCells: BigInt64Array
  readonly shadeGrid: readonly [number, number]
  /**
   * The shading's per-channel darkening exponents for this person's skin, [red, green (1), blue]: a fold darkens
   * warm skin more in blue than in red, as real shadows on skin do (see shadowTint).
   */
  readonly shadowTint: readonly [number, number, number]
  /** Head rotation centre, source px (x, y, depth). */
  readonly pivot: readonly [number, number, number]
  /**
   * [1, 4, H + 2 pad, W + 2 pad]: source RGB and person-layer alpha, 0..1, padded by `texturePad` px on each side
   * where the layer reaches the frame's edge (mirrored, the alpha closing over cut outlines: see
   * padTextureForMargin); pad is 0 when it does not.
   */
  readonly texture: Float32Array
  readonly texturePad: number
  /**
   * [1, 6, H, W]: RGB of the mouth back layer (a painted cavity with a hint of teeth), the signed distances
   * into the upper and lower lip from their inner edges (source px), and the back layer's source/paint mix;
   * sampled per cell (see BACK_TEXTURE_CHANNELS).
   */
  readonly backTexture: Float32Array
  /**
   * [1, plateChannels, H + 2 platePad, W + 2 platePad]: the portrait with the moving person removed and the hole
   * filled, mirrored past its edges by `platePad` px on each side (plate-margin.ts), for cameras that look past
   * them. With an occluder (a hand in front of the face) a fourth channel holds its alpha and the RGB its colour,
   * so it stays with the plate while the head turns behind it.
   */
  readonly plate: Float32Array
  readonly plateChannels: 3 | 4
  readonly platePad: number
  /**
   * The texture and the plate at full resolution (level 0: the same arrays as `texture` and `plate`) and at each
   * coarser level, halved (texture-levels.ts); the renderer reads the coarsest whose texel is at most an output
   * pixel.
   */
  readonly textureLevels: readonly TextureLevel[]
  /** The occluder's matte per source px (H x W, 0..1; see hand-occluder.ts), or null without one. */
  readonly occluder: Float32Array | null
  readonly timings: Readonly<Record<string, number>>
}

export interface BuildAvatarOptions {
  /** Person probability per source pixel (h x w, 0..1); null: use the head proxy's silhouette. */
  readonly personMask: Float32Array | null
  /** Per-direction gain for this face (e.g. blinks scaled to the measured lid gap); default 1. */
  readonly gains?: readonly number[]
  /** Hands found in the portrait (source px); one over the head becomes an occluder. Default none. */
  readonly hands?: readonly OccludingHand[]
}
