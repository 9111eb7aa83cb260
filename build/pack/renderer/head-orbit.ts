import { type GraphBuilder, type Value } from '../../onnx'
import { graphOps } from './graph-ops'

/** The camera input split up, and the rotation its angles make. */
export interface CameraValues {
  /** [3, 3]: R = Rroll Rpitch Ryaw, in the source camera's axes (x right, y down, z depth away). */
  readonly rotation: Value
  /** [1]: zoom factor, and pan as a fraction of the output width / height. */
  readonly zoom: Value
  readonly panX: Value
  readonly panY: Value
  /**
   * [1] float32 constants 0 and 1. The rotation's matrix entries are the first nodes to need them, so they are
   * created here and the later stages reuse them (creating them elsewhere would change the graph's bytes).
   */
  readonly zero: Value
  readonly one: Value
}

/** Rotation matrix from yaw, pitch, roll (degrees; conventions in `src/shared/engine/camera.ts`). */
export function cameraRotation(g: GraphBuilder, camera: Value): CameraValues {
  const { f, i64, op, mul, neg, slice } = graphOps(g)
  const cam = (i: number): Value => slice(camera, i, i + 1, 0)
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
  const one = f(1)
  const mat = (entries: Value[]): Value => op('Reshape', [op('Concat', entries, { axis: 0 }), i64([3, 3])])
  const rYaw = mat([ca, zero, sa, zero, one, zero, neg(sa), zero, ca])
  const rPitch = mat([one, zero, zero, zero, cb, neg(sb), zero, sb, cb])
  const rRoll = mat([cc, neg(sc), zero, sc, cc, zero, zero, zero, one])
  const rotation = op('MatMul', [rRoll, op('MatMul', [rPitch, rYaw])])
  return { rotation, zoom, panX, panY, zero, one }
}

/** The orbited points: [1, 3, N] and its x, y, depth rows, each [1, 1, N] (source px). */
export interface OrbitValues {
  readonly moved: Value
  readonly px: Value
  readonly py: Value
  readonly pz: Value
}

/**
 * Head orbit: every point rotates about the head pivot by `rotation`, blended by its rigidity w (pointAttrs
 * channel 2; 1 = head, 0 = torso/background): p' = p + w (R (p - pivot) + pivot - p).
 */
export function orbitPoints(
  g: GraphBuilder,
  inputs: { points: Value; pointAttrs: Value; pivot: Value; rotation: Value }
): OrbitValues {
  const { op, add, sub, mul, slice } = graphOps(g)
  const { points, pointAttrs: attrs, pivot, rotation } = inputs
  const centred = sub(points, pivot)
  const rigidity = slice(attrs, 2, 3, 1)
  const moved = add(points, mul(rigidity, sub(op('MatMul', [rotation, centred]), centred)))
  const px = slice(moved, 0, 1, 1) // [1,1,N]
  const py = slice(moved, 1, 2, 1)
  const pz = slice(moved, 2, 3, 1)
  return { moved, px, py, pz }
}
