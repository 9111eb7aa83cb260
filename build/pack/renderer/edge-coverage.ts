import { tensorAttr, type GraphBuilder, type Value } from '../../onnx'
import { GAP_FILL_RADIUS } from './gap-fill'
import { graphOps } from './graph-ops'

/**
 * The moving layer ends this far (cells) past its outermost points: a cell centre farther than this from every
 * moved point is off the layer. One cell keeps the gaps between the points of a surface stretched up to twice
 * (the near side of a turn) inside it.
 */
export const EDGE_REACH = 1
/** Only cells this close (cells) to one the gap fill leaves uncovered are judged: the gap fill's reach + 1. */
export const OUTLINE_REACH = GAP_FILL_RADIUS + 1
/** Distance (cells) given to a cell with no point within one cell of its centre in x and in y. */
const FAR = 1.5

export interface EdgeCoverageValues {
  /**
   * [1, cells]: signed distance (cells, within [-1, 1]) inside the moving layer's edge, EDGE_REACH past its
   * outermost moved points; 1 away from the outline. Upsampled with the map, its zero line is the layer's outline.
   */
  readonly lowEdge: Value
}

/**
 * The moving layer's outline at sub-cell precision, from where its points actually are. Every point writes its
 * distance (cells) to the centres of the 2x2 cells around it with ScatterElements(reduction = 'min'), so each cell
 * holds the distance to its nearest point (FAR where none is that close). A cell farther than EDGE_REACH from
 * every point is off the layer: past the fold of a surface turning away (the far cheek) the gap fill's cells read
 * the texture through an extrapolated map and showed a band of stretched skin whose end followed the cell grid.
 * The distance varies smoothly with the points' positions, so its linear upsampling puts the edge between cells,
 * along the points. Only cells within OUTLINE_REACH of a cell the gap fill leaves uncovered are judged: a gap
 * inside the layer (a disocclusion behind the nose, parted hair) keeps what the fill extrapolates rather than
 * showing the plate. Where the read reaches the background first, the person alpha still draws the outline.
 */
export function edgeCoverage(
  g: GraphBuilder,
  inputs: {
    u: Value
    v: Value
    fu: Value
    fv: Value
    covered: Value
    image4: Value
    hc: Value
    wc: Value
    cellsF: Value
    zero: Value
  }
): EdgeCoverageValues {
  const { f, i64, op, add, sub, mul } = graphOps(g)
  const { u, v, fu, fv, covered, image4, hc, wc, cellsF, zero } = inputs
  const row = (x: Value): Value => op('Reshape', [x, i64([1, -1])]) // [1, N]
  // Offsets of each point from the centres of the 2x2 cells around it (ring cells fu, fu + 1 and fv, fv + 1).
  const ax = row(sub(u, fu))
  const ay = row(sub(v, fv))
  const bx = sub(f(1), ax)
  const by = sub(f(1), ay)
  const [ax2, ay2, bx2, by2] = [ax, ay, bx, by].map((x) => mul(x, x)) as [Value, Value, Value, Value]
  const dist = op('Concat', [add(ax2, ay2), add(bx2, ay2), add(ax2, by2), add(bx2, by2)], { axis: 0 }) // [4, N]
  // A point whose 2x2 block is not wholly on the grid (the ring) writes nowhere.
  const fuR = row(fu)
  const fvR = row(fv)
  const onGrid = op('And', [
    op('And', [op('GreaterOrEqual', [fuR, zero]), op('Less', [add(fuR, f(1)), wc])]),
    op('And', [op('GreaterOrEqual', [fvR, zero]), op('Less', [add(fvR, f(1)), hc])])
  ])
  const offsets = op('Reshape', [op('Concat', [f(0), f(1), wc, add(wc, f(1))], { axis: 0 }), i64([4, 1])])
  const idx = op('Where', [onGrid, add(add(mul(fvR, wc), fuR), offsets), cellsF]) // [4, N]
  const canvas = g.op('ConstantOfShape', [op('Cast', [add(cellsF, f(1))], { to: 7 })], {
    value: tensorAttr('float32', [1], [FAR * FAR])
  })
  const flat = (x: Value): Value => op('Reshape', [x, i64([-1])])
  const nearest2 = op('ScatterElements', [canvas, op('Cast', [flat(idx)], { to: 7 }), flat(dist)], {
    axis: 0,
    reduction: 'min'
  })
  const nearest = op('Sqrt', [
    op('Reshape', [
      op('Slice', [nearest2, i64([0]), op('Cast', [cellsF], { to: 7 }), i64([0])]),
      i64([1, -1])
    ])
  ]) // [1, cells]
  // Within OUTLINE_REACH of an uncovered cell: a (2 OUTLINE_REACH + 1)² max-pool, as a row pass and a column pass.
  const reach = 2 * OUTLINE_REACH + 1
  const uncovered = op('Reshape', [op('Cast', [op('Not', [covered])], { to: 1 }), image4])
  const rowPass = op('MaxPool', [uncovered], {
    kernel_shape: [1, reach],
    pads: [0, OUTLINE_REACH, 0, OUTLINE_REACH],
    strides: [1, 1]
  })
  const nearOutside = op('Reshape', [
    op('MaxPool', [rowPass], {
      kernel_shape: [reach, 1],
      pads: [OUTLINE_REACH, 0, OUTLINE_REACH, 0],
      strides: [1, 1]
    }),
    i64([1, -1])
  ])
  const inside = op('Clip', [sub(f(EDGE_REACH), nearest), f(-1), f(1)])
  const lowEdge = op('Where', [op('Greater', [nearOutside, f(0.5)]), inside, f(1)])
  return { lowEdge }
}
