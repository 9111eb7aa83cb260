import { tensorAttr, type GraphBuilder, type Value } from '../../onnx'
import { winnerRow, type WinnerRow } from './backward-map'
import { graphOps } from './graph-ops'
import { neighbourRead } from './neighbour-read'

/**
 * Two neighbouring cells are on either side of a tear when each one's read is farther than this (cells, in
 * source px over the cell size) from where the other's map, continued across the step between them, would read:
 * a surface that moved over another (the face's far cheek over the hair, the nose over the cheek) lands next to
 * texture tens of cells away in the source, while a continuous surface, however stretched, predicts its
 * neighbour to within a fraction of a cell.
 */
export const TEAR_CELLS = 2
/**
 * Two neighbouring cells whose winners lie closer in depth than this (cells, in source px over the cell size) are
 * not a tear, however far apart they read: one surface is not in front of the other. Two lids meeting in a squint
 * or a blink, or two lips pressed together, read the source an eye's or a mouth's height apart at about the same
 * depth; taken as a tear, the cells on either side each read one lid or the other through the front/back choice
 * and the squinting eye came out as a block pattern of dark slit and lid (hallo_ref7 at squint 0.5). The tears
 * this is for, a cheek over the hair behind it or the nose over the far cheek, are many cells deep.
 */
export const TEAR_MIN_DEPTH_CELLS = 1
/**
 * The front surface ends this far past its outermost points, in source cells (the avatar's points are a cell apart
 * in the source): its texture ends half a cell out (each point carries the texels within half a cell of its
 * own), but a position between four points is up to 0.71 cells from the nearest, so less would open holes along
 * the edge; 0.75 leaves a quarter cell of what lies next to the front in the source.
 */
const REACH_CELLS = 0.75
/** Distance (cells) given to a cell with no front point within one cell of its centre in x and in y. */
const FAR = 1.5
/**
 * A point belongs to a tear's front surface when it is nearer than this share of the way from the front's winner
 * to the back's: the front's points reach well behind its winner where it turns away (the far cheek's fold, whose
 * outermost points are the deepest), while the back surface's points lie at about its winner's depth.
 */
const FRONT_LIMIT_BACK_SHARE = 0.75
/** Depth limits are pooled as LIMIT_OFFSET + limit (source px), so that 0 stands for "no tear". */
const LIMIT_OFFSET = 1e6

/** The occlusion edge's values, each [1, cells]. */
export interface OcclusionEdgeValues {
  /**
   * Where the nearer (front) and the farther (back) surface of a tear read the source at each cell near it
   * (source px): a cell's own map on its own side, the other side's map extrapolated across the tear
   * (neighbourRead); both the cell's own map away from tears.
   */
  readonly lowFrontMapX: Value
  readonly lowFrontMapY: Value
  readonly lowBackMapX: Value
  readonly lowBackMapY: Value
  /**
   * Inside the front surface's outline (cells, within [-1, 1]): 1/2 at the front cells of a tear, -1/2 at its
   * back cells, so the upsampled value crosses 0 midway between them; 1 or -1 at the cells around them, by the
   * surface they read; 1 away from tears.
   */
  readonly lowFrontInside: Value
  /** 1 at the cells on either side of a tear, else 0. */
  readonly lowTearCells: Value
  /**
   * [1, cells]: the depth (source px) below which a point counts as the front surface, at the cells within one
   * cell of a tear (the largest limit of the tears within two cells, FRONT_LIMIT_BACK_SHARE); -1e9 elsewhere.
   */
  readonly lowFrontLimit: Value
}

/**
 * Occlusion edges at output-pixel precision. Where one surface has moved over another, each cell reads one or the
 * other, and the linear upsampling of the backward map between a front cell and a back cell read a strip of
 * whatever lies between the two reads in the source: the outline came out as a staircase of cells with a
 * fringe of skin or hair past it. Here the cells on either side of such a tear (TEAR_CELLS) get both surfaces'
 * reads, each extrapolated across the tear, and the signed distance inside the front's outline; after the
 * upsampling each output pixel reads the front or the back surface by that distance, anti-aliased over one output
 * px (sampleTexture). Cells of the mouth's back layer, the lips and the eyeball (`lowBackCells`) have their own
 * cuts.
 */
