import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { InferenceSession } from 'onnxruntime-node'
import { createInferenceSession } from '../inference/inference-session-cache'
import {
  packManifestSchema,
  STAGE_NAMES,
  type PackManifest,
  type StageName,
  type StageSpec,
  type TensorSpec
} from '@shared/engine/pack-manifest'
import { locateJsonError } from '@shared/json/locate-json-error'
import { PackError } from './pack-error'

export const MANIFEST_FILE = 'manifest.json'

export interface LoadedPack {
  /** Absolute or caller-relative folder of the pack. */
  readonly dir: string
  readonly manifest: PackManifest
  /** Absolute paths of the stage files present in the manifest. */
  readonly stageFiles: Readonly<Partial<Record<StageName, string>>>
  /** Absolute paths of the manifest's assets, by role. */
  readonly assetFiles: Readonly<Record<string, string>>
}

export interface LoadPackOptions {
  /**
   * Open every stage on the CPU provider and compare its real input/output names, dtypes and shapes
   * with the manifest (default true). Costs one session creation per stage.
   */
  verifySessions?: boolean
}

/** Reads and validates a pack folder; throws `PackError` naming the file and the mismatch. */
export async function loadPack(dir: string, options: LoadPackOptions = {}): Promise<LoadedPack> {
  const manifestPath = join(dir, MANIFEST_FILE)
  const text = await readFile(manifestPath, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new PackError(
      manifestPath,
      error.code === 'ENOENT'
        ? 'missing: a pack folder needs a manifest.json'
        : `cannot be read (${error.message})`,
      { cause: error }
    )
  })
  const manifest = parseManifest(manifestPath, text)
  const stageFiles: Partial<Record<StageName, string>> = {}
  for (const stage of STAGE_NAMES) {
    const spec = manifest.stages[stage]
    if (!spec) continue
    const file = join(dir, spec.file)
    const info = await stat(file).catch(() => null)
    if (!info || !info.isFile()) {
      throw new PackError(
        file,
        `missing: the manifest's stages.${stage}.file names it, but there is no such file`
      )
    }
    stageFiles[stage] = file
  }
  const assetFiles: Record<string, string> = {}
  for (const [role, name] of Object.entries(manifest.assets ?? {})) {
    const file = join(dir, name)
    const info = await stat(file).catch(() => null)
    if (!info || !info.isFile()) {
      throw new PackError(file, `missing: the manifest's assets.${role} names it, but there is no such file`)
    }
    assetFiles[role] = file
  }
  if (options.verifySessions ?? true) {
    for (const stage of STAGE_NAMES) {
      const spec = manifest.stages[stage]
      const file = stageFiles[stage]
      if (!spec || !file) continue
      let session: InferenceSession
      try {
        session = (await createInferenceSession(file)).session
      } catch (error) {
        throw new PackError(file, `not a loadable ONNX model (${errorMessage(error)})`, { cause: error })
      }
      try {
        verifyStageSignature(file, stage, spec, session)
      } finally {
        await session.release()
      }
    }
  }
  return { dir, manifest, stageFiles, assetFiles }
}

/** Parses and validates manifest text; errors carry the JSON position or the schema path. */
export function parseManifest(manifestPath: string, text: string): PackManifest {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    const pos = locateJsonError(text)
    const where = pos ? ` at line ${pos.line}, column ${pos.column}` : ''
    throw new PackError(manifestPath, `invalid JSON${where} (${errorMessage(error)})`, { cause: error })
  }
  const result = packManifestSchema.safeParse(raw)
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`)
    throw new PackError(manifestPath, `does not match the pack manifest schema: ${problems.join('; ')}`)
  }
  return result.data
}

interface SessionSignature {
  readonly inputNames: readonly string[]
  readonly outputNames: readonly string[]
  readonly inputMetadata: InferenceSession['inputMetadata']
  readonly outputMetadata: InferenceSession['outputMetadata']
}

/** Compares a session's real signature with the manifest's stage spec; throws `PackError` on the first mismatch. */
export function verifyStageSignature(
  file: string,
  stage: StageName,
  spec: StageSpec,
  session: SessionSignature
): void {
  const sides = [
    { side: 'inputs', names: session.inputNames, metadata: session.inputMetadata, specs: spec.inputs },
    { side: 'outputs', names: session.outputNames, metadata: session.outputMetadata, specs: spec.outputs }
  ] as const
  for (const { side, names, metadata, specs } of sides) {
    const declared = specs.map((t) => t.name)
    const missing = declared.filter((n) => !names.includes(n))
    const extra = names.filter((n) => !declared.includes(n))
    if (missing.length > 0 || extra.length > 0) {
      throw new PackError(
        file,
        `${side} do not match the manifest's stages.${stage}.${side}: manifest has [${declared.join(', ')}], ` +
          `the model has [${names.join(', ')}]`
      )
    }
    for (const t of specs) {
      const meta = metadata[names.indexOf(t.name)]
      if (!meta || !meta.isTensor) {
        throw new PackError(file, `${side.slice(0, -1)} "${t.name}" is not a tensor in the model`)
      }
      const problem = compareTensor(t, meta.type, meta.shape)
      if (problem) {
        throw new PackError(file, `${side.slice(0, -1)} "${t.name}" (stages.${stage}.${side}): ${problem}`)
      }
    }
  }
}

function compareTensor(
  spec: TensorSpec,
  dtype: string,
  shape: ReadonlyArray<number | string>
): string | null {
  if (spec.dtype !== dtype) return `dtype ${spec.dtype} in the manifest, ${dtype} in the model`
  if (shape.length === 0 && spec.shape.length !== 0) return null // the model does not declare a shape
  const show = (s: ReadonlyArray<number | string>): string => `[${s.join(', ')}]`
  if (shape.length !== spec.shape.length) {
    return `shape ${show(spec.shape)} in the manifest has rank ${spec.shape.length}, the model's ${show(shape)} has rank ${shape.length}`
  }
  for (let i = 0; i < shape.length; i++) {
    const m = spec.shape[i]
    const o = shape[i]
    const modelFixed = typeof o === 'number' && o >= 0
    // A fixed size in the manifest narrows a symbolic model axis; a symbolic manifest axis must be symbolic in
    // the model too, since the manifest promises that any size works.
    if (typeof m === 'number' && modelFixed && m !== o) {
      return `axis ${i} is ${m} in the manifest, ${o} in the model (manifest ${show(spec.shape)}, model ${show(shape)})`
    }
    if (typeof m === 'string' && modelFixed) {
      return `axis ${i} is symbolic "${m}" in the manifest but fixed ${o} in the model (manifest ${show(spec.shape)}, model ${show(shape)})`
    }
  }
  return null
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)'
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('')
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
