/**
 * Channel layout of the built-in renderer's per-point and texture inputs and of its per-frame `view` input,
 * shared by the pack builder (`build/pack/renderer-graph.ts` and its stages in `build/pack/renderer/`), the avatar
 * encoder (`src/main/core/engine/avatar/build-avatar.ts`) and the engine (`src/main/core/engine/engine.ts`).
 */

/**
 * `pointAttrs` [1, 5, N]: source x, source y, rigidity (1 head .. 0 torso), layer (0 skin, 1 mouth back, 2 eyeball),
 * lip side (+1 upper lip, -1 lower lip, ±2 the photo's own upper and lower teeth, 0 elsewhere).
 */
export const POINT_ATTR_CHANNELS = 5

/** The eyeball layer's value in `pointAttrs` channel 3 (a back layer: it reads `backTexture` like the mouth's). */
export const EYE_LAYER = 2

/** `texture` [1, 4, H, W]: source RGB and person-layer alpha. */
export const TEXTURE_CHANNELS = 4

/**
 * `backTexture` [1, 12, H, W]: the mouth back layer's still RGB (cavity and upper teeth, static with the skull);
 * the signed vertical distance (source px) into the upper lip and into the lower lip from the seam between them
 * (negative past it; where the photo shows its teeth, the bite line: its teeth are cut there); the back layer's mix of source (0, inside the visible opening) and painted
 * cavity (1) at that source px; the jaw's paint (lower teeth and tongue, at rest: the renderer reads it the jaw's
 * drop higher up) as RGB premultiplied by its alpha, and that alpha; the upper teeth's alpha in the still paint
 * (they stay in front of the lower); where the photo shows its teeth, the signed vertical distance above the upper
 * lip's inner edge (negative below it: the lip's skin ends there, the photo's upper teeth lie between it and the
 * seam), elsewhere NO_EDGE_PX. Around each eye the RGB is the painted eyeball, channels 3 and 4 both hold the signed
 * distance into the eye opening (source px, negative outside it) and the mix is 0 inside the opening (away from its
 * rim), 1 under the lids.
 */
export const BACK_TEXTURE_CHANNELS = 12

/** `backTexture` channel 11 where no lip edge cuts besides the seam: farther than any read lands (source px). */
export const NO_EDGE_PX = 1e4

/** What one `view` entry holds: its position in the vector, its units and what it is. */
export type ViewField = { readonly index: number; readonly units: string; readonly meaning: string }

/**
 * `view` [14]: the per-frame constants of the renderer besides the camera, one float32 each. Source px are pixels
 * of the portrait (x right, y down); depth is in source px too, smaller = closer to the camera.
 */
export const VIEW_FIELDS = {
  pivotX: { index: 0, units: 'source px', meaning: 'head rotation centre, x' },
  pivotY: { index: 1, units: 'source px', meaning: 'head rotation centre, y' },
  pivotZ: { index: 2, units: 'source px (depth)', meaning: 'head rotation centre, depth' },
  cellSize: { index: 3, units: 'source px', meaning: 'splat grid cell size (spacing of the points)' },
  sigma: {
    index: 4,
    units: 'source px per output px',
    meaning:
      'scale of the output frame at zoom 1: min(source width / output width, source height / output height)'
  },
  width: { index: 5, units: 'source px', meaning: 'source portrait width' },
  height: { index: 6, units: 'source px', meaning: 'source portrait height' },
  leakDepth: {
    index: 7,
    units: 'source px (depth)',
    meaning: 'depth step beyond which a point seen through a one-cell gap of a nearer surface is a crack'
  },
  gridOriginX: { index: 8, units: 'source px', meaning: "splat grid window's top-left corner, x" },
  gridOriginY: { index: 9, units: 'source px', meaning: "splat grid window's top-left corner, y" },
  textureScale: {
    index: 10,
    units: 'source px per texel',
    meaning:
      'texel size of the texture and the plate fed: 1 at full resolution, 2^k at level k of their halvings ' +
      "(the avatar's textureLevels), each level centred on the full-resolution one"
  },
  shadowTintRed: {
    index: 11,
    units: 'exponent',
    meaning: "how much the expression shading darkens red against green (the person's skin, see shadowTint)"
  },
  shadowTintGreen: { index: 12, units: 'exponent', meaning: 'the same for green (1)' },
  shadowTintBlue: { index: 13, units: 'exponent', meaning: 'the same for blue' }
} as const satisfies Record<string, ViewField>

export type ViewFieldName = keyof typeof VIEW_FIELDS

/** Number of entries of the `view` input. */
export const VIEW_LENGTH = Object.keys(VIEW_FIELDS).length

/** The renderer's `view` input: each field at its VIEW_FIELDS index. */
export function viewVector(fields: Readonly<Record<ViewFieldName, number>>): Float32Array {
  const view = new Float32Array(VIEW_LENGTH)
  for (const [name, field] of Object.entries(VIEW_FIELDS)) view[field.index] = fields[name as ViewFieldName]
  return view
}
