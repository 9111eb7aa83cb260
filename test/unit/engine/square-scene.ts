import { Tensor } from 'onnxruntime-node'
import {
  BACK_TEXTURE_CHANNELS,
  POINT_ATTR_CHANNELS,
  VIEW_LENGTH,
  viewVector
} from '../../../src/shared/engine/renderer-layout'

/** The renderer-graph tests' square scene: a 160 x 160 px source with 4 px cells (a 40 x 40 grid). */
export const SQUARE_SOURCE = 160
const C = 4
const G = SQUARE_SOURCE / C

/**
 * A 56 px square of points (grid cells 13-26 in x and y, rigid, at depth 0, in front of the pivot at depth 30):
 * positions, attributes, grid neighbours and the shade cells, as the renderer's inputs lay them out.
 */
export function squarePoints(): {
  points: Float32Array
  attrs: Float32Array
  neighbours: BigInt64Array
  shadeCells: BigInt64Array
  n: number
} {
  const inSquare = (g: number): boolean => g >= 13 && g < 27
  const cells: [number, number][] = []
  for (let gy = 0; gy < G; gy++)
    for (let gx = 0; gx < G; gx++) if (inSquare(gx) && inSquare(gy)) cells.push([gx, gy])
  const n = cells.length
  const points = new Float32Array(3 * n)
  const attrs = new Float32Array(POINT_ATTR_CHANNELS * n)
  const index = new Map(cells.map(([gx, gy], p) => [gy * G + gx, p]))
  const neighbours = new BigInt64Array(4 * n)
  const shadeCells = new BigInt64Array(G * G).fill(BigInt(n))
  cells.forEach(([gx, gy], p) => {
    const x = (gx + 0.5) * C
    const y = (gy + 0.5) * C
    points[p] = x
    points[n + p] = y
    attrs[p] = x
    attrs[n + p] = y
    attrs[2 * n + p] = 1
    const nb = (dx: number, dy: number): bigint => BigInt(index.get((gy + dy) * G + gx + dx) ?? p)
    neighbours[p] = nb(-1, 0)
    neighbours[n + p] = nb(1, 0)
    neighbours[2 * n + p] = nb(0, -1)
    neighbours[3 * n + p] = nb(0, 1)
    shadeCells[gy * G + gx] = BigInt(p)
  })
  return { points, attrs, neighbours, shadeCells, n }
}

/** The square scene's view: the 160 px source at its own size, 4 px cells from the origin, pivot 30 px deep. */
export function squareView(): Float32Array {
  return viewVector({
    pivotX: SQUARE_SOURCE / 2,
    pivotY: SQUARE_SOURCE / 2,
    pivotZ: 30,
    cellSize: C,
    sigma: 1,
    width: SQUARE_SOURCE,
    height: SQUARE_SOURCE,
    leakDepth: 2,
    gridOriginX: 0,
    gridOriginY: 0,
    textureScale: 1,
    shadowTintRed: 1,
    shadowTintGreen: 1,
    shadowTintBlue: 1
  })
}

/**
 * The renderer's feeds for the square scene at `camera` (yaw, pitch, roll in degrees, zoom, pan x, pan y), rendered
 * at the source's size: `texture` [4, 160, 160], `plate` [plateChannels, 162, 162] (1 px margin), no back layer.
 */
export function squareFeeds(o: {
  camera: readonly number[]
  texture: Float32Array
  plate: Float32Array
  plateChannels: number
}): Record<string, Tensor> {
  const S = SQUARE_SOURCE
  const P = S + 2
  const { points, attrs, neighbours, shadeCells, n } = squarePoints()
  const view = squareView()
  return {
    points: new Tensor('float32', points, [1, 3, n]),
    shade: new Tensor('float32', new Float32Array(n), [1, 1, n]),
    pointAttrs: new Tensor('float32', attrs, [1, POINT_ATTR_CHANNELS, n]),
    pointNeighbours: new Tensor('int64', neighbours, [4, n]),
    camera: new Tensor('float32', Float32Array.from(o.camera), [6]),
    view: new Tensor('float32', view, [VIEW_LENGTH]),
    gridShape: new Tensor('int64', BigInt64Array.from([BigInt(G), BigInt(G)]), [2]),
    shadeCells: new Tensor('int64', shadeCells, [G, G]),
    texture: new Tensor('float32', o.texture, [1, 4, S, S]),
    plate: new Tensor('float32', o.plate, [1, o.plateChannels, P, P]),
    backTexture: new Tensor('float32', new Float32Array(BACK_TEXTURE_CHANNELS * S * S), [
      1,
      BACK_TEXTURE_CHANNELS,
      S,
      S
    ]),
    outSize: new Tensor('int64', BigInt64Array.from([BigInt(S), BigInt(S)]), [2])
  }
}
