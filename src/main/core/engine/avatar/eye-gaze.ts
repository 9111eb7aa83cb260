import { type AvatarGrid } from './avatar-grid'
import { type EyeCell } from './eye-layer'
import { DEFAULT_IRIS_RADIUS, type EyeRegion } from './eye-region'
import { piecewiseLinearAt } from './piecewise-linear'
import { smoothstep } from './smoothstep'

/** Subject's right eye corners (outer, inner), then the left's: the eye's axis runs between them. */
const EYE_CORNERS = [
  [33, 133],
  [263, 362]
] as const
/**
 * Sclera kept between the iris's rim and the corner it moves toward at +1, share of the eye's width; negative: the
 * rim goes that far past the corner, under the lids that meet there (a real eye turned hard sideways tucks its iris
 * into the corner). The travel is one limit for both directions and both eyes, so an iris off centre in the photo
 * leaves little room; at 0.06 the travel read back at about a third of real footage's, at 0.02 at 0.59 of it (median
 * of 10 dev portraits, bench:reach outside blinks), at −0.05 at 0.86 (+1) and 0.74 (−1). At −0.1 the irises went
 * half out of sight into the corners past a wide band of flat painted sclera (dt_face3, sad_people0): a squint-eyed
 * stare rather than a glance.
 */
const CORNER_MARGIN = -0.05
/**
 * Travel across the eye's axis (up, down), share of the iris radius. The lids cover the iris's top and bottom
 * as it moves (the painted eyeball under them completes the disk); past this the pupil goes under a lid. (0.8
 * with 0.45 cm asked read back 0.65 of real footage raised; 1 with 0.6 cm, 0.79; 1.3 with 0.78 cm and the lower lid
 * following, LOWER_LID_FOLLOW, 1.24 raised and 0.92 lowered, median of 10 dev portraits. At 1.2–1.4 without the
 * lower lid following, the lowered iris slid under the still lower lid and read higher: 2–3 of 10 wrong sign.)
 */
const ACROSS_SHARE = 1.3

/** One eye's axis and iris, source px. */
interface EyeFrame {
  readonly outer: readonly [number, number]
  /** Unit vector from the outer toward the inner corner, and the eye's width. */
  readonly axis: readonly [number, number]
  readonly width: number
  /** Iris centre and radius along the axis, as shares of the width from the outer corner. */
  readonly irisT: number
  readonly irisR: number
}

function eyeFrame(
  landmarks: ArrayLike<number>,
  irises: ArrayLike<number> | undefined,
  side: number
): EyeFrame {
  const [a, b] = EYE_CORNERS[side]!
  const outer = [landmarks[3 * a]!, landmarks[3 * a + 1]!] as const
  const inner = [landmarks[3 * b]!, landmarks[3 * b + 1]!] as const
  const width = Math.max(1e-6, Math.hypot(inner[0] - outer[0], inner[1] - outer[1]))
  const axis = [(inner[0] - outer[0]) / width, (inner[1] - outer[1]) / width] as const
  if (irises == null) return { outer, axis, width, irisT: 0.5, irisR: DEFAULT_IRIS_RADIUS }
  const o = 15 * side
  const cx = irises[o]!
  const cy = irises[o + 1]!
  let r = 0
  for (let k = 1; k < 5; k++) r += Math.hypot(irises[o + 3 * k]! - cx, irises[o + 3 * k + 1]! - cy) / 4
  const t = ((cx - outer[0]) * axis[0] + (cy - outer[1]) * axis[1]) / width
  return {
    outer,
    axis,
    width,
    irisT: Math.max(0.2, Math.min(0.8, t)),
    irisR: Math.max(0.1, Math.min(0.3, r / width))
  }
}