export function findOcclusionEdges(
  g: GraphBuilder,
  inputs: {
    picked: Value
    pointTable: Value
    winnerIndex: Value
    cov2: Value
    lowBackCells: Value
    lowMapX: Value
    lowMapY: Value
    lowDepth: Value
    cellXY: Value
    cell: Value
    image4: Value
    u: Value
    v: Value
    fu: Value
    fv: Value
    pz: Value
    hc: Value
    wc: Value
    cellsF: Value
    zero: Value
  }
): OcclusionEdgeValues {
  const { f, i64, op, sub, mul } = graphOps(g)
  const { pointTable, lowMapX, lowMapY, lowDepth, image4 } = inputs
  const image = (v: Value): Value => op('Reshape', [v, image4]) // [1, 1, hc, wc]
  const tears = findTears(g, inputs)
  const { front, back } = tears
  const tearCells = op('Cast', [op('Or', [front, back])], { to: 1 }) // [1, cells]
  // The cells whose reads a pixel next to a tear interpolates: the tear's cells and their 3x3 neighbours.
  const near = op('MaxPool', [image(tearCells)], {
    kernel_shape: [3, 3],
    pads: [1, 1, 1, 1],
    strides: [1, 1]
  })
  const at = op('Reshape', [
    op('NonZero', [op('Greater', [op('Reshape', [near, i64([-1])]), f(0.5)])]),
    i64([-1])
  ])
  const atCells = (v: Value): Value => op('Gather', [v, at], { axis: 1 }) // [1, cells] -> [1, M]
  const readOf = (isMember: Value): { x: Value; y: Value; has: Value; index: Value } => {
    const r = neighbourRead(g, { ...inputs, isMember, at, reach: 2 })
    return {
      x: op('Where', [r.has, r.mapX, atCells(lowMapX)]),
      y: op('Where', [r.has, r.mapY, atCells(lowMapY)]),
      has: r.has,
      index: r.index
    }
  }
  const frontRead = readOf(front)
  const backRead = readOf(back)
  // Inside the front's outline: REACH_CELLS minus the distance from the cell's centre to the nearest point of the
  // front surface, each point measured to the centres of the 2x2 cells around it as the layer's outline is
  // (edgeCoverage), through its own inverse Jacobian (source cells: a surface turned away is compressed across the
  // turn, not along it); then back to output cells by the front's area scale, sqrt |det J|. The distance varies
  // smoothly with the points' positions, so the upsampled value crosses 0 along the front's points rather than
  // along the cell grid.
  const frontRows = op(
    'Gather',
    [pointTable, op('Cast', [op('Reshape', [frontRead.index, i64([-1])])], { to: 7 })],
    { axis: 1 }
  ) // [11, M]: the front winner's row (WinnerRow order)
  const rowOf = (rows: Value, name: WinnerRow): Value => winnerRow(g, rows, name)
  // For the per-pixel field (frontCoverage) a point counts as the front's where it is nearer than the limit of the
  // tears around (FRONT_LIMIT_BACK_SHARE). A cell's own side and the per-cell distance keep the midpoint between the
  // front's and the back's winners around (any point where no back winner is near, none where no front winner
  // is): with the pooled limit there, the layer's own outline (where the back is the backdrop) came out rougher
  // (bench:turns, cf_0478's combined turn 2.1 -> 7.7 % over its rest ratio).
  const frontLimit = atCells(tears.frontLimit)
  const depthOfRead = (r: { index: Value }): Value =>
    // [1, M] source px
    op('Reshape', [
      op('Gather', [
        op('Reshape', [op('Slice', [pointTable, i64([2]), i64([3]), i64([0])]), i64([-1])]),
        op('Cast', [op('Reshape', [r.index, i64([-1])])], { to: 7 })
      ]),
      i64([1, -1])
    ])
  const cellLimit = op('Where', [
    frontRead.has,
    op('Where', [
      backRead.has,
      mul(op('Add', [depthOfRead(frontRead), depthOfRead(backRead)]), f(0.5)),
      f(1e9)
    ]),
    f(-1e9)
  ])
  // A cell reads its own surface through its own map (a surface is not continued into itself: the hair beside a
  // face is often stretched, and its read continued from the tear's back cells two cells away landed on the dark
  // line at the face's edge in the source); the other surface's read is continued across the tear.
  const frontSide = op('Less', [atCells(lowDepth), cellLimit])
  const ownX = atCells(lowMapX)
  const ownY = atCells(lowMapY)
  const scatter = (base: Value, values: Value): Value =>
    op('ScatterElements', [base, op('Reshape', [at, i64([1, -1])]), values], { axis: 1 })
  const unset = g.op('ConstantOfShape', [op('Shape', [lowMapX])], {
    value: tensorAttr('float32', [1], [-1e9])
  })
  const lowFrontLimit = scatter(unset, frontLimit)
  const frontDistance = nearestPointDistance(g, { ...inputs, depthLimit: scatter(unset, cellLimit), at })
  const invDet = op('Abs', [
    sub(
      mul(rowOf(frontRows, 'invA'), rowOf(frontRows, 'invD')),
      mul(rowOf(frontRows, 'invB'), rowOf(frontRows, 'invC'))
    )
  ]) // |det J^-1|: source area per output area
  const outCellsPerSourceCell = op('Reciprocal', [op('Sqrt', [op('Max', [invDet, f(1e-6)])])])
  const insideAt = op('Clip', [mul(sub(f(REACH_CELLS), frontDistance), outCellsPerSourceCell), f(-1), f(1)])
  const ones = g.op('ConstantOfShape', [op('Shape', [lowMapX])], { value: tensorAttr('float32', [1], [1]) })
  return {
    lowFrontMapX: scatter(lowMapX, op('Where', [frontSide, ownX, frontRead.x])),
    lowFrontMapY: scatter(lowMapY, op('Where', [frontSide, ownY, frontRead.y])),
    lowBackMapX: scatter(lowMapX, op('Where', [frontSide, backRead.x, ownX])),
    lowBackMapY: scatter(lowMapY, op('Where', [frontSide, backRead.y, ownY])),
    lowFrontInside: scatter(ones, insideAt),
    lowTearCells: tearCells,
    lowFrontLimit
  }
}

