import { GraphBuilder, tensorAttr, type Value } from '../onnx'
import { type StageSpec } from '../../src/shared/engine/pack-manifest'
import {
  BACK_TEXTURE_CHANNELS,
  POINT_ATTR_CHANNELS,
  TEXTURE_CHANNELS
} from '../../src/shared/engine/renderer-layout'

export { TEXTURE_CHANNELS }

/** Half-size, in cells, of the window that fills gaps from the farthest point around. */
export const GAP_FILL_RADIUS = 3

/** Smallest determinant of a point's forward Jacobian used for its inverse (stronger compression is clamped). */
const MIN_JACOBIAN_DET = 0.2
/** A winner deeper than this many leakDepths behind its neighbour may be a real opening (the mouth), not a crack. */
const LEAK_RANGE = 3
/** Cells (in cell sizes) that count as "well inside" for the lip cut: skin away from the lips, uncovered cells. */
const LIP_CUT_FAR = 2
/** A lip point reading less than this (cells) past its lip's inner edge at a cell still counts as there. */
const LIP_TEST_TOLERANCE = 0.25
/**
 * Lips are only cut once the expression has parted them by this much on average (cells): a smile or a pucker
 * shifts the lips against each other a little, which would otherwise cut dotted gaps along the seam.
 */
const LIP_PARTING_MIN = 1
/** Lip points within this many cells of their lip's inner edge measure the parting. */
const LIP_EDGE_BAND = 1.5
/** Largest texture offset, in cells, a covered cell may read away from its winning point's source texel. */
const MAX_EXTRAPOLATION = 4

/**
 * The per-frame renderer: expressed points + camera -> RGBA over the background plate, and depth.
 *
 * Frames: "source px" are pixels of the portrait (x right, y down, pixel centres at i + 0.5); point z is
 * depth in source px, smaller = closer to the camera (MediaPipe's convention).
 *
 * 1. Head orbit: every point rotates about the head pivot by R = Rroll Rpitch Ryaw, blended by its rigidity
 *    w (1 = head, 0 = torso/background): p' = p + w (R (p - pivot) + pivot - p). Orthographic projection.
 * 2. Forward splat with a z-test at the avatar's cell size: each point writes key = depth_bin * N + index
 *    into the 2x2 cells around it with ScatterElements(reduction = 'min'), so each cell keeps its nearest
 *    point (self-occlusion: the nose hides the far cheek). Keys stay below 2^24, exact in float32.
 *    An empty cell then takes its nearest 3x3 neighbour (cracks), or else the farthest point in 7x7 (gaps).
 * 3. Each covered cell turns the winning point into a backward map: source = src(point) + R_roll^-1 (cell -
 *    projected(point)); uncovered cells map to themselves with coverage 0 (the plate shows there).
 * 4. One linear Resize (tf_crop_and_resize) takes the low-resolution map, coverage, layer and depth to the
 *    output size and applies zoom and pan; one GridSample reads the 4-channel texture at full resolution. The
 *    mouth back layer's colour (a dark cavity with a hint of teeth, soft by nature) is sampled per cell from
 *    `backTexture` and rides along in the same Resize, so the full-resolution GridSample stays at 4 channels.
 * 5. Composite: colour = mix(source RGB, back-layer RGB, layer); alpha = coverage * person alpha;
 *    rgb = plate + alpha (colour - plate).
 */
