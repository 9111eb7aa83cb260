// Closed-loop expression recovery, shared by bench/engine.ts and bench/expression-reach.ts: render a known
// expression code, analyse the render with the face-analysis pipeline, project the landmark change on the
// avatar's own fields and compare the recovered code with the commanded one.
//
// Protocol: landmark displacement of the render at code c minus the zero-code render, both in the canonical frame
// after their own pose is removed, x and y only (the landmark model only guesses z), least-squares projected on
// the avatar's own fields (the basis with its personal gains) under the area-weighted inner product; cosine with
// the commanded code. "seen" = projection of the displacement on the commanded field over the field's norm: 1
// when the analysis sees the full commanded motion.
import type { FaceAnalysis } from '../src/shared/face/face-analysis'
import { personalGains, type Engine } from '../src/main/core/engine/engine'
import { vertexAreaWeights } from '../src/main/core/engine/expression/orthonormalize'
import canonicalMesh from '../resources/models/canonical_face_mesh.json'

/** Mean cosine the recovery should reach (issue 16). */
export const RECOVERY_TARGET = 0.85

const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d
const mean = (v: readonly number[]): number => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN)

/** Vertex-area weights of the canonical mesh (the expression space's inner product). */
export function meshAreaWeights(engine: Engine): Float64Array {
  return vertexAreaWeights(canonicalMesh.vertices, engine.basis.triangles)
}

/** The avatar's own fields: the basis times this face's personal gains (what slider +1 moves on this avatar). */
export function avatarFields(engine: Engine, source: FaceAnalysis): Float32Array[] {
  const gains = personalGains(engine, source)
  return engine.basis.fields.map((f, k) => Float32Array.from(f, (x) => x * gains[k]!))
}

/**
 * Least-squares code from a canonical residual difference (468 x 3 cm), area-weighted, on x and y only: depth
 * displacements do not show in a single render (the landmark model only guesses z), so they would add noise.
 */
export function recoverCode(
  delta: ArrayLike<number>,
  fields: readonly Float32Array[],
  weights: Float64Array
): number[] {
  const k = fields.length
  const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
    let s = 0
    for (let v = 0; v < weights.length; v++) {
      for (let c = 0; c < 2; c++) s += weights[v]! * a[3 * v + c]! * b[3 * v + c]!
    }
    return s
  }
  const g = fields.map((a) => fields.map((b) => dot(a, b)))
  const rhs = fields.map((a) => dot(a, delta))
  // Gaussian elimination (G is symmetric positive definite)
  const m = g.map((row, i) => [...row, rhs[i]!])
  for (let i = 0; i < k; i++) {
    let p = i
    for (let r = i + 1; r < k; r++) if (Math.abs(m[r]![i]!) > Math.abs(m[p]![i]!)) p = r
    ;[m[i], m[p]] = [m[p]!, m[i]!]
    for (let r = 0; r < k; r++) {
      if (r === i) continue
      const f = m[r]![i]! / m[i]![i]!
      for (let c = i; c <= k; c++) m[r]![c]! -= f * m[i]![c]!
    }
  }
  return m.map((row, i) => row[k]! / row[i]!)
}

export const cosine = (a: readonly number[], b: readonly number[]): number => {
  const d = a.reduce((s, x, i) => s + x * b[i]!, 0)
  return d / Math.sqrt(a.reduce((s, x) => s + x * x, 0) * b.reduce((s, x) => s + x * x, 0) || 1)
}

export interface RecoveryTrial {
  readonly name: string
  /** Slider values by direction name (directions left out are 0). */
  readonly expression: Readonly<Record<string, number>>
}

/** Every direction at +1 and at −1 (+1 only where it is one-sided), then two mixtures (smile+blinkL, jawOpen+browInnerUp) where they exist. */
export function recoveryTrials(
  names: readonly string[],
  oneSided: ReadonlySet<string> = new Set()
): RecoveryTrial[] {
  const trials: RecoveryTrial[] = []
  for (const n of names) {
    // A one-sided direction has no −1 (the engine clamps it to 0): such a trial commands nothing to recover.
    for (const sign of oneSided.has(n) ? [1] : [1, -1])
      trials.push({ name: `${n}${sign > 0 ? '+' : '-'}`, expression: { [n]: sign } })
  }
  const mixtures: RecoveryTrial[] = [
    { name: 'smile+blinkL', expression: { smile: 0.8, blinkL: 0.8 } },
    { name: 'jawOpen+browInnerUp', expression: { jawOpen: 0.7, browInnerUp: 0.8 } }
  ]
  for (const m of mixtures) if (Object.keys(m.expression).every((n) => names.includes(n))) trials.push(m)
  return trials
}