/**
 * The gaze directions' motion of the eyeball points, [eye points x 3K] (dx, dy, dz per direction, source px at
 * +1; 0 for the other directions). Each eye moves like a rubber sheet pinned at its corners: the iris and the
 * sclera around it travel by the full amount, the sclera toward each corner by less, down to 0 at the corner,
 * so nothing behind the eye is uncovered and the corners stay put. The travel along the eye's axis is the same
 * share of each eye's width (the canonical travel over the mean of the two widths: a turned head's far eye is
 * foreshortened, its iris's travel with it; one travel in px for both held the near eye to the far eye's room, and
 * lp_drv12, turned, read back at 0.34 of real footage), limited so the iris's rim stops short of either corner by
 * CORNER_MARGIN of the eye's width, and across it to ACROSS_SHARE of the iris's radius. The eyeball reaches under the lids (eyeLayerCells), so the motion runs on to the lid
 * margins and under them. `travel` per direction: canonical cm at +1 (0, 0 for skin directions); `irises`: the
 * analysis's 2 x 5 x 3 iris points (subject's right first), or undefined.
 */
export function eyeGazeFields(
  grid: AvatarGrid,
  eyeCells: readonly EyeCell[],
  landmarks: ArrayLike<number>,
  irises: ArrayLike<number> | undefined,
  travel: readonly (readonly [number, number])[]
): Float32Array {
  const { scale: s, cx, cy } = grid
  const K = travel.length
  const out = new Float32Array(eyeCells.length * 3 * K)
  const frames = [0, 1].map((side) => eyeFrame(landmarks, irises, side))
  // Both eyes turn by the same angle, so each iris travels the same share of its own eye's width: in a turned
  // head the far eye is foreshortened and its iris's travel with it. One limit for both, as that share.
  const meanWidth = (frames[0]!.width + frames[1]!.width) / 2
  const roomShare = Math.min(
    ...frames.map((f) => Math.max(0, Math.min(f.irisT - f.irisR, 1 - f.irisT - f.irisR) - CORNER_MARGIN))
  )
  const across = Math.min(...frames.map((f) => ACROSS_SHARE * f.irisR * f.width))
  eyeCells.forEach(({ cell, eye }, e) => {
    const f = frames[eye]!
    const t = ((cx(cell) - f.outer[0]) * f.axis[0] + (cy(cell) - f.outer[1]) * f.axis[1]) / f.width
    const band0 = f.irisT - f.irisR
    const band1 = f.irisT + f.irisR
    const pin = smoothstep(0, Math.max(0.05, band0), t) * (1 - smoothstep(Math.min(0.95, band1), 1, t))
    for (let k = 0; k < K; k++) {
      const [along, up] = travel[k]!
      if (along === 0 && up === 0) continue
      // Toward the subject's left: +x in a frontal photo, whichever eye; up is -y in the image. The axis runs
      // outer→inner, which is +x for the right eye and -x for the left.
      const toLeft = eye === 0 ? f.axis : ([-f.axis[0], -f.axis[1]] as const)
      const a = Math.sign(along) * Math.min((Math.abs(along) * s) / meanWidth, roomShare) * f.width * pin
      const u = Math.sign(up) * Math.min(Math.abs(up) * s, across) * pin
      // "Up" in the face's frame: the axis toward the subject's left turned 90° (image y points down).
      const upX = toLeft[1]
      const upY = -toLeft[0]
      out[(e * K + k) * 3] = a * toLeft[0] + u * upX
      out[(e * K + k) * 3 + 1] = a * toLeft[1] + u * upY
    }
  })
  return out
}

/**
 * How far the upper lid follows the iris up and down, share of the iris's travel: in real faces the upper lid
 * rides with a vertical gaze (looking down lowers it over the eye, looking up lifts it), so the iris keeps its
 * place under the lid. Without it a lowered gaze showed a band of white sclera over the iris (a startled stare)
 * and the analysis read it back at about a third of a raised one. At 0.9 the lid came down over the lowered iris
 * so far that the analysis read it barely lower (reach −1 0.19, 3 of 10 dev portraits read it as raised, with
 * 0.45 cm of travel); at 0.6 the lid still covers the iris's top (reach −1 0.34); at 0.35 both ways fell (raised
 * 0.89 → 0.85, lowered 0.46 → 0.39).
 */