/**
 * At the cells `at` [M]: the distance (source cells, [1, M]: the offset through the point's inverse Jacobian) from
 * the cell's centre to the nearest point that lands in the 2x2 cells around it (ring cells fu, fu + 1 and fv,
 * fv + 1) with a depth below that cell's `depthLimit` [1, cells] (source px); FAR where none is that close.
 */
function nearestPointDistance(
  g: GraphBuilder,
  inputs: {
    u: Value
    v: Value
    fu: Value
    fv: Value
    pz: Value
    pointTable: Value
    depthLimit: Value
    at: Value
    hc: Value
    wc: Value
    cellsF: Value
    zero: Value
    image4: Value
  }
): Value {
  const { f, i64, op, add, sub, mul, take } = graphOps(g)
  const { depthLimit, at, hc, wc, cellsF, zero, image4 } = inputs
  // Only the points near the cells asked about can count: those whose own cell (fu, fv) is within one cell of
  // one with a depth limit (most frames have no tear, and a turn a few hundred cells of them).
  const limited = op(
    'MaxPool',
    [op('Reshape', [op('Cast', [op('Greater', [depthLimit, f(-1e8)])], { to: 1 }), image4])],
    {
      kernel_shape: [3, 3],
      pads: [1, 1, 1, 1],
      strides: [1, 1]
    }
  )
  const flatAll = (x: Value): Value => op('Reshape', [x, i64([-1])])
  const ownCell = op(
    'Cast',
    [op('Clip', [add(mul(flatAll(inputs.fv), wc), flatAll(inputs.fu)), f(0), sub(cellsF, f(1))])],
    {
      to: 7
    }
  )
  const near = op('Reshape', [
    op('NonZero', [op('Greater', [take(flatAll(limited), ownCell), f(0.5)])]),
    i64([-1])
  ]) // [K] point indices
  const pick = (x: Value): Value => op('Gather', [flatAll(x), near], { axis: 0 })
  const [u, v, fu, fv, pz] = [inputs.u, inputs.v, inputs.fu, inputs.fv, inputs.pz].map(pick) as [
    Value,
    Value,
    Value,
    Value,
    Value
  ]
  const row = (x: Value): Value => op('Reshape', [x, i64([1, -1])]) // [1, K]
  const ax = row(sub(u, fu))
  const ay = row(sub(v, fv))
  const bx = sub(f(1), ax)
  const by = sub(f(1), ay)
  // offsets (output cells) from the point to the centres of ring cells fu, fu + 1 (x) and fv, fv + 1 (y)
  const dx = op('Concat', [op('Neg', [ax]), bx, op('Neg', [ax]), bx], { axis: 0 }) // [4, N]
  const dy = op('Concat', [op('Neg', [ay]), op('Neg', [ay]), by, by], { axis: 0 })
  const inverse = op('Gather', [op('Slice', [inputs.pointTable, i64([6]), i64([10]), i64([0])]), near], {
    axis: 1
  })
  const [ia, ib, ic, id] = g.opMulti('Split', [inverse, i64([1, 1, 1, 1])], 4, { axis: 0 }) as [
    Value,
    Value,
    Value,
    Value
  ] // [1, N] each: J^-1 = [[a, b], [c, d]]
  const sx = add(mul(ia, dx), mul(ib, dy))
  const sy = add(mul(ic, dx), mul(id, dy))
  const dist = add(mul(sx, sx), mul(sy, sy)) // [4, N] source cells²
  const fuR = row(fu)
  const fvR = row(fv)
  const onGrid = op('And', [
    op('And', [op('GreaterOrEqual', [fuR, zero]), op('Less', [add(fuR, f(1)), wc])]),
    op('And', [op('GreaterOrEqual', [fvR, zero]), op('Less', [add(fvR, f(1)), hc])])
  ])
  const offsets = op('Reshape', [op('Concat', [f(0), f(1), wc, add(wc, f(1))], { axis: 0 }), i64([4, 1])])
  const cellOf = op('Cast', [op('Where', [onGrid, add(add(mul(fvR, wc), fuR), offsets), f(0)])], { to: 7 }) // [4, N]
  const limit = op('Reshape', [
    op('Gather', [op('Reshape', [depthLimit, i64([-1])]), op('Reshape', [cellOf, i64([-1])])]),
    i64([4, -1])
  ])
  const counts = op('And', [onGrid, op('Less', [row(pz), limit])])
  const idx = op('Where', [counts, op('Cast', [cellOf], { to: 1 }), cellsF]) // [4, N]; cellsF: the dump slot
  const canvas = g.op('ConstantOfShape', [op('Cast', [add(cellsF, f(1))], { to: 7 })], {
    value: tensorAttr('float32', [1], [FAR * FAR])
  })
  const flat = (x: Value): Value => op('Reshape', [x, i64([-1])])
  const nearest2 = op('ScatterElements', [canvas, op('Cast', [flat(idx)], { to: 7 }), flat(dist)], {
    axis: 0,
    reduction: 'min'
  })
  return op('Sqrt', [op('Reshape', [op('Gather', [nearest2, at], { axis: 0 }), i64([1, -1])])])
}

