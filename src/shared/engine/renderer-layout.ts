/**
 * Channel layout of the built-in renderer's per-point and texture inputs, shared by the pack builder
 * (`build/pack/renderer-graph.ts`) and the avatar encoder (`src/main/core/engine/avatar/build-avatar.ts`).
 */

/** `pointAttrs` [1, 5, N]: source x, source y, rigidity (1 head .. 0 torso), layer (0 skin, 1 mouth back), lip side (+1 upper lip, -1 lower lip, 0 elsewhere). */
export const POINT_ATTR_CHANNELS = 5

/** `texture` [1, 4, H, W]: source RGB and person-layer alpha. */
export const TEXTURE_CHANNELS = 4

/**
 * `backTexture` [1, 6, H, W]: the mouth back layer's RGB; the signed vertical distance (source px) into the upper
 * lip from its inner edge and into the lower lip from its inner edge (negative past the edge); the back layer's
 * mix of source (0, inside the visible opening) and painted cavity (1) at that source px.
 */
export const BACK_TEXTURE_CHANNELS = 6
