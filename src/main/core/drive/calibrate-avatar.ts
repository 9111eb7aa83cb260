import { analyzeRenderedFrame } from '../analysis/analyze-rendered-frame'
import { loadFaceModels, type FaceModelOptions } from '../analysis/load-face-models'
import { MimesisError } from '@shared/errors/mimesis-error'
import { renderFrame, type Avatar } from '../engine/engine'
import { vertexAreaWeights } from '../engine/expression/orthonormalize'
import type { FaceAnalysis } from '@shared/face/face-analysis'
import { FACE_MEASURE_NAMES, measureFace, withIrises, type FaceMeasureName } from './face-measures'
import { cameraAngles, poseRotation, relativeRotation } from './head-rotation'

const VERTICES = 468

/**
 * How the project's own analysis reads this avatar's renders: the closed loop that makes retargeting
 * honest. A driver is measured by the analysis; so is a render. Mapping the driver's change onto what
 * the analysis sees of each direction on THIS avatar (not onto the authored fields) means a render
 * driven by code c reads back as c.
 */
export interface AvatarCalibration {
  readonly names: readonly string[]
  /** Each direction's face region from the pack manifest ('eyes', 'gaze', 'brows', 'mouth', 'jaw', 'nose', …). */
  readonly regions: readonly string[]
  /**
   * Per direction, the x, y landmark change (468 × 2, canonical cm) the analysis reads between the
   * zero-code render and the render at +1 / −1, kept only in the direction's own region (outside it the
   * difference is landmark noise).
   */
  readonly plus: readonly Float32Array[]
  readonly minus: readonly Float32Array[]
  /**
   * Per direction, the change of each face measure (`FACE_MEASURE_NAMES` order, cm) the analysis reads at
   * +1 / −1: the readings a person looks at (how open the eyes and mouth are, how high the brows sit).
   */
  readonly plusMeasures: readonly Float32Array[]
  readonly minusMeasures: readonly Float32Array[]
  /** Per direction: +1 only (its −1 is not rendered, and the solve has no −1 column for it). */
  readonly oneSided: readonly boolean[]
  /** Vertex area weights of the canonical mesh (the expression space's inner product). */
  readonly weights: Float64Array
  /** Commanded ÷ read head rotation per camera axis (yaw, pitch, roll): the analysis under-reads turns. */
  readonly poseGain: readonly [number, number, number]
}

export interface CalibrateOptions extends FaceModelOptions {
  readonly signal?: AbortSignal
  readonly onProgress?: (fraction: number) => void
}

/**
 * The face measures a direction of each region may move. Outside them what the analysis reads is
 * cross-talk (a rendered blink reads as the brow rising by 0.2–0.3 cm), which would make a real
 * blink look like a poor match for the blink direction. The mouth's directions also keep the chin and the
 * nostril wings: a frown lifts the chin and a smile the wings (as much as a sneer does), and without their own
 * readings of them the solve explained a frown's chin with the jaw and a smile's wings with a sneer. The gaze
 * keeps the lids' opening, which the upper lid's follow of a vertical gaze changes (addGazeLidFollow).
 */
const MEASURES_OF_REGION: Readonly<Record<string, readonly FaceMeasureName[]>> = {
  eyes: ['eyeOpenR', 'eyeOpenL', 'browR', 'browL'],
  gaze: ['gazeX', 'gazeY', 'eyeOpenR', 'eyeOpenL'],
  brows: ['browR', 'browL', 'browGap'],
  nose: ['noseWings'],
  mouth: ['mouthOpen', 'mouthWidth', 'cornerHeight', 'jawDrop', 'noseWings'],
  jaw: ['mouthOpen', 'mouthWidth', 'cornerHeight', 'jawDrop']
}

/** Probe angles per axis for the pose gain, degrees: well inside the supported range. */
const POSE_PROBES: readonly (readonly [number, number, number])[] = [
  [20, 0, 0],
  [-20, 0, 0],
  [0, 15, 0],
  [0, -15, 0],
  [0, 0, 15],
  [0, 0, -15]
]

/**
 * Renders the avatar at zero code, at ±1 of every direction and at six head turns, analyses each render
 * and records what the analysis sees (1 + 2K + 6 renders, about 1–2 s at 512 px on two cores).
 */
