import { BACK_TEXTURE_CHANNELS, NO_EDGE_PX } from '@shared/engine/renderer-layout'
import { type AvatarGrid } from './avatar-grid'
import { type EyeballPatch } from './eyeball-texture'
import { padTextureForMargin } from './frame-margin'
import { extendPlate, plateMarginPx } from './plate-margin'
import { type MarginPoints } from './margin-points'
import { type MouthBackLayer } from './mouth-back-layer'
import { moveOccluderToPlate, plateWithOccluder } from './occluder-layer'
import { mouthLighting, paintMouthInterior } from './mouth-interior'
import { type PersonLayer } from './person-layer'
import { unmixFaintEdge } from './faint-edge-unmix'
import { fillPlateHole } from './plate-hole-fill'
import { pushPullFill } from './push-pull-fill'
import { photoTeethColour } from './photo-teeth-colour'

/**
 * Person-layer alpha from which the plate is filled and the layer's colour un-mixed from it; dividing by a small
 * alpha would amplify errors. Fainter edge pixels give the plate what the layer's extended colour leaves
 * (unmixFaintEdge).
 */
const UNMIX_MIN_ALPHA = 0.3

/** The avatar's textures in the renderer's layout (see AvatarRepresentation). */
export interface AvatarTextures {
  /** [4, H + 2 pad, W + 2 pad]: the person layer's RGB (un-mixed from the plate) and alpha, 0..1. */
  readonly texture: Float32Array
  /** [BACK_TEXTURE_CHANNELS, H, W]: the mouth back layer and the eyeballs (see BACK_TEXTURE_CHANNELS). */
  readonly backTexture: Float32Array
  /**
   * [plateChannels, H + 2 platePad, W + 2 platePad]: the portrait without the person layer, mirrored past its
   * edges; with an occluder, its alpha as a fourth channel (0 in the margin) and its colour in the RGB.
   */
  readonly plate: Float32Array
  readonly plateChannels: 3 | 4
  /** The plate's margin on each side, px (plateMarginPx). */
  readonly platePad: number
}

/**
 * Textures: source, person alpha, back layer (source near the opening, a synthetic mouth interior
 * elsewhere), and the plate (hole where the person layer is fully opaque, filled by push-pull, then textured
 * from the background around it). `sourceRgb`: the portrait, 3 bytes a px, row-major; `personMask` the
 * segmentation (sources for the hole's texture exclude the person), null if there is none. `occluder`: a hand's
 * matte (h x w, 0..1; see hand-occluder.ts) and where the face is (source px), taken out of the layer's colour and put in the plate
 * (moveOccluderToPlate); the layer's alpha under it is already the head's (headAlphaUnderOccluder).
 */
