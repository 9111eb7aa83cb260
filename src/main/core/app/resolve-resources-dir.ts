import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

/**
 * The folder with generated models and engine packs, for the CLI and tests (Electron passes its own):
 * $MIMESIS_RESOURCES_DIR, else `resources/` beside the package.json of this project found by walking
 * up from this module. Works from `src/` (tsx, vitest) and from the bundle in `out/main/`.
 */
export function resolveResourcesDir(from: string = __dirname): string {
  const fromEnv = process.env['MIMESIS_RESOURCES_DIR']
  if (fromEnv) return fromEnv
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest)) {
      const name = (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name
      if (name === 'mimesis-studio') return join(dir, 'resources')
    }
    if (dirname(dir) === dir) return join(process.cwd(), 'resources')
  }
}