export async function calibrateAvatar(
  avatar: Avatar,
  options: CalibrateOptions = {}
): Promise<AvatarCalibration> {
  const { engine } = avatar
  const names = engine.directionNames
  const models = await loadFaceModels(options)
  const weights = vertexAreaWeights(models.canonicalMesh.vertices, models.canonicalMesh.triangles)
  const specs = engine.pack.manifest.expression.directions
  const oneSided = names.map((_, k) => specs[k]?.oneSided === true)
  const total = 1 + 2 * names.length - oneSided.filter(Boolean).length + POSE_PROBES.length
  let done = 0
  const read = async (expression: Record<string, number>, camera = {}): Promise<FaceAnalysis | null> => {
    if (options.signal?.aborted) throw new MimesisError('drive-cancelled', 'Driving was cancelled.')
    const seen = await analyzeRenderedFrame(await renderFrame(avatar, { expression, camera }), options)
    options.onProgress?.(++done / total)
    return seen
  }
  const base = await read({})
  if (base == null) {
    throw new MimesisError(
      'drive-calibration-failed',
      'The face could not be found again in the portrait’s own render, so driving cannot be calibrated. Try another photo of this person, more frontal and evenly lit.'
    )
  }
  const plus: Float32Array[] = []
  const minus: Float32Array[] = []
  const plusMeasures: Float32Array[] = []
  const minusMeasures: Float32Array[] = []
  const baseMeasures = measureFace(withIrises(base.canonicalLandmarks, base.canonicalIrises))
  for (const [k, name] of names.entries()) {
    const region = directionRegion(engine.basis.fields[k]!)
    for (const [sign, out, outMeasures] of [
      [1, plus, plusMeasures],
      [-1, minus, minusMeasures]
    ] as const) {
      if (sign < 0 && oneSided[k]) {
        out.push(new Float32Array(VERTICES * 2))
        outMeasures.push(new Float32Array(FACE_MEASURE_NAMES.length))
        continue
      }
      const seen = await read({ [name]: sign })
      out.push(seen == null ? new Float32Array(VERTICES * 2) : regionalChange(seen, base, region))
      const m = seen == null ? null : measureFace(withIrises(seen.canonicalLandmarks, seen.canonicalIrises))
      const own = MEASURES_OF_REGION[engine.pack.manifest.expression.directions[k]!.region] ?? []
      outMeasures.push(
        Float32Array.from(FACE_MEASURE_NAMES, (key) =>
          m == null || !own.includes(key) ? 0 : m[key] - baseMeasures[key]
        )
      )
    }
  }
  const baseRotation = poseRotation(base.pose)
  const num = [0, 0, 0]
  const den = [0, 0, 0]
  for (const probe of POSE_PROBES) {
    const seen = await read({}, { yaw: probe[0], pitch: probe[1], roll: probe[2] })
    if (seen == null) continue
    const angles = cameraAngles(relativeRotation(poseRotation(seen.pose), baseRotation))
    for (let a = 0; a < 3; a++) {
      num[a]! += probe[a]! * probe[a]!
      den[a]! += probe[a]! * angles[a]!
    }
  }
  const gain = (a: number): number => (den[a]! > 0 ? Math.max(0.8, Math.min(1.5, num[a]! / den[a]!)) : 1)
  return {
    names,
    regions: engine.pack.manifest.expression.directions.map((d) => d.region),
    plus,
    minus,
    plusMeasures,
    minusMeasures,
    oneSided,
    weights,
    poseGain: [gain(0), gain(1), gain(2)]
  }
}

/**
 * Vertices a direction moves: those whose authored displacement at +1 is at least 5 % of the
 * direction's largest, widened by nothing else (the fields are smooth Gaussian falloffs already). None for a
 * direction that moves no skin (gaze moves the eyeballs): only its face measures count.
 */
function directionRegion(field: Float32Array): Uint8Array {
  let max = 0
  for (let v = 0; v < VERTICES; v++)
    max = Math.max(max, Math.hypot(field[3 * v]!, field[3 * v + 1]!, field[3 * v + 2]!))
  const region = new Uint8Array(VERTICES)
  if (max === 0) return region
  for (let v = 0; v < VERTICES; v++) {
    region[v] = Math.hypot(field[3 * v]!, field[3 * v + 1]!, field[3 * v + 2]!) >= 0.05 * max ? 1 : 0
  }
  return region
}

function regionalChange(seen: FaceAnalysis, base: FaceAnalysis, region: Uint8Array): Float32Array {
  const out = new Float32Array(VERTICES * 2)
  for (let v = 0; v < VERTICES; v++) {
    if (!region[v]) continue
    out[2 * v] = seen.canonicalLandmarks[3 * v]! - base.canonicalLandmarks[3 * v]!
    out[2 * v + 1] = seen.canonicalLandmarks[3 * v + 1]! - base.canonicalLandmarks[3 * v + 1]!
  }
  return out
}