export function buildTextures(
  grid: AvatarGrid,
  sourceRgb: Uint8Array,
  layer: Pick<PersonLayer, 'alpha' | 'wisp'>,
  mouth: MouthBackLayer,
  margin: Pick<MarginPoints, 'texturePad' | 'ramp' | 'capRadius'>,
  personMask: Float32Array | null = null,
  eyeballs: readonly EyeballPatch[] = [],
  occluder: { matte: Float32Array; onFace: (x: number, y: number) => boolean } | null = null
): AvatarTextures {
  const { width: W, height: H, cell } = grid
  const { alpha: L, wisp } = layer
  const { seamY } = mouth
  const [mx0, my0, mx1, my1] = mouth.box
  const HW = W * H
  const texture = new Float32Array(4 * HW)
  const src = sourceRgb
  for (let i = 0; i < HW; i++) {
    texture[i] = src[3 * i]! / 255
    texture[HW + i] = src[3 * i + 1]! / 255
    texture[2 * HW + i] = src[3 * i + 2]! / 255
    texture[3 * HW + i] = L[i]!
  }
  const backTexture = new Float32Array(BACK_TEXTURE_CHANNELS * HW)
  backTexture.set(texture.subarray(0, 3 * HW))
  // Channels 3 and 4: signed vertical distance (source px) into the upper lip from the seam between the lips,
  // and into the lower lip from it (negative past it), read where the lips are cut. The seam, not each lip's
  // inner edge: a source mouth's teeth above it are cut with the upper lip, those below it with the lower
  // (mouth-points); a closed mouth's inner edges are the seam within a slit.
  // Channel 5: the back layer's own mix at each source px (0 = the source shows, 1 = the painted cavity).
  // Channel 11, where the photo shows its teeth: the signed vertical distance (source px) above the upper lip's inner
  // edge (held above the seam). The upper lip's skin ends there as well as at the seam, the photo's upper teeth (lip
  // side +2) lie between the two. Cut at the seam alone, with the teeth, an upper lip that upperLipRaise or a smile
  // lifted off the teeth stretched its inner margin and the top of the teeth down over the gap in cell-sized steps
  // (lp_drv12, lp_s42). Elsewhere (a closed mouth, the eyes) it is NO_EDGE_PX: the seam alone cuts.
  backTexture.fill(1, 5 * HW, 6 * HW)
  backTexture.fill(NO_EDGE_PX, 11 * HW, 12 * HW)
  for (let x = 0; x < W; x++) {
    const yu = seamY(x + 0.5)
    const yl = yu
    const inBox = mouth.showsTeeth && x + 0.5 >= mx0 && x + 0.5 <= mx1
    const edge = inBox ? Math.min(mouth.upperInnerY(x + 0.5), yu) : null
    for (let y = 0; y < H; y++) {
      backTexture[3 * HW + y * W + x] = yu - (y + 0.5)
      backTexture[4 * HW + y * W + x] = y + 0.5 - yl
      if (edge !== null) backTexture[11 * HW + y * W + x] = edge - (y + 0.5)
    }
  }
  for (let y = Math.max(0, Math.floor(my0 - 2 * cell)); y < Math.min(H, Math.ceil(my1 + 2 * cell)); y++) {
    for (let x = Math.max(0, Math.floor(mx0 - 2 * cell)); x < Math.min(W, Math.ceil(mx1 + 2 * cell)); x++) {
      backTexture[5 * HW + y * W + x] = mouth.mix(x + 0.5, y + 0.5)
    }
  }
  // Channels 0–2, 6–10: the painted interior (still cavity and upper teeth, the jaw's lower teeth and tongue).
  // Both drawn against the seam (the lips part there); no painted teeth where the photo shows its own.
  const seam = mouth.upperLip.map(([x]) => [x, seamY(x)] as const)
  // Lit and coloured like the chin (the quarter mouth width above the box's bottom, 2.3 cm below the lower lip).
  const lighting = mouthLighting(sourceRgb, W, H, [mx0, my1 - 0.25 * mouth.mouthWidth, mx1, my1])
  paintMouthInterior(backTexture, W, H, {
    upper: seam,
    lower: seam,
    mouthWidth: mouth.mouthWidth,
    box: [mx0 - cell, my0 - cell, mx1 + cell, my1 + cell],
    teeth: !mouth.showsTeeth,
    upperInner: mouth.upperLip,
    toothRgb: lighting.tooth,
    upperTeethRgb: mouth.showsTeeth
      ? (photoTeethColour(
          { data: sourceRgb, width: W, height: H },
          mouth.upperInnerY,
          mouth.seamY,
          mx0,
          mx1,
          mouth.mouthWidth
        ) ?? undefined)
      : undefined,
    chroma: lighting.chroma
  })
  // The eyeballs (behind the lids, never overlapping the mouth's box): painted RGB, and the mix that shows the
  // source inside the visible openings.
  for (const patch of eyeballs) writeEyeball(backTexture, W, H, patch)
  // Plate: the hole is the person layer where alpha >= UNMIX_MIN_ALPHA, filled by push-pull
  // from the background around it. The layer's colour is then un-mixed from that background with the
  // compositing equation S = L F + (1 - L) B, so F carries no old background in its soft edge (hair) and the
  // zero-expression render L F + (1 - L) B is the source, whatever the fill.
  const plate = texture.slice(0, 3 * HW)
  const plateKnown = new Float32Array(HW)
  // The occluder's pixels are never background: the hand must not bleed into the fill.
  for (let i = 0; i < HW; i++)
    plateKnown[i] = L[i]! >= UNMIX_MIN_ALPHA || wisp[i] || occluder?.matte[i] ? 0 : 1
  pushPullFill(plate, plateKnown, W, H, 3)
  // The background's own texture in the hole (PatchMatch from the background around it), where the person
  // layer covers it fully: a turn then uncovers texture rather than a smear, and the source-camera render
  // (which never shows those pixels) stays exact.
  const opaque = new Uint8Array(HW)
  for (let i = 0; i < HW; i++) opaque[i] = L[i]! >= 1 ? 1 : 0
  fillPlateHole(plate, plateKnown, opaque, personMask, W, H, grid.scale)
  for (let i = 0; i < HW; i++) {
    const a = L[i]!
    if ((a < UNMIX_MIN_ALPHA && !wisp[i]) || a >= 1) continue
    for (let c = 0; c < 3; c++) {
      const f = (texture[c * HW + i]! - (1 - a) * plate[c * HW + i]!) / a
      // Where the un-mixed colour leaves 0..1 the background estimate is off; clamping there costs a little
      // exactness in faint hair edges (PSNR stays ~45 dB) but leaves no ghost outline in the plate.
      const clamped = Math.max(0, Math.min(1, f))
      texture[c * HW + i] = clamped
    }
  }
  unmixFaintEdge(texture, plate, L, wisp, W, H, UNMIX_MIN_ALPHA)
  if (occluder) moveOccluderToPlate(texture, plate, sourceRgb, occluder.matte, W, H, occluder.onFace)
  const { texturePad, ramp, capRadius } = margin
  const platePad = plateMarginPx(W, H)
  const plateRgb = extendPlate(plate, W, H, 3, platePad)
  return {
    texture: texturePad > 0 ? padTextureForMargin(texture, W, H, 4, texturePad, ramp, capRadius) : texture,
    backTexture,
    plate: occluder ? plateWithOccluder(plateRgb, occluder.matte, W, H, platePad) : plateRgb,
    plateChannels: occluder ? 4 : 3,
    platePad
  }
}

/**
 * Writes an eyeball patch into the back texture (planar W x H): RGB (channels 0-2), the distance into the eye
 * opening (channels 3 and 4 both, where the mouth has its lip distances: the renderer's eyelid cut reads them
 * where a lid's read lands, and lips never read this far from the mouth) and the mix (channel 5).
 */
function writeEyeball(backTexture: Float32Array, W: number, H: number, patch: EyeballPatch): void {
  const { x0, y0, w, h, rgb, mix, inside } = patch
  const HW = W * H
  const n = w * h
  for (let y = 0; y < h && y0 + y < H; y++) {
    for (let x = 0; x < w && x0 + x < W; x++) {
      const i = y * w + x
      const o = (y0 + y) * W + x0 + x
      for (let c = 0; c < 3; c++) backTexture[c * HW + o] = rgb[c * n + i]!
      backTexture[3 * HW + o] = inside[i]!
      backTexture[4 * HW + o] = inside[i]!
      backTexture[5 * HW + o] = mix[i]!
    }
  }
}
