/**
 * CLI: convert the MediaPipe face models to ONNX into resources/models/ (skips when up to date).
 *   npx tsx build/models/build-face-models.ts [--force] [--out <dir>]
 */
import { buildFaceModels } from './face-models'

function main(): void {
  const args = process.argv.slice(2)
  const outAt = args.indexOf('--out')
  const outDir = outAt >= 0 ? args[outAt + 1] : undefined
  const t0 = Date.now()
  const res = buildFaceModels({ force: args.includes('--force'), outDir, log: (m) => console.log(m) })
  console.log(`${res.rebuilt ? 'built' : 'up to date'}: ${res.manifestPath} (${Date.now() - t0} ms)`)
}

main()