const LID_FOLLOW = 0.6
/**
 * How far the lower lid follows, share of the iris's travel: it drops a little as the eye looks down (real lower
 * lids do) and rises as it looks up. With a still lower lid the lowered iris went under it, its pupil cut off, and
 * the analysis read the gaze barely lower (reach −1 median 0.46, 0.01–0.24 on four of 10 dev portraits); at 0.25
 * −1 reads 0.83 and +1 0.92 (at 0.3 with less travel the lid covered the raised iris's bottom and halved +1).
 */
const LOWER_LID_FOLLOW = 0.25
/**
 * Height (cm) of the lid skin above the margin that moves with it whole (the lid's stiff rim, where the lashes
 * grow: fading from the margin up, it stretched the lashes into streaks under a lowered gaze, and the analysis read
 * the lowered gaze at 0.42 of real footage's, 0.55 with the rim whole), then the height over which its motion
 * fades to none.
 */
const LID_RIGID_CM = 0.25
const LID_FOLLOW_HEIGHT_CM = 0.5

/**
 * The lids' share of the vertical gaze, added to `cellBasis` ([3K][cells], source px at +1, see cellDepth):
 * LID_FOLLOW of the iris's travel across the eye's axis (as eyeGazeFields limits it) at the upper margin and
 * LID_RIGID_CM above it, fading out over LID_FOLLOW_HEIGHT_CM further up; LOWER_LID_FOLLOW of it at the lower margin
 * and LID_RIGID_CM below it, fading out the same way further down; across the opening the one blends into the
 * other (the photo's eye there squeezes under the lid as under a blink's); toward the corners, none.
 */
export function addGazeLidFollow(
  cellBasis: Float32Array,
  grid: AvatarGrid,
  regions: readonly EyeRegion[],
  landmarks: ArrayLike<number>,
  irises: ArrayLike<number> | undefined,
  travel: readonly (readonly [number, number])[]
): void {
  const { scale: s, cells, cx, cy } = grid
  const frames = [0, 1].map((side) => eyeFrame(landmarks, irises, side))
  const across = Math.min(...frames.map((f) => ACROSS_SHARE * f.irisR * f.width))
  const rigid = LID_RIGID_CM * s
  const height = rigid + LID_FOLLOW_HEIGHT_CM * s
  travel.forEach(([, up], k) => {
    if (up === 0) return
    const u = Math.sign(up) * Math.min(Math.abs(up) * s, across)
    regions.forEach((region, eye) => {
      const f = frames[eye]!
      const toLeft = eye === 0 ? f.axis : ([-f.axis[0], -f.axis[1]] as const)
      const [upX, upY] = [toLeft[1], -toLeft[0]]
      for (let i = 0; i < cells; i++) {
        const x = cx(i)
        if (x < region.xMin || x > region.xMax) continue
        const upper = piecewiseLinearAt(region.upper, x)
        const lower = piecewiseLinearAt(region.lower, x)
        const y = cy(i)
        if (y < upper - height || y > lower + height) continue
        const t = ((x - f.outer[0]) * f.axis[0] + (y - f.outer[1]) * f.axis[1]) / f.width
        const along = smoothstep(0, 0.3, t) * (1 - smoothstep(0.7, 1, t))
        // Share of the iris's travel: the upper lid's, blending across the opening into the lower lid's, each
        // fading out over the skin away from its margin.
        const r = Math.min(1, (y - upper) / Math.max(1e-6, lower - upper))
        const vertical =
          y < upper
            ? LID_FOLLOW * (1 - smoothstep(rigid, height, upper - y))
            : y <= lower
              ? LID_FOLLOW * (1 - r) + LOWER_LID_FOLLOW * r
              : LOWER_LID_FOLLOW * (1 - smoothstep(rigid, height, y - lower))
        const w = along * vertical
        cellBasis[3 * k * cells + i] += u * upX * w
        cellBasis[(3 * k + 1) * cells + i] += u * upY * w
      }
    })
  })
}