export function buildRendererGraph(): { bytes: Uint8Array; spec: Omit<StageSpec, 'file'> } {
  const g = new GraphBuilder('mimesis_volume_renderer', { opset: 18, producerName: 'mimesis-build-pack' })
  const points = g.input('points', 'float32', [1, 3, 'N'])
  const attrs = g.input('pointAttrs', 'float32', [1, POINT_ATTR_CHANNELS, 'N'])
  // Point indices of each point's grid neighbours in its own layer: left, right, up, down (itself where none).
  const neighbours = g.input('pointNeighbours', 'int64', [4, 'N'])
  const camera = g.input('camera', 'float32', [6])
  const view = g.input('view', 'float32', [10])
  const gridShape = g.input('gridShape', 'int64', [2])
  // Source RGB and person alpha, padded by the same number of px on each side where the layer reaches the
  // frame's edge (Ht = H + 2 pad).
  const texture = g.input('texture', 'float32', [1, TEXTURE_CHANNELS, 'Ht', 'Wt'])
  // The plate comes padded by one edge-replicated pixel on each side ([H + 2, W + 2]): onnxruntime skips Resize
  // (ignoring the roi) when the output size equals the input size, which would drop zoom and pan.
  const plate = g.input('plate', 'float32', [1, 3, 'Hp', 'Wp'])
  const backTexture = g.input('backTexture', 'float32', [1, BACK_TEXTURE_CHANNELS, 'H', 'W'])
  const outSize = g.input('outSize', 'int64', [2])

  const f = (v: number): Value => g.constant('float32', [1], [v], 'c')
  const i64 = (vals: number[]): Value => g.int64s(vals)
  const op = (
    type: string,
    inputs: (Value | null)[],
    attrs: Record<string, number | string | number[]> = {}
  ) => g.op(type, inputs, attrs)
  const add = (a: Value, b: Value): Value => op('Add', [a, b])
  const sub = (a: Value, b: Value): Value => op('Sub', [a, b])
  const mul = (a: Value, b: Value): Value => op('Mul', [a, b])
  const div = (a: Value, b: Value): Value => op('Div', [a, b])
  const slice = (x: Value, start: number, end: number, axis: number): Value =>
    op('Slice', [x, i64([start]), i64([end]), i64([axis])])
  const cam = (i: number): Value => slice(camera, i, i + 1, 0)
  const vw = (i: number): Value => slice(view, i, i + 1, 0)

  // --- 1. rotation matrix from yaw, pitch, roll (degrees)
  const rad = (v: Value): Value => mul(v, f(Math.PI / 180))
  const [yaw, pitch, roll] = [rad(cam(0)), rad(cam(1)), rad(cam(2))]
  const zoom = cam(3)
  const [panX, panY] = [cam(4), cam(5)]
  const [ca, sa, cb, sb, cc, sc] = [
    op('Cos', [yaw]),
    op('Sin', [yaw]),
    op('Cos', [pitch]),
    op('Sin', [pitch]),
    op('Cos', [roll]),
    op('Sin', [roll])
  ]
  const zero = f(0)
  const oneV = f(1)
  const neg = (v: Value): Value => op('Neg', [v])
  const mat = (entries: Value[]): Value => op('Reshape', [op('Concat', entries, { axis: 0 }), i64([3, 3])])
  const rYaw = mat([ca, zero, sa, zero, oneV, zero, neg(sa), zero, ca])
  const rPitch = mat([oneV, zero, zero, zero, cb, neg(sb), zero, sb, cb])
  const rRoll = mat([cc, neg(sc), zero, sc, cc, zero, zero, zero, oneV])
  const rot = op('MatMul', [rRoll, op('MatMul', [rPitch, rYaw])])

  const pivot = op('Reshape', [slice(view, 0, 3, 0), i64([1, 3, 1])])
  const cell = vw(3)
  const sigma = vw(4)
  const [srcW, srcH] = [vw(5), vw(6)]
  // The splat grid covers a window of the portrait (the head and the room it may turn into), whose top-left
  // corner is at source px (originX, originY).
  const [originX, originY] = [vw(8), vw(9)]
  // view[7]: depth step (source px) beyond which a point seen through a one-cell gap of a nearer surface counts
  // as a crack (see the crack fill below).
  const centred = sub(points, pivot)
  const rigidity = slice(attrs, 2, 3, 1)
  const moved = add(points, mul(rigidity, sub(op('MatMul', [rot, centred]), centred)))
  const px = slice(moved, 0, 1, 1) // [1,1,N]
  const py = slice(moved, 1, 2, 1)
  const pz = slice(moved, 2, 3, 1)

  // --- the forward map's local inverse Jacobian (used by the splat's lip test and the backward map)
  // Local inverse Jacobian of the forward map source px -> output px at every point, from its neighbours'
  // moved positions (central differences where both exist): a surface turned away from the camera is
  // compressed, and a cell that is up to a cell away from its winning point must read the texture that much
  // further away in the source, not the same distance (that slid the far side of a turned face outward).
  const movedXY = op('Reshape', [slice(moved, 0, 2, 1), i64([2, -1])]) // [2, N]
  const srcX = op('Reshape', [slice(attrs, 0, 1, 1), i64([1, -1])])
  const srcY = op('Reshape', [slice(attrs, 1, 2, 1), i64([1, -1])])
  // Each point's four neighbours' moved x, y and source x, y: one Gather of contiguous [N, 4] rows for all
  // four neighbour sets (gathering columns of [2, N] and [1, N], eight times, cost about 2 ms at 25 k points).
  const nbTable = op('Transpose', [op('Concat', [movedXY, srcX, srcY], { axis: 0 })], { perm: [1, 0] }) // [N, 4]
  const nbRows = op('Reshape', [
    op('Transpose', [op('Gather', [nbTable, op('Reshape', [neighbours, i64([-1])])], { axis: 0 })], {
      perm: [1, 0]
    }),
    i64([4, 4, -1])
  ]) // [value (moved x, moved y, src x, src y), neighbour (left, right, up, down), N]
  const nbOf = g
    .opMulti('Split', [nbRows, i64([1, 1, 1, 1])], 4, { axis: 1 })
    .map((v) => op('Reshape', [v, i64([4, -1])])) // 4 x [4, N]
  const column = (lo: Value, hi: Value, srcRow: 2 | 3, fallback: [number, number]): Value => {
    const d = sub(hi, lo) // [4, N]
    const dp = slice(d, 0, 2, 0)
    const ds = slice(d, srcRow, srcRow + 1, 0) // [1, N]
    const has = op('Greater', [op('Abs', [ds]), f(1e-3)])
    const safe = op('Where', [has, ds, oneV])
    const fb = g.constant('float32', [2, 1], fallback, 'jacobian_fallback')
    return op('Where', [has, div(dp, safe), fb]) // [2, N]: d(output x, y) / d(source coordinate)
  }
  const jx = column(nbOf[0]!, nbOf[1]!, 2, [1, 0])
  const jy = column(nbOf[2]!, nbOf[3]!, 3, [0, 1])
  const [ja, jc] = g.opMulti('Split', [jx, i64([1, 1])], 2, { axis: 0 })
  const [jb, jd] = g.opMulti('Split', [jy, i64([1, 1])], 2, { axis: 0 })
  // A fold (det <= 0) or an extreme compression reads at most 1/MIN_DET further than the identity map.
  const det = op('Max', [sub(mul(ja!, jd!), mul(jb!, jc!)), f(MIN_JACOBIAN_DET)])
  const inverse = div(op('Concat', [jd!, neg(jb!), neg(jc!), ja!], { axis: 0 }), det) // [4, N] row-major

  // --- 2. splat with a z-test
  const gridF = op('Cast', [gridShape], { to: 1 })
  const hc = add(slice(gridF, 0, 1, 0), f(2)) // one ring of cells around the grid
  const wc = add(slice(gridF, 1, 2, 0), f(2))
  const cellsF = mul(hc, wc)
  const nPoints = op('Cast', [slice(op('Shape', [points]), 2, 3, 0)], { to: 1 }) // [1]
  // cell-index space incl. the ring: the centre of ring cell i is at originX + (i - 1 + 0.5) * cell
  const u = add(div(sub(px, originX), cell), f(0.5))
  const v = add(div(sub(py, originY), cell), f(0.5))
  const fu = op('Floor', [u])
  const fv = op('Floor', [v])
  const zMin = op('ReduceMin', [pz], { keepdims: 0 })
  const zMax = op('ReduceMax', [pz], { keepdims: 0 })
  // Depth bins use the lower half of the key range; the upper half holds lip points whose texture read at a
  // candidate cell lies past their lip's inner edge, so that any surface actually there wins that cell (the
  // other lip where the lips touch or overlap, the mouth's back layer where they part).
  const bins = sub(op('Floor', [div(f(8388608), nPoints)]), f(1))
  const depthBin = op('Round', [mul(div(sub(pz, zMin), add(sub(zMax, zMin), f(1e-3))), sub(bins, f(1)))])
  const indexF = op('Reshape', [op('Range', [zeroScalar(), squeeze(nPoints), oneScalar()]), i64([1, 1, -1])])
  const key = add(mul(depthBin, nPoints), indexF)
  const flatKey = op('Reshape', [key, i64([1, -1])])
  const cellIndexOf = (du: number, dv: number): Value => {
    const cu = add(fu, f(du - 1))
    const cv = add(fv, f(dv - 1))
    const inside = op('And', [
      op('And', [op('GreaterOrEqual', [cu, zero]), op('Less', [cu, wc])]),
      op('And', [op('GreaterOrEqual', [cv, zero]), op('Less', [cv, hc])])
    ])
    return op('Where', [inside, add(mul(cv, wc), cu), cellsF])
  }
  const CANDIDATES = [
    [0, 0],
    [1, 0],
    [0, 1],
    [1, 1]
  ] as const
  const candidatesIdx = CANDIDATES.map(([du, dv]) => cellIndexOf(du, dv))

  // The lip test runs on the lip points alone (a few hundred of the N points), gathered by index.
  const lipSideAll = op('Reshape', [slice(attrs, 4, 5, 1), i64([1, -1])]) // [1, N]
  const lipIdx = op('Reshape', [
    op('NonZero', [op('Reshape', [op('Greater', [op('Abs', [lipSideAll]), f(0.5)]), i64([-1])])]),
    i64([-1])
  ]) // [M]
  const onLips = (x: Value): Value => op('Gather', [op('Reshape', [x, i64([1, -1])]), lipIdx], { axis: 1 }) // [1, M]
  const lipSide = onLips(lipSideAll)
  const [lipSrcX, lipSrcY, lipX, lipY, lipFu, lipFv] = [srcX, srcY, px, py, fu, fv].map(onLips) as [
    Value,
    Value,
    Value,
    Value,
    Value,
    Value
  ]
  const lipInv = [0, 1, 2, 3].map((k) => onLips(slice(inverse, k, k + 1, 0)))
  const limit = mul(cell, f(MAX_EXTRAPOLATION))
  const clampL = (x: Value): Value => op('Min', [op('Max', [x, neg(limit)]), limit])
  // Where each lip point's texture read at the centre of each of its candidate cells falls (as the backward map
  // computes it).
  const reads = CANDIDATES.map(([du, dv]) => {
    const ox = sub(add(originX, mul(sub(add(lipFu, f(du - 1)), f(0.5)), cell)), lipX)
    const oy = sub(add(originY, mul(sub(add(lipFv, f(dv - 1)), f(0.5)), cell)), lipY)
    return {
      x: add(lipSrcX, clampL(add(mul(lipInv[0]!, ox), mul(lipInv[1]!, oy)))),
      y: add(lipSrcY, clampL(add(mul(lipInv[2]!, ox), mul(lipInv[3]!, oy))))
    }
  })
  // Signed distances into the upper and the lower lip (backTexture channels 3, 4) at each lip point's own
  // source px and at its four reads, in one GridSample.
  const lipDistanceTexture = op('Slice', [backTexture, i64([3]), i64([5]), i64([1])]) // [1, 2, H, W]
  const coord = (parts: Value[], len: Value): Value =>
    op('Unsqueeze', [sub(mul(op('Concat', parts, { axis: 1 }), div(f(2), len)), f(1)), i64([2])])
  const lipGrid = op('Unsqueeze', [
    op(
      'Concat',
      [coord([lipSrcX, ...reads.map((r) => r.x)], srcW), coord([lipSrcY, ...reads.map((r) => r.y)], srcH)],
      { axis: 2 }
    ),
    i64([0])
  ]) // [1, 1, 5M, 2]
  const lipSampled = op('Reshape', [
    g.op('GridSample', [lipDistanceTexture, lipGrid], {
      align_corners: 0,
      mode: 'bilinear',
      padding_mode: 'border'
    }),
    i64([2, -1])
  ])
  // 5 x [2, M] (Slice, not Split: M is 0 for a portrait whose lips are not cut)
  const lipCount = op('Shape', [lipIdx]) // [1], int64
  const part = (k: number): Value =>
    op('Slice', [lipSampled, op('Mul', [lipCount, i64([k])]), op('Mul', [lipCount, i64([k + 1])]), i64([1])])
  const [ownDist, ...readDist] = [0, 1, 2, 3, 4].map(part)
  // The lip cut only runs while the lips part: the mean downward expression motion (source px) of the lower
  // lip's edge points minus that of the upper lip's (points within LIP_EDGE_BAND cells of their inner edge; a
  // smile lifts both lips and the cheeks above). At zero code, with the lips pressed together or closing an
  // open mouth, or under a head turn alone it is 0 or less: nothing is cut.
  const expressionDy = sub(onLips(slice(points, 1, 2, 1)), lipSrcY)
  const meanDy = (mask: Value): Value => {
    const m = op('Cast', [mask], { to: 1 })
    return div(
      op('ReduceSum', [mul(m, expressionDy)], { keepdims: 0 }),
      op('Max', [op('ReduceSum', [m], { keepdims: 0 }), f(1)])
    )
  }
  const nearEdge = (d: Value): Value => op('Less', [d, mul(cell, f(LIP_EDGE_BAND))])
  const parting = sub(
    meanDy(op('And', [op('Less', [lipSide, f(-0.5)]), nearEdge(slice(ownDist!, 1, 2, 0))])),
    meanDy(op('And', [op('Greater', [lipSide, f(0.5)]), nearEdge(slice(ownDist!, 0, 1, 0))]))
  )
  const lipsParted = op('Greater', [parting, mul(cell, f(LIP_PARTING_MIN))])
  const upperSide = op('Greater', [lipSide, zero])
  const penaltyKey = mul(mul(bins, nPoints), op('Cast', [lipsParted], { to: 1 }))
  const noPenalty = mul(flatKey, zero) // [1, N] zeros
  const lipIdxRow = op('Reshape', [lipIdx, i64([1, -1])])
  const candidateKeys = readDist.map((d) => {
    const ownLip = op('Where', [upperSide, slice(d, 0, 1, 0), slice(d, 1, 2, 0)])
    const past = op('Cast', [op('Less', [ownLip, mul(cell, f(-LIP_TEST_TOLERANCE))])], { to: 1 })
    const penalty = op('ScatterElements', [noPenalty, lipIdxRow, mul(past, penaltyKey)], { axis: 1 })
    return add(flatKey, penalty)
  })
  const flat = (x: Value): Value => op('Reshape', [x, i64([-1])])
  const scatterIdx = op('Cast', [flat(op('Concat', candidatesIdx, { axis: 0 }))], { to: 7 })
  const scatterKey = flat(op('Concat', candidateKeys, { axis: 0 }))
  const canvasSize = op('Cast', [add(cellsF, f(1))], { to: 7 })
  const canvas = g.op('ConstantOfShape', [canvasSize], { value: tensorAttr('float32', [1], [16777216]) })
  const splat = op('ScatterElements', [canvas, scatterIdx, scatterKey], { axis: 0, reduction: 'min' })
  const cellsI = op('Cast', [cellsF], { to: 7 })
  const rawWinner = op('Slice', [splat, i64([0]), cellsI, i64([0])]) // [cells]
  // Crack and gap fill, so surfaces stretched more than the 2x2 footprint covers stay closed.
  const hcI0 = op('Cast', [hc], { to: 7 })
  const wcI0 = op('Cast', [wc], { to: 7 })
  const image4 = op('Concat', [i64([1, 1]), hcI0, wcI0], { axis: 0 })
  // Two stages: one-cell cracks (a stretched lid, a stretched cheek) take the nearest neighbour, so a surface
  // closes over itself and its flow is extrapolated; wider gaps are filled below.
  const rawFilled = op('Less', [rawWinner, f(16777216)])
  const nearest = op('Reshape', [
    op('Neg', [
      op('MaxPool', [op('Neg', [op('Reshape', [rawWinner, image4])])], {
        kernel_shape: [3, 3],
        pads: [1, 1, 1, 1],
        strides: [1, 1]
      })
    ]),
    i64([-1])
  ])
  // A back-layer point (eyeball, mouth interior) showing through a crack of the skin in front of it is a crack
  // too: when the winner is more than `leakDepth` (source px) behind its nearest neighbour, the nearest point
  // wins. The mouth cavity (more than LEAK_RANGE x leakDepth deep) only counts when it is sandwiched, i.e.
  // behind both of its vertical or both of its horizontal neighbours (a one-cell crack): between parted lips it
  // must show, and the lip next to it would otherwise smear over the opening's edge.
  const binOf = (k: Value): Value => op('Floor', [div(k, nPoints)])
  const binsPerPx = div(sub(bins, f(1)), add(sub(zMax, zMin), f(1e-3)))
  const winnerBin = binOf(rawWinner)
  const leakBins = mul(vw(7), binsPerPx)
  const winnerBinImage = op('Reshape', [winnerBin, image4])
  const fartherOfPair = (kernel: [number, number], pads: [number, number, number, number]): Value =>
    op('Reshape', [
      op('MaxPool', [winnerBinImage], { kernel_shape: kernel, dilations: kernel, pads }),
      i64([-1])
    ])
  const sandwichBin = op('Min', [
    fartherOfPair([2, 1], [1, 0, 1, 0]), // the farther of the cells above and below
    fartherOfPair([1, 2], [0, 1, 0, 1]) // the farther of the cells left and right
  ])
  const behind = sub(winnerBin, binOf(nearest))
  const leak = op('And', [
    op('Greater', [behind, leakBins]),
    op('Or', [
      op('Less', [behind, mul(leakBins, f(LEAK_RANGE))]),
      op('Greater', [sub(winnerBin, sandwichBin), leakBins])
    ])
  ])
  const stage1 = op('Where', [op('And', [rawFilled, op('Not', [leak])]), rawWinner, nearest])
  const stage1Filled = op('Less', [stage1, f(16777216)])
  // Wider gaps take the farthest point of the 7x7 neighbourhood, with its flow extrapolated: beyond the head's
  // silhouette that lands on the old background (alpha 0, the plate shows), inside it on the far surface.
  const pooled = op('MaxPool', [op('Reshape', [op('Where', [stage1Filled, stage1, f(-1)]), image4])], {
    kernel_shape: [2 * GAP_FILL_RADIUS + 1, 2 * GAP_FILL_RADIUS + 1],
    pads: [GAP_FILL_RADIUS, GAP_FILL_RADIUS, GAP_FILL_RADIUS, GAP_FILL_RADIUS],
    strides: [1, 1]
  })
  const pooledFlat = op('Reshape', [pooled, i64([-1])])
  const winner = op('Where', [
    stage1Filled,
    stage1,
    op('Where', [op('GreaterOrEqual', [pooledFlat, zero]), pooledFlat, f(16777216)])
  ])
  const covered = op('Less', [winner, f(16777216)])
  const winnerIndex = op('Cast', [op('Mod', [winner, nPoints], { fmod: 1 })], { to: 7 })

  // --- 3. backward map per cell
  const table = op('Reshape', [
    op(
      'Concat',
      [
        px,
        py,
        pz,
        slice(attrs, 0, 1, 1),
        slice(attrs, 1, 2, 1),
        slice(attrs, 3, 4, 1),
        op('Reshape', [inverse, i64([1, 4, -1])]),
        slice(attrs, 4, 5, 1)
      ],
      {
        axis: 1
      }
    ),
    i64([11, -1])
  ])
  // Gather rows of a [N, 6] table (contiguous) rather than columns of [6, N].
  const picked = op(
    'Transpose',
    [op('Gather', [op('Transpose', [table], { perm: [1, 0] }), winnerIndex], { axis: 0 })],
    {
      perm: [1, 0]
    }
  ) // [11, cells]
  const row = (i: number): Value => slice(picked, i, i + 1, 0) // [1, cells]
  const colIdx = op('Range', [zeroScalar(), squeeze(wc), oneScalar()])
  const rowIdx = op('Range', [zeroScalar(), squeeze(hc), oneScalar()])
  const tx = add(originX, mul(sub(colIdx, f(0.5)), cell))
  const ty = add(originY, mul(sub(rowIdx, f(0.5)), cell))
  const hcI = op('Cast', [hc], { to: 7 })
  const wcI = op('Cast', [wc], { to: 7 })
  const gridHW = op('Concat', [hcI, wcI], { axis: 0 })
  const txFull = op('Reshape', [op('Expand', [op('Reshape', [tx, i64([1, -1])]), gridHW]), i64([1, -1])])
  const tyFull = op('Reshape', [op('Expand', [op('Reshape', [ty, i64([-1, 1])]), gridHW]), i64([1, -1])])
  const rx = sub(txFull, row(0))
  const ry = sub(tyFull, row(1))
  // Offset read in the source, at most MAX_EXTRAPOLATION cells from the winning point's own texel.
  const lim = mul(cell, f(MAX_EXTRAPOLATION))
  const clampOffset = (v: Value): Value => op('Min', [op('Max', [v, neg(lim)]), lim])
  const mapX = add(row(3), clampOffset(add(mul(row(6), rx), mul(row(7), ry))))
  const mapY = add(row(4), clampOffset(add(mul(row(8), rx), mul(row(9), ry))))
  const cov2 = op('Reshape', [covered, i64([1, -1])])
  const lowMapX = op('Where', [cov2, mapX, txFull])
  const lowMapY = op('Where', [cov2, mapY, tyFull])
  const lowCov = op('Cast', [cov2], { to: 1 })
  const lowDepth = op('Where', [cov2, row(2), op('Reshape', [zMax, i64([1, 1])])])
  const lowNorm = op('Reshape', [op('Concat', [div(f(2), srcW), div(f(2), srcH)], { axis: 0 }), i64([2, 1])])
  // The back texture (back RGB, lip distances, back mix) only matters on back-layer and lip cells and, through
  // the linear upsampling, on the cells next to them; everywhere else the back layer's weight is exactly 0.
  // So it is read at those cells only (gathered by index, one small GridSample, scattered back; the rest stay
  // 0) instead of at every cell of the window, which cost as much as the full-resolution texture read.
  const needsBack = op('Reshape', [
    op(
      'MaxPool',
      [
        op('Reshape', [
          op(
            'Cast',
            [
              op('And', [
                cov2,
                op('Or', [op('Greater', [row(5), f(0.5)]), op('Greater', [op('Abs', [row(10)]), f(0.5)])])
              ])
            ],
            {
              to: 1
            }
          ),
          image4
        ])
      ],
      { kernel_shape: [3, 3], pads: [1, 1, 1, 1], strides: [1, 1] }
    ),
    i64([-1])
  ])
  const backIdx = op('Reshape', [op('NonZero', [needsBack]), i64([-1])]) // [M]
  const backGrid = op('Unsqueeze', [
    op(
      'Transpose',
      [
        sub(
          mul(op('Gather', [op('Concat', [lowMapX, lowMapY], { axis: 0 }), backIdx], { axis: 1 }), lowNorm),
          f(1)
        )
      ],
      {
        perm: [1, 0]
      }
    ),
    i64([0, 1])
  ]) // [1, 1, M, 2]
  const backSampled = op('Reshape', [
    g.op('GridSample', [backTexture, backGrid], {
      align_corners: 0,
      mode: 'bilinear',
      padding_mode: 'border'
    }),
    i64([BACK_TEXTURE_CHANNELS, -1])
  ]) // [6, M]
  const cellCount = op('Shape', [needsBack]) // [1]
  const backRows = op('Concat', [i64([BACK_TEXTURE_CHANNELS]), cellCount], { axis: 0 })
  const lowBackAll = op('Reshape', [
    op(
      'ScatterElements',
      [
        g.op('ConstantOfShape', [backRows], { value: tensorAttr('float32', [1], [0]) }),
        op('Expand', [
          op('Reshape', [backIdx, i64([1, -1])]),
          op('Concat', [i64([BACK_TEXTURE_CHANNELS]), op('Shape', [backIdx])], { axis: 0 })
        ]),
        backSampled
      ],
      { axis: 1 }
    ),
    op('Concat', [i64([1, BACK_TEXTURE_CHANNELS]), gridHW], { axis: 0 })
  ]) // [1, 6, hc, wc]
  const [lowBack, lowUpperLip, lowLowerLip, lowBackMix] = g.opMulti(
    'Split',
    [lowBackAll, i64([3, 1, 1, 1])],
    4,
    { axis: 1 }
  )
  // Lip cut. A lip point's texture read that crosses its own lip's inner edge (a cell past the edge of a
  // parted lip, reached by the 2x2 footprint or the crack fill) is past the lip: the back layer shows there.
  // q = how far inside its own lip a cell reads (source px; < 0 = cut); the painted cavity counts as a cell
  // past the edge, everything else as well inside. q is interpolated to the output like the map, so the
  // opening's edge lands between cells where the lip edge is, instead of on the cell grid.
  // Back-layer cells next to a lip continue that lip's q one cell further (one cell = `cell` source px), so the
  // edge lands where the lip's own read would cross it, also where the back layer won the cell past the lip.
  const side = row(10)
  const flatRow = (x: Value): Value => op('Reshape', [x, i64([1, -1])])
  const lipQ = op('Where', [op('Greater', [side, zero]), flatRow(lowUpperLip!), flatRow(lowLowerLip!)])
  const farInside = op('Reshape', [mul(cell, f(LIP_CUT_FAR)), i64([1, 1])])
  const isLip = op('And', [op('And', [cov2, lipsParted]), op('Greater', [op('Abs', [side]), f(0.5)])])
  const lipNeighbourQ = op('Reshape', [
    op('MaxPool', [op('Reshape', [op('Where', [isLip, lipQ, f(-1e4)]), image4])], {
      kernel_shape: [3, 3],
      pads: [1, 1, 1, 1],
      strides: [1, 1]
    }),
    i64([1, -1])
  ])
  const backQ = op('Max', [op('Min', [sub(lipNeighbourQ, cell), mul(cell, f(-0.25))]), neg(cell)])
  const isBack = op('And', [cov2, op('Greater', [row(5), f(0.5)])])
  const lowCut = op('Where', [isLip, lipQ, op('Where', [isBack, backQ, farInside])])
  // What shows past a lip's cut is the back layer around it: a lip cell takes the back colour and mix of the
  // back-layer cells in its 3x3 neighbourhood (its own read lands near the lip seam, where the paint has the
  // teeth band and the mix is the source's seam: a light, cell-stepped fringe along the lip).
  const backCells4 = op('Concat', [lowBackMix!, lowBack!], { axis: 1 }) // [1, 4, hc, wc]
  const isBackImg = op('Reshape', [op('Cast', [isBack], { to: 1 }), image4])
  const pool3 = (x: Value): Value =>
    op('AveragePool', [x], {
      kernel_shape: [3, 3],
      pads: [1, 1, 1, 1],
      strides: [1, 1],
      count_include_pad: 1
    })
  const backShare = pool3(isBackImg)
  const backAround = div(pool3(mul(backCells4, isBackImg)), op('Max', [backShare, f(1e-6)]))
  const useAround = op('And', [op('Reshape', [isLip, image4]), op('Greater', [backShare, zero])])
  const backFilled = op('Where', [useAround, backAround, backCells4])
  const low = op(
    'Concat',
    [
      op('Reshape', [
        op('Concat', [lowMapX, lowMapY, lowCov, lowDepth, lowCut], { axis: 0 }),
        op('Concat', [i64([1, 5]), gridHW], { axis: 0 })
      ]),
      backFilled
    ],
    { axis: 1 }
  )

  // --- 4. one resize to the output (zoom, pan) and one full-resolution GridSample
  const outF = op('Cast', [outSize], { to: 1 })
  const outH = slice(outF, 0, 1, 0)
  const outW = slice(outF, 1, 2, 0)
  // source px of output pixel o along one axis: s = srcLen/2 + (o + 0.5 - outLen/2 - pan*outLen) * sigma/zoom
  const axisMap = (srcLen: Value, outLen: Value, pan: Value) => {
    const b = div(sigma, zoom)
    const a = add(mul(srcLen, f(0.5)), mul(sub(sub(f(0.5), mul(outLen, f(0.5))), mul(pan, outLen)), b))
    return { a, b } // s = a + b * o
  }
  const roiFor = (
    inLenH: Value,
    inLenW: Value,
    toIndex: (m: { a: Value; b: Value }, axis: 'x' | 'y') => { a: Value; b: Value }
  ) => {
    const my = toIndex(axisMap(srcH, outH, panY), 'y')
    const mx = toIndex(axisMap(srcW, outW, panX), 'x')
    const range = (m: { a: Value; b: Value }, inLen: Value, outLen: Value) => {
      const denom = sub(inLen, f(1))
      const start = div(m.a, denom)
      const end = add(start, div(mul(m.b, sub(outLen, f(1))), denom))
      return { start, end }
    }
    const ry2 = range(my, inLenH, outH)
    const rx2 = range(mx, inLenW, outW)
    return op('Concat', [zero, zero, ry2.start, rx2.start, oneV, oneV, ry2.end, rx2.end], { axis: 0 })
  }
  const lowRoi = roiFor(hc, wc, (m, axis) => ({
    a: add(div(sub(m.a, axis === 'x' ? originX : originY), cell), f(0.5)),
    b: div(m.b, cell)
  }))
  const sizes5 = op('Concat', [i64([1, 9]), outSize], { axis: 0 })
  const up = g.op('Resize', [low, lowRoi, null, sizes5], {
    mode: 'linear',
    coordinate_transformation_mode: 'tf_crop_and_resize'
  })
  const platePadded = plate
  const plateShape = op('Cast', [op('Shape', [platePadded])], { to: 1 })
  const plateH = slice(plateShape, 2, 3, 0)
  const plateW = slice(plateShape, 3, 4, 0)
  const plateRoi = roiFor(plateH, plateW, (m) => ({ a: add(m.a, f(0.5)), b: m.b }))
  const sizes3 = op('Concat', [i64([1, 3]), outSize], { axis: 0 })
  const plateOut = g.op('Resize', [platePadded, plateRoi, null, sizes3], {
    mode: 'linear',
    coordinate_transformation_mode: 'tf_crop_and_resize'
  })
  const [upMap, upCov, upDepth, upCut, upBackMix, backRgb] = g.opMulti(
    'Split',
    [up, i64([2, 1, 1, 1, 1, 3])],
    6,
    {
      axis: 1
    }
  )
  // The texture may be padded past the frame's edge (for the points beyond it, see the avatar's texturePad):
  // its size is the source's plus twice the pad.
  const texSize = op('Cast', [slice(op('Shape', [texture]), 2, 4, 0)], { to: 1 }) // [H + 2 pad, W + 2 pad]
  const texW = slice(texSize, 1, 2, 0)
  const texH = slice(texSize, 0, 1, 0)
  const texPad = op('Reshape', [
    op('Concat', [mul(sub(texW, srcW), f(0.5)), mul(sub(texH, srcH), f(0.5))], { axis: 0 }),
    i64([1, 2, 1, 1])
  ])
  const norm = op('Reshape', [
    op('Concat', [div(f(2), texW), div(f(2), texH)], { axis: 0 }),
    i64([1, 2, 1, 1])
  ])
  const gridN = sub(mul(add(upMap!, texPad), norm), f(1))
  const grid = op('Transpose', [gridN], { perm: [0, 2, 3, 1] })
  const sampled = g.op('GridSample', [texture, grid], {
    align_corners: 0,
    mode: 'bilinear',
    padding_mode: 'border'
  })
  const [srcRgb, personAlpha] = g.opMulti('Split', [sampled, i64([3, 1])], 2, { axis: 1 })

  // --- 5. composite
  // Where the back layer shows (back-layer cells, and past a lip's cut with a one-output-pixel ramp at the
  // edge), it shows what the back layer has at the read position: the source inside the visible opening (so
  // nothing changes at zero code), the painted cavity elsewhere.
  const cutRamp = div(zoom, sigma) // output px per source px
  const cut = op('Clip', [sub(f(0.5), mul(upCut!, cutRamp)), zero, oneV])
  const back = mul(cut, upBackMix!)
  const colour = add(srcRgb!, mul(back, sub(backRgb!, srcRgb!)))
  const alpha = mul(op('Clip', [upCov!, zero, oneV]), personAlpha!)
  const rgb = add(plateOut, mul(alpha, sub(colour, plateOut)))
  // 8-bit interleaved RGBA, ready to encode or pipe to ffmpeg.
  const rgba8 = op(
    'Cast',
    [op('Round', [op('Clip', [mul(op('Concat', [rgb, alpha], { axis: 1 }), f(255)), zero, f(255)])])],
    {
      to: 2
    }
  )
  g.output(op('Transpose', [rgba8], { perm: [0, 2, 3, 1] }), 'rgba', 'uint8', [1, 'outH', 'outW', 4])
  g.output(upDepth!, 'depth', 'float32', [1, 1, 'outH', 'outW'])

  function zeroScalar(): Value {
    return g.constant('float32', [], [0], 'zero_scalar')
  }
  function oneScalar(): Value {
    return g.constant('float32', [], [1], 'one_scalar')
  }
  function squeeze(x: Value): Value {
    return op('Squeeze', [x, i64([0])])
  }

  return {
    bytes: g.toBytes(),
    spec: {
      inputs: [
        { name: 'points', dtype: 'float32', shape: [1, 3, 'N'] },
        { name: 'pointAttrs', dtype: 'float32', shape: [1, POINT_ATTR_CHANNELS, 'N'] },
        { name: 'pointNeighbours', dtype: 'int64', shape: [4, 'N'] },
        { name: 'camera', dtype: 'float32', shape: [6] },
        { name: 'view', dtype: 'float32', shape: [10] },
        { name: 'gridShape', dtype: 'int64', shape: [2] },
        { name: 'texture', dtype: 'float32', shape: [1, TEXTURE_CHANNELS, 'Ht', 'Wt'] },
        { name: 'plate', dtype: 'float32', shape: [1, 3, 'Hp', 'Wp'] },
        { name: 'backTexture', dtype: 'float32', shape: [1, BACK_TEXTURE_CHANNELS, 'H', 'W'] },
        { name: 'outSize', dtype: 'int64', shape: [2] }
      ],
      outputs: [
        { name: 'rgba', dtype: 'uint8', shape: [1, 'outH', 'outW', 4] },
        { name: 'depth', dtype: 'float32', shape: [1, 1, 'outH', 'outW'] }
      ]
    }
  }
}
