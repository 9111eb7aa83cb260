import { patchMatchFill } from './patch-match-fill'
import { chamferDistance } from './person-edge-band'
import { addPlateDetail } from './plate-detail'
import { pushPullFill } from './push-pull-fill'

/**
 * How deep into the hole (cm from its edge) texture is synthesised: what a turn over the supported camera
 * range can uncover (yaw 35°, pitch 25°, roll 30° together uncover up to 5–7 cm on the bench portraits, p99;
 * one axis alone about 3 cm). Deeper, the push-pull fill stays.
 */
const UNCOVER_DEPTH_CM = 6
/** Sources: background within this many cm of the hole (the background around the head). */
const SOURCE_RADIUS_CM = 6
/** …and at least this far (cm, 2 px at least) from the hole and the person: the photo's rim stays out. */
const SOURCE_MARGIN_CM = 0.3
/** Fewer source px than this many 7 x 7 patches widens the radius (twice), then falls back to mirrored detail. */
const MIN_SOURCE_PATCHES = 40
/** Person probability from which a known plate pixel counts as the person (torso, shoulders), not background. */
const PERSON_MIN = 0.3

/** How the plate's hole got its texture. */
export type PlateHoleFill = 'patch-match' | 'mirrored-detail' | 'none'

/**
 * Texture for the plate's hole, once per avatar: the background the head uncovers when it turns.
 * Push-pull (already in `plate`) gives only the background's low frequencies, a smear. This synthesises the
 * surrounding background's texture into the hole with a PatchMatch fill (patchMatchFill: coarse to fine,
 * 7 x 7 patches, starting from the push-pull fill), copying only from background near the hole: known plate
 * pixels that are not the person (`person`, the segmentation) and lie between SOURCE_MARGIN_CM and
 * SOURCE_RADIUS_CM of the hole, so neither hair nor shoulders nor a distant part of the photo is copied in. A
 * match far from the pixel it fills costs a little more, so each side of the head takes its own background.
 * Where there is too little such background it falls back to the mirrored high-frequency detail of
 * addPlateDetail.
 *
 * `plate` planar RGB [3][h][w] (0..1), push-pull filled; `known[i]` 1 for background, 0 for the hole; only
 * hole pixels with `target[i]` set are written (where the person layer is opaque, so the render at the source
 * camera stays exact). `scale`: px per cm.
 */
export function fillPlateHole(
  plate: Float32Array,
  known: Float32Array,
  target: Uint8Array,
  person: Float32Array | null,
  w: number,
  h: number,
  scale: number
): PlateHoleFill {
  const hw = w * h
  const toKnown = chamferDistance(known, w, h)
  const depth = UNCOVER_DEPTH_CM * scale
  const fill = new Uint8Array(hw)
  let fillCount = 0
  for (let i = 0; i < hw; i++) {
    if (target[i] && !(known[i]! > 0) && toKnown[i]! <= depth) {
      fill[i] = 1
      fillCount++
    }
  }
  if (fillCount === 0) return 'none'
  const hole = new Float32Array(hw)
  const notBackground = new Float32Array(hw)
  const context = new Uint8Array(hw)
  for (let i = 0; i < hw; i++) {
    const isHole = !(known[i]! > 0)
    hole[i] = isHole ? 1 : 0
    notBackground[i] = isHole || (person !== null && person[i]! >= PERSON_MIN) ? 1 : 0
    context[i] = isHole ? 0 : 1
  }
  const toHole = chamferDistance(hole, w, h)
  const toPerson = chamferDistance(notBackground, w, h)
  const margin = Math.max(2, SOURCE_MARGIN_CM * scale)
  const source = new Uint8Array(hw)
  let radius = SOURCE_RADIUS_CM * scale
  for (let attempt = 0; attempt < 3; attempt++, radius *= 2) {
    let count = 0
    for (let i = 0; i < hw; i++) {
      source[i] = toPerson[i]! >= margin && toHole[i]! <= radius ? 1 : 0
      count += source[i]!
    }
    if (count < MIN_SOURCE_PATCHES * 49) continue
    const filled = patchMatchFill(
      plate,
      w,
      h,
      { fill, context, source },
      { localityRadius: radius, localityWeight: 0.002 }
    )
    if (!filled) continue
    // The hole's interior beyond UNCOVER_DEPTH_CM, push-pull again from the textured band around it, so no
    // step in brightness is left at the band's inner edge.
    const settled = new Float32Array(hw).fill(1)
    let interior = false
    for (let i = 0; i < hw; i++) {
      if (target[i] && !(known[i]! > 0) && !fill[i]) {
        settled[i] = 0
        interior = true
      }
    }
    if (interior) pushPullFill(plate, settled, w, h, 3)
    return 'patch-match'
  }
  addPlateDetail(plate, known, target, w, h)
  return 'mirrored-detail'
}
