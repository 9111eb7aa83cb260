/**
 * Writes the built-in engine pack: `manifest.json`, `generator.onnx`, `renderer.onnx` and
 * `expression-basis.json`, from the canonical face mesh and constructed weights; nothing is downloaded.
 *
 *   npx tsx build/pack/build-builtin-pack.ts [outDir]     (default resources/packs/builtin)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type PackManifest } from '../../src/shared/engine/pack-manifest'
import { BUILTIN_EXPRESSION_DIRECTIONS } from '../../src/shared/engine/expression-directions'
import { buildExpressionBasis } from '../../src/main/core/engine/expression/build-expression-basis'
import { type CanonicalMesh } from '../../src/main/core/engine/expression/author-directions'
import { GAZE_DIRECTIONS, GAZE_INNER_PRODUCT } from '../../src/main/core/engine/expression/gaze-directions'
import { buildGeneratorGraph } from './generator-graph'
import { buildRendererGraph } from './renderer-graph'

export const BUILTIN_PACK_ID = 'mimesis-builtin'
export const BUILTIN_PACK_VERSION = '0.1.0'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const DEFAULT_CANONICAL_MESH = join(repoRoot, 'resources/models/canonical_face_mesh.json')
export const DEFAULT_BUILTIN_PACK_DIR = join(repoRoot, 'resources/packs/builtin')

export interface BuiltPackSummary {
  readonly dir: string
  readonly maxAbsCosine: number
  readonly maxAbsCosineAuthored: number
  readonly fidelity: Readonly<Record<string, number>>
}

export function buildBuiltinPack(
  outDir = DEFAULT_BUILTIN_PACK_DIR,
  meshPath = DEFAULT_CANONICAL_MESH
): BuiltPackSummary {
  const mesh = JSON.parse(readFileSync(meshPath, 'utf8')) as CanonicalMesh
  const skin = buildExpressionBasis(mesh)
  const gaze = GAZE_DIRECTIONS.map((d) => ({
    name: d.name,
    field: new Float64Array(468 * 3),
    amplitude: Math.hypot(...d.travel),
    fidelity: 1,
    eyeball: d.travel
  }))
  const basis = {
    ...skin,
    directions: [...skin.directions, ...gaze],
    innerProduct: `${skin.innerProduct}; ${GAZE_INNER_PRODUCT}`
  }
  const order = BUILTIN_EXPRESSION_DIRECTIONS.map((d) => d.name)
  const missing = order.filter((n) => !basis.directions.some((d) => d.name === n))
  if (missing.length > 0) throw new Error(`authored directions lack ${missing.join(', ')}`)
  const generator = buildGeneratorGraph(order.length)
  const renderer = buildRendererGraph()
  const manifest: PackManifest = {
    formatVersion: 1,
    id: BUILTIN_PACK_ID,
    name: 'Mimesis built-in (geometric)',
    version: BUILTIN_PACK_VERSION,
    license: 'Apache-2.0',
    description:
      'Constructed from the canonical face mesh: EAdaLN-style generator whose weights reduce to neutral + basis x code, ' +
      'and a forward-splat z-buffer renderer with one full-resolution GridSample.',
    stages: {
      generator: { file: 'generator.onnx', ...generator.spec },
      renderer: { file: 'renderer.onnx', ...renderer.spec }
    },
    expression: { directions: [...BUILTIN_EXPRESSION_DIRECTIONS], innerProduct: basis.innerProduct },
    assets: { expressionBasis: 'expression-basis.json' },
    metadata: { maxAbsCosine: basis.maxAbsCosine, maxAbsCosineAuthored: basis.maxAbsCosineAuthored }
  }
  mkdirSync(outDir, { recursive: true })
  writeFileSync(join(outDir, 'generator.onnx'), generator.bytes)
  writeFileSync(join(outDir, 'renderer.onnx'), renderer.bytes)
  const ordered = order.map((n) => basis.directions.find((d) => d.name === n)!)
  writeFileSync(
    join(outDir, 'expression-basis.json'),
    JSON.stringify({
      units: 'canonical cm at slider +1; 468 x (dx, dy, dz); x subject-left, y up, z toward camera',
      innerProduct: basis.innerProduct,
      maxAbsCosine: basis.maxAbsCosine,
      directions: ordered.map((d) => ({
        name: d.name,
        amplitude: d.amplitude,
        fidelity: d.fidelity,
        field: Array.from(d.field, (x) => Math.round(x * 1e6) / 1e6),
        ...('eyeball' in d ? { eyeball: d.eyeball } : {})
      }))
    })
  )
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n')
  return {
    dir: outDir,
    maxAbsCosine: basis.maxAbsCosine,
    maxAbsCosineAuthored: basis.maxAbsCosineAuthored,
    fidelity: Object.fromEntries(ordered.map((d) => [d.name, d.fidelity]))
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const summary = buildBuiltinPack(process.argv[2] ? resolve(process.argv[2]) : undefined)
  console.log(`built-in pack written to ${summary.dir}`)
  console.log(
    `expression directions: max |cosine| ${summary.maxAbsCosine.toExponential(2)} after Löwdin ` +
      `(input fields ${summary.maxAbsCosineAuthored.toFixed(3)})`
  )
  for (const [name, fid] of Object.entries(summary.fidelity))
    console.log(`  ${name.padEnd(14)} cos(authored, final) ${fid.toFixed(3)}`)
}