export interface RecoveryRecord {
  readonly name: string
  readonly cosine: number | null
  readonly displacementCosine: number | null
  readonly seen: number | null
}

export interface RecoveryResult {
  /** Directions left out: no displacement on the mesh (the eyeball's gaze), so the landmarks cannot show them. */
  readonly offMesh: readonly string[]
  readonly cosineMean: number
  readonly displacementCosineMean: number
  readonly seenMean: number
  /** The five trials with the lowest cosine. */
  readonly weakest: readonly RecoveryRecord[]
  readonly trials: readonly RecoveryRecord[]
}

export interface RecoveryOptions {
  readonly names: readonly string[]
  /** The avatar's own fields (avatarFields), in `names` order. */
  readonly fields: readonly Float32Array[]
  /** meshAreaWeights. */
  readonly weights: Float64Array
  /** Canonical landmarks of the zero-code render analysed the same way (so the offsets of both cancel). */
  readonly base: ArrayLike<number>
  /** Renders the expression and analyses the render; null when no face is found there. */
  readonly measure: (expression: Readonly<Record<string, number>>) => Promise<FaceAnalysis | null>
  readonly trials?: readonly RecoveryTrial[]
  /** Directions without a −1 (the pack's oneSided): their −1 trial is left out. */
  readonly oneSided?: ReadonlySet<string>
}

/**
 * Runs the recovery trials (default: recoveryTrials of the directions that move the mesh) and summarises them.
 * Directions whose field is zero on the mesh (gaze moves the eyeballs) are left out of the fit and the trials:
 * their column would make the normal equations singular, and the mesh landmarks cannot show them.
 */
export async function expressionRecovery(options: RecoveryOptions): Promise<RecoveryResult> {
  const { weights, base } = options
  const onMesh = options.names.map((_, k) => options.fields[k]!.some((x) => x !== 0))
  const names = options.names.filter((_, k) => onMesh[k])
  const fields = options.fields.filter((_, k) => onMesh[k])
  const offMesh = options.names.filter((_, k) => !onMesh[k])
  const trials = (options.trials ?? recoveryTrials(names, options.oneSided)).filter((t) =>
    Object.keys(t.expression).every((n) => names.includes(n))
  )
  const records: RecoveryRecord[] = []
  for (const t of trials) {
    const code = names.map((n) => t.expression[n] ?? 0)
    const measured = await options.measure(t.expression)
    if (!measured) {
      records.push({ name: t.name, cosine: null, displacementCosine: null, seen: null })
      continue
    }
    const delta = measured.canonicalLandmarks.map((v, i) => v - base[i]!)
    const rec = recoverCode(delta, fields, weights)
    // Also in displacement space: the recovered and commanded fields compared under the (x, y) area-weighted
    // inner product, i.e. slider values weighted by how much each direction moves the face. The slider-unit
    // cosine is dominated by small-amplitude directions (lipsPress), where a little landmark noise is a big value.
    const field = (c: readonly number[]): Float64Array => {
      const out = new Float64Array(weights.length * 3)
      c.forEach((x, k) => fields[k]!.forEach((f, i) => (out[i] += x * f)))
      return out
    }
    const a = field(rec)
    const b = field(code)
    let ab = 0
    let aa = 0
    let bb = 0
    let db = 0
    for (let v = 0; v < weights.length; v++) {
      for (let c = 0; c < 2; c++) {
        const wv = weights[v]!
        ab += wv * a[3 * v + c]! * b[3 * v + c]!
        aa += wv * a[3 * v + c]! ** 2
        bb += wv * b[3 * v + c]! ** 2
        db += wv * delta[3 * v + c]! * b[3 * v + c]!
      }
    }
    records.push({
      name: t.name,
      cosine: round(cosine(rec, code)),
      displacementCosine: round(ab / Math.sqrt(aa * bb || 1)),
      seen: round(db / (bb || 1))
    })
  }
  return {
    offMesh,
    cosineMean: round(mean(records.map((r) => r.cosine ?? 0))),
    displacementCosineMean: round(mean(records.map((r) => r.displacementCosine ?? 0))),
    seenMean: round(mean(records.map((r) => r.seen ?? 0))),
    weakest: [...records].sort((a, b) => (a.cosine ?? -2) - (b.cosine ?? -2)).slice(0, 5),
    trials: records
  }
}
