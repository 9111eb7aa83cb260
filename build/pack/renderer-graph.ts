import { GraphBuilder, type Value } from '../onnx'
import { type StageSpec, type TensorSpec } from '../../src/shared/engine/pack-manifest'
import {
  BACK_TEXTURE_CHANNELS,
  POINT_ATTR_CHANNELS,
  TEXTURE_CHANNELS,
  VIEW_LENGTH
} from '../../src/shared/engine/renderer-layout'
import { sampleBackLayer } from './renderer/back-layer-sample'
import { backwardMap } from './renderer/backward-map'
import { composite, layerCoverage } from './renderer/composite'
import { backLayerCells } from './renderer/detail-region'
import { edgeCoverage } from './renderer/edge-coverage'
import { cutEyelids } from './renderer/eyelid-cut'
import { frontCoverage } from './renderer/front-coverage'
import { fillGaps } from './renderer/gap-fill'
import { cameraRotation, orbitPoints } from './renderer/head-orbit'
import { inverseJacobian } from './renderer/jacobian'
import { cutLips } from './renderer/lip-cut'
import { lipTestKeys } from './renderer/lip-test'
import { findOcclusionEdges } from './renderer/occlusion-edge'
import { resizeToOutput, sampleEyeball, sampleMouthBack, sampleTexture } from './renderer/resample'
import { sampleShading } from './renderer/shade-sample'
import { splatKeys, splatScatter } from './renderer/splat'
import { stretchCandidates } from './renderer/stretch-splat'
import { readView } from './renderer/view-fields'

export { TEXTURE_CHANNELS }
export { GAP_FILL_RADIUS } from './renderer/gap-fill'

/** The renderer's inputs, in the graph's (and the manifest's) order. */
const INPUTS = [
  { name: 'points', dtype: 'float32', shape: [1, 3, 'N'] },
  // The generator's per-point colour change (expression shading; 0 at zero code).
  { name: 'shade', dtype: 'float32', shape: [1, 1, 'N'] },
  { name: 'pointAttrs', dtype: 'float32', shape: [1, POINT_ATTR_CHANNELS, 'N'] },
  // Point indices of each point's grid neighbours in its own layer: left, right, up, down (itself where none).
  { name: 'pointNeighbours', dtype: 'int64', shape: [4, 'N'] },
  { name: 'camera', dtype: 'float32', shape: [6] },
  // Named fields: VIEW_FIELDS.
  { name: 'view', dtype: 'float32', shape: [VIEW_LENGTH] },
  { name: 'gridShape', dtype: 'int64', shape: [2] },
  // The skin point of each cell of the portrait's grid (N where none): where the shading is read.
  { name: 'shadeCells', dtype: 'int64', shape: ['Gh', 'Gw'] },
  // Source RGB and person alpha, padded by the same number of px on each side where the layer reaches the
  // frame's edge (Ht = H + 2 pad).
  { name: 'texture', dtype: 'float32', shape: [1, TEXTURE_CHANNELS, 'Ht', 'Wt'] },
  // The plate comes mirrored past the portrait's edges by the same margin on each side ([H + 2 m, W + 2 m],
  // m >= 1), for cameras that look past them; at least one pixel, because onnxruntime skips Resize (ignoring
  // the roi) when the output size equals the input size, which would drop zoom and pan. Cp = 3 (RGB), or 4:
  // RGB and the alpha of an occluder in front of the face (a hand), drawn over the head and moving with the plate.
  { name: 'plate', dtype: 'float32', shape: [1, 'Cp', 'Hp', 'Wp'] },
  { name: 'backTexture', dtype: 'float32', shape: [1, BACK_TEXTURE_CHANNELS, 'H', 'W'] },
  { name: 'outSize', dtype: 'int64', shape: [2] }
] as const
const RGBA = { name: 'rgba', dtype: 'uint8', shape: [1, 'outH', 'outW', 4] } as const
const DEPTH = { name: 'depth', dtype: 'float32', shape: [1, 1, 'outH', 'outW'] } as const

