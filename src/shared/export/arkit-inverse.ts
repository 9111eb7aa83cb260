// ARKit blendshape weights back to the pack's directions: the inverse of `arkit-mapping.ts`, for curves imported from
// a Live Link Face CSV (exported here, or captured on a phone).
//
// Each side of a direction is read from the shapes it drives, divided by their weights:
// - Mirrored pairs: a side that drives a Left and a Right shape (smile → mouthSmileLeft/Right, gazeHorizontal + →
//   eyeLookOutLeft and eyeLookInRight) is the mean of the two. A phone capture's asymmetry (a lopsided smile) is
//   averaged, since the pack's direction moves both sides alike; the blinks and the jaw's sideways shift, which the
//   pack has per side, come back per side.
// - Shared shapes: a shape that several sides drive is first credited to the sides that also drive a shape of their
//   own (frown +, through mouthShrugLower), and what is left of it goes to the others (smile − takes the rest of
//   mouthFrown). Where two sides drive exactly the same shapes (browOuterUp − and browFurrow both drive browDown), the
//   one-sided direction takes it: browDown comes back as browFurrow, and browOuterUp's − side does not come back.
// - Sides with no ARKit shape come back from their extra column (`mimesis.lipsPress.neg`), as do directions the table
//   does not know (`mimesis.<name>.pos` / `.neg`).
// A direction's value is its + side minus its − side. Shapes the file lacks count as absent, not 0: a direction none
// of whose shapes or columns is in the file is not imported.
import { ARKIT_BLENDSHAPES, ARKIT_MAPPING, extraColumnName, type DirectionSideMapping } from './arkit-mapping'
import { BUILTIN_EXPRESSION_DIRECTIONS } from '../engine/expression-directions'

/** What a file offers for one frame: the 52 ARKit weights (NaN where the file has no column) and named extra columns. */
export interface ArkitSample {
  readonly shapes: Float64Array
  readonly extra: ReadonlyMap<string, number>
}

interface SidePlan {
  readonly row: DirectionSideMapping
  /** Indices into ARKIT_BLENDSHAPES with their weights. */
  readonly targets: readonly { readonly shape: number; readonly weight: number }[]
  /** The side drives a shape no other side drives. */
  readonly exclusive: boolean
}

const SHAPE_INDEX = new Map(ARKIT_BLENDSHAPES.map((name, i) => [name, i]))
const ONE_SIDED = new Set(BUILTIN_EXPRESSION_DIRECTIONS.filter((d) => d.oneSided === true).map((d) => d.name))

/** The order sides are read in: those with a shape of their own first, then one-sided directions, then table order. */
const PLAN: readonly SidePlan[] = (() => {
  const drivers = new Map<string, number>()
  for (const row of ARKIT_MAPPING)
    for (const t of row.targets) drivers.set(t.shape, (drivers.get(t.shape) ?? 0) + 1)
  const plans = ARKIT_MAPPING.filter((row) => row.targets.length > 0).map((row) => ({
    row,
    targets: row.targets.map((t) => ({ shape: SHAPE_INDEX.get(t.shape)!, weight: t.weight })),
    exclusive: row.targets.some((t) => drivers.get(t.shape) === 1)
  }))
  const rank = (p: SidePlan): number => (p.exclusive ? 0 : ONE_SIDED.has(p.row.direction) ? 1 : 2)
  return plans
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .map(({ p }) => p)
})()

/** The shapes a side reads: its own ones when it has any, else all of them (after the others' share is taken). */
function readSide(
  plan: SidePlan,
  shapes: Float64Array,
  credited: Float64Array,
  exclusiveShapes: ReadonlySet<number>
): number {
  const used = plan.exclusive ? plan.targets.filter((t) => exclusiveShapes.has(t.shape)) : plan.targets
  let sum = 0
  let count = 0
  for (const t of used) {
    const v = shapes[t.shape]!
    if (!Number.isFinite(v)) continue
    sum += Math.max(0, v - (plan.exclusive ? 0 : credited[t.shape]!)) / t.weight
    count++
  }
  return count === 0 ? NaN : Math.min(1, Math.max(0, sum / count))
}

const EXCLUSIVE_SHAPES: ReadonlySet<number> = (() => {
  const drivers = new Map<number, number>()
  for (const p of PLAN) for (const t of p.targets) drivers.set(t.shape, (drivers.get(t.shape) ?? 0) + 1)
  return new Set([...drivers].filter(([, n]) => n === 1).map(([shape]) => shape))
})()

/**
 * The direction values of one frame: name → value (−1..1; one-sided 0..1). Only directions the file holds something
 * of are present.
 */
export function directionValuesFromArkit(sample: ArkitSample): Map<string, number> {
  const credited = new Float64Array(ARKIT_BLENDSHAPES.length)
  const sides = new Map<string, number>()
  for (const plan of PLAN) {
    const value = readSide(plan, sample.shapes, credited, EXCLUSIVE_SHAPES)
    if (Number.isNaN(value)) continue
    sides.set(extraColumnName(plan.row.direction, plan.row.side), value)
    for (const t of plan.targets) credited[t.shape]! += value * t.weight
  }
  for (const [name, value] of sample.extra) {
    if (/^mimesis\.[^.]+\.(pos|neg)$/.test(name) && !sides.has(name)) {
      sides.set(name, Math.min(1, Math.max(0, value)))
    }
  }
  const values = new Map<string, number>()
  for (const [key, value] of sides) {
    const [, direction, side] = key.split('.') as [string, string, 'pos' | 'neg']
    values.set(direction, (values.get(direction) ?? 0) + (side === 'pos' ? value : -value))
  }
  return values
}
