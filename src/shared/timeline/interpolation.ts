/**
 * How the value travels over the segment that LEAVES a key (from this key to the next one).
 * The last key's interpolation is kept but unused until a later key is added.
 */
export type Interpolation = 'linear' | 'hold' | 'easeIn' | 'easeOut' | 'easeInOut' | 'bezier'

export const INTERPOLATIONS: readonly Interpolation[] = [
  'linear',
  'hold',
  'easeIn',
  'easeOut',
  'easeInOut',
  'bezier'
]

/**
 * One Bezier handle, relative to the key it belongs to (After Effects / Blender style, normalised in time).
 * - `dt`: time offset as a FRACTION of the segment duration, 0..1. For an out-handle it is measured
 *   forward from this key; for an in-handle it is measured backward from the next key.
 *   Clamped to 0..1 on evaluation so the curve stays a function of time.
 * - `dv`: value offset in the track's own units (e.g. degrees for yaw), added to the key's value.
 *   For an out-handle, relative to this key's value; for an in-handle, relative to the next key's value.
 *
 * In absolute terms, for a segment from (t0, v0) to (t1, v1):
 *   P0 = (t0, v0)
 *   P1 = (t0 + out.dt * (t1 - t0), v0 + out.dv)
 *   P2 = (t1 - in.dt * (t1 - t0), v1 + in.dv)
 *   P3 = (t1, v1)
 */
export interface BezierHandle {
  readonly dt: number
  readonly dv: number
}

/**
 * Handles of a 'bezier' segment, stored on the key that starts the segment:
 * `out` is this key's out-handle, `in` is the NEXT key's in-handle for this segment.
 */
export interface BezierHandles {
  readonly out: BezierHandle
  readonly in: BezierHandle
}

/** Flat tangents at one third of the segment: a smooth S that never overshoots its endpoints. */
export const DEFAULT_BEZIER_HANDLES: BezierHandles = {
  out: { dt: 1 / 3, dv: 0 },
  in: { dt: 1 / 3, dv: 0 }
}

/**
 * The fixed easings, as CSS-style normalised cubic Beziers (x1, y1, x2, y2) on the unit square:
 * x is the fraction of segment time, y the fraction of the value change. These are the CSS
 * `ease-in`, `ease-out` and `ease-in-out` curves.
 */
export const EASING_CURVES = {
  easeIn: [0.42, 0, 1, 1],
  easeOut: [0, 0, 0.58, 1],
  easeInOut: [0.42, 0, 0.58, 1]
} as const satisfies Record<'easeIn' | 'easeOut' | 'easeInOut', readonly [number, number, number, number]>