/**
 * The cells on either side of a tear (TEAR_CELLS) between 4-neighbours, [1, cells] bool each: the nearer cell of
 * the pair is the front, the farther the back.
 */
function findTears(
  g: GraphBuilder,
  inputs: {
    picked: Value
    cov2: Value
    lowBackCells: Value
    lowMapX: Value
    lowMapY: Value
    lowDepth: Value
    cell: Value
    image4: Value
  }
): { front: Value; back: Value; frontLimit: Value } {
  const { f, i64, op, add, sub, mul } = graphOps(g)
  const { picked, cov2, lowBackCells, lowMapX, lowMapY, lowDepth, cell, image4 } = inputs
  const row = (name: 'invA' | 'invB' | 'invC' | 'invD' | 'layer' | 'lipSide'): Value =>
    winnerRow(g, picked, name)
  // The mouth's back layer, the lips and the eyeballs have their own cuts.
  const excluded = op('Or', [
    op('Greater', [lowBackCells, f(0.5)]),
    op('Or', [op('Greater', [row('layer'), f(0.5)]), op('Greater', [op('Abs', [row('lipSide')]), f(0.5)])])
  ])
  const image = (v: Value): Value => op('Reshape', [v, image4]) // [1, 1, hc, wc]
  const usable = image(op('Cast', [op('And', [cov2, op('Not', [excluded])])], { to: 1 }))
  const mapX = image(lowMapX)
  const mapY = image(lowMapY)
  const depth = image(lowDepth)
  const limit = mul(mul(cell, cell), f(TEAR_CELLS * TEAR_CELLS))
  // One direction of neighbours (axis 3: the right neighbour, axis 2: the one below), each pair's cells as the
  // first (a) and the second (b); returns which of the pair is the front and which the back of a tear, on the
  // full grid.
  const sides = (
    axis: 2 | 3,
    stepX: Value,
    stepY: Value
  ): { front: Value; back: Value; limitCode: Value } => {
    const a = (v: Value): Value => op('Slice', [v, i64([0]), i64([-1]), i64([axis])])
    const b = (v: Value): Value => op('Slice', [v, i64([1]), i64([2 ** 30]), i64([axis])])
    const sq = (v: Value): Value => mul(v, v)
    const miss = (from: (v: Value) => Value, to: (v: Value) => Value, sign: number): Value =>
      add(
        sq(sub(to(mapX), add(from(mapX), mul(f(sign), mul(cell, from(stepX)))))),
        sq(sub(to(mapY), add(from(mapY), mul(f(sign), mul(cell, from(stepY))))))
      )
    const deep = op('Greater', [op('Abs', [sub(a(depth), b(depth))]), mul(cell, f(TEAR_MIN_DEPTH_CELLS))])
    const tear = op('And', [
      op('And', [op('Greater', [mul(a(usable), b(usable)), f(0.5)]), deep]),
      op('And', [op('Greater', [miss(a, b, 1), limit]), op('Greater', [miss(b, a, -1), limit])])
    ])
    const aNearer = op('Less', [a(depth), b(depth)])
    const asFloat = (v: Value): Value => op('Cast', [v], { to: 1 })
    const aFront = asFloat(op('And', [tear, aNearer]))
    const aBack = asFloat(op('And', [tear, op('Not', [aNearer])]))
    // The pair's depth limit (FRONT_LIMIT_BACK_SHARE), stored as LIMIT_OFFSET + limit so that 0 is "no tear".
    const nearer = op('Min', [a(depth), b(depth)])
    const farther = op('Max', [a(depth), b(depth)])
    const pairLimit = add(mul(farther, f(FRONT_LIMIT_BACK_SHARE)), mul(nearer, f(1 - FRONT_LIMIT_BACK_SHARE)))
    const limitCode = mul(asFloat(tear), add(f(LIMIT_OFFSET), pairLimit))
    // a is the first of its pair (pad one after), b the second (pad one before)
    const pads = (before: number): Value =>
      i64(axis === 3 ? [0, 0, 0, before, 0, 0, 0, 1 - before] : [0, 0, before, 0, 0, 0, 1 - before, 0])
    const padA = (v: Value): Value => op('Pad', [v, pads(0)])
    const padB = (v: Value): Value => op('Pad', [v, pads(1)])
    return {
      front: op('Max', [padA(aFront), padB(aBack)]),
      back: op('Max', [padA(aBack), padB(aFront)]),
      limitCode: op('Max', [padA(limitCode), padB(limitCode)])
    }
  }
  const across = sides(3, image(row('invA')), image(row('invC')))
  const down = sides(2, image(row('invB')), image(row('invD')))
  const flat = (v: Value): Value => op('Reshape', [v, i64([1, -1])])
  const front = op('Greater', [flat(op('Max', [across.front, down.front])), f(0.5)]) // [1, cells] bool
  const back = op('Greater', [flat(op('Max', [across.back, down.back])), f(0.5)])
  // The largest limit of the tears within two cells, -1e9 where none: next to the outline of a surface turned
  // away, the fold's own cells read far apart too, and their tear's limit (between two of the front's points)
  // would leave most of the front out.
  const limitCode = op('MaxPool', [op('Max', [across.limitCode, down.limitCode])], {
    kernel_shape: [5, 5],
    pads: [2, 2, 2, 2],
    strides: [1, 1]
  })
  const frontLimit = flat(
    op('Where', [op('Greater', [limitCode, f(0)]), sub(limitCode, f(LIMIT_OFFSET)), f(-1e9)])
  )
  return { front, back, frontLimit }
}
