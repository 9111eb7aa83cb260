import { eyeRing, INNER_LIP_RING, LEFT_EYE, RIGHT_EYE } from '../expression/face-regions'

/** A polygon in source px. */
export type Polygon = readonly (readonly [number, number])[]

/** An opening of the face surface (the mouth between the inner lips, an eye between the lid margins). */
export interface FaceOpening {
  /** Landmark indices of its rim, in order round it. */
  readonly ring: readonly number[]
  readonly ringSet: ReadonlySet<number>
  /** The rim as a polygon, source px. */
  readonly polygon: Polygon
  /**
   * Depth (source px) of the opening's surface at source px (x, y): inverse-square-distance weighting of the
   * depths of its rim landmarks. The layers behind the openings follow it (plus an offset), so that they turn
   * with the face around them instead of sitting on one flat depth (the rim of an eye spans 1–2 cm of depth:
   * a flat plane slid the eye corners by several px against the skin at a 30 degree turn).
   */
  readonly surfaceDepth: (x: number, y: number) => number
}

export interface FaceOpenings {
  readonly mouth: FaceOpening
  /** Subject's right eye, then left. */
  readonly eyes: readonly FaceOpening[]
}

/**
 * The mouth and eye openings of a face from its 468 landmarks (x, y, z in source px); `cell` (source px)
 * softens the rim weighting of surfaceDepth so a cell centre on a rim landmark does not take its depth alone.
 */
export function faceOpenings(landmarks: ArrayLike<number>, cell: number): FaceOpenings {
  const lm = landmarks
  const opening = (ring: readonly number[]): FaceOpening => ({
    ring,
    ringSet: new Set<number>(ring),
    polygon: ring.map((i) => [lm[3 * i]!, lm[3 * i + 1]!] as const),
    surfaceDepth: (x, y) => {
      let sw = 0
      let sz = 0
      for (const i of ring) {
        const w = 1 / ((lm[3 * i]! - x) ** 2 + (lm[3 * i + 1]! - y) ** 2 + 0.25 * cell * cell)
        sw += w
        sz += w * lm[3 * i + 2]!
      }
      return sz / sw
    }
  })
  // Eye openings: their triangles are left out of the skin too; a static eyeball layer sits behind the lids.
  return { mouth: opening(INNER_LIP_RING), eyes: [RIGHT_EYE, LEFT_EYE].map((e) => opening(eyeRing(e))) }
}

/** Whether source px (x, y) lies inside `poly` (even-odd rule). */
export function inPolygon(x: number, y: number, poly: Polygon): boolean {
  let inside = false
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!
    const [xj, yj] = poly[j]!
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** Distance (source px) from (x, y) to the closed polygon `poly`; 0 inside it. */
export function distanceToPolygon(x: number, y: number, poly: Polygon): number {
  return inPolygon(x, y, poly) ? 0 : distanceToRim(x, y, poly)
}

/** Distance (source px) from (x, y) to the edges of the closed polygon `poly`, inside or out. */
export function distanceToRim(x: number, y: number, poly: Polygon): number {
  let best = Infinity
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [ax, ay] = poly[j]!
    const [bx, by] = poly[i]!
    const dx = bx - ax
    const dy = by - ay
    const u = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy || 1)))
    best = Math.min(best, Math.hypot(x - ax - u * dx, y - ay - u * dy))
  }
  return best
}