const toSpec = (s: (typeof INPUTS)[number] | typeof RGBA | typeof DEPTH): TensorSpec => ({
  name: s.name,
  dtype: s.dtype,
  shape: [...s.shape]
})

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
 *    A skin point whose neighbour below in the same surface lands more than two cells further down (a closing
 *    lid's crease) also writes the cells between them (stretchCandidates), so a stretched surface stays whole.
 *    An empty cell then takes its nearest 3x3 neighbour (cracks), or else the farthest point in 7x7 (gaps).
 * 3. Each covered cell turns the winning point into a backward map: source = src(point) + J^-1 (cell -
 *    projected(point)), J the forward map's local Jacobian; uncovered cells map to themselves with coverage 0
 *    (the plate shows there).
 * 4. One linear Resize (tf_crop_and_resize) takes the low-resolution map, coverage, layer and depth to the
 *    output size and applies zoom and pan; one GridSample reads the 4-channel texture at full resolution. The
 *    mouth back layer's mix and read offset are sampled per cell from `backTexture`; its colour (the cavity, the
 *    teeth, the tongue) is read at full resolution only at the pixels where it shows (sampleMouthBack), so the
 *    texture's GridSample stays at 4 channels.
 *    The expression shading, laid out on the portrait's cell grid and read per cell where the cell reads the
 *    texture, rides the same Resize.
 *    The layer's outline rides along too: each cell's distance to its nearest moved point (edgeCoverage), so the
 *    outline against the background follows the points, not the cell grid.
 * 5. Composite: colour = mix(source RGB x (1 + shading), back-layer RGB, layer);
 *    alpha = coverage * edge * person alpha * (1 - occluder alpha);
 *    rgb = plate + alpha (colour - plate): an occluder (the plate's fourth channel, a hand in front of the face)
 *    shows the plate's colour over the head and stays with the plate.
 *
 * Each stage lives in `build/pack/renderer/`; the order of the calls below fixes the graph's bytes.
 */
export function buildRendererGraph(): { bytes: Uint8Array; spec: Omit<StageSpec, 'file'> } {
  const g = new GraphBuilder('mimesis_volume_renderer', { opset: 18, producerName: 'mimesis-build-pack' })
  const entries = INPUTS.map((s) => [s.name, g.input(s.name, s.dtype, s.shape)])
  const input = Object.fromEntries(entries) as Record<(typeof INPUTS)[number]['name'], Value>
  // Each stage takes the values it names from the groups spread into it (their names are all distinct).
  // 1. head orbit, and the forward map's local Jacobian
  const camera = cameraRotation(g, input.camera)
  const view = readView(g, input.view)
  const orbit = orbitPoints(g, { ...input, ...view, ...camera })
  const jacobian = inverseJacobian(g, { ...input, ...orbit, ...camera })
  // 2. splat with a z-test (the lip test pushes lip points back past their lip's edge), crack and gap fill
  const keys = splatKeys(g, { ...input, ...orbit, ...view, ...camera })
  const lipTest = lipTestKeys(g, { ...input, ...orbit, ...jacobian, ...view, ...keys, ...camera })
  const stretch = stretchCandidates(g, { ...input, ...orbit, ...view, ...keys, ...camera })
  const rawWinner = splatScatter(g, {
    cellsF: keys.cellsF,
    candidatesIdx: [...keys.candidatesIdx, ...stretch.candidatesIdx],
    candidateKeys: [...lipTest.candidateKeys, ...stretch.candidateKeys]
  })
  const fill = fillGaps(g, { ...input, ...view, ...keys, ...camera, ...jacobian, rawWinner })
  // 3. backward map per cell, the back layer read at the cells that need it, lip cut
  const map = backwardMap(g, { ...input, ...orbit, ...jacobian, ...keys, ...view, ...fill })
  const back = sampleBackLayer(g, { ...input, ...view, ...fill, ...map })
  const lipCut = cutLips(g, { ...input, ...view, ...camera, ...fill, ...map, ...back, ...lipTest })
  const eyelidCut = cutEyelids(g, { ...input, ...view, ...fill, ...map, ...lipCut })
  const edge = edgeCoverage(g, { ...keys, ...fill, ...camera })
  const lowBackCells = backLayerCells(g, { ...back, ...eyelidCut })
  const occlusion = findOcclusionEdges(g, {
    ...input,
    ...view,
    ...camera,
    ...orbit,
    ...keys,
    ...fill,
    ...map,
    ...eyelidCut,
    lowBackCells
  })
  // 4. one resize to the output (zoom, pan) and one full-resolution GridSample
  const shading = sampleShading(g, { ...input, ...view, ...map })
  const up = resizeToOutput(g, {
    ...input,
    ...view,
    ...camera,
    ...keys,
    ...map,
    ...back,
    ...lipCut,
    ...eyelidCut,
    ...edge,
    ...shading,
    ...occlusion,
    lowBackCells
  })
  const layerAlpha = layerCoverage(g, { ...view, ...camera, ...up })
  const frontCover = frontCoverage(g, { ...input, ...keys, ...orbit, ...map, ...occlusion, ...up })
  const texture = sampleTexture(g, { ...input, ...view, ...camera, ...up, frontCover })
  const eyeRgb = sampleEyeball(g, { ...input, ...view, region: up.region })
  const mouthRgb = sampleMouthBack(g, { ...input, ...view, ...camera, region: up.region })
  // 5. composite
  const rgba = composite(g, { ...view, ...camera, ...up, ...texture, eyeRgb, mouthRgb, layerAlpha })
  g.output(rgba, RGBA.name, RGBA.dtype, RGBA.shape)
  g.output(up.upDepth, DEPTH.name, DEPTH.dtype, DEPTH.shape)
  return { bytes: g.toBytes(), spec: { inputs: INPUTS.map(toSpec), outputs: [RGBA, DEPTH].map(toSpec) } }
}
