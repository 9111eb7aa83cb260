import { resolve } from 'node:path'
import { build, type Rolldown } from 'vite'

const ROOT = resolve(__dirname, '..', '..')

/** Bundles bridge/bridge.ts (and the shared API factory it uses) into one classic script, in memory. */
export async function buildBridge(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    resolve: { alias: { '@shared': resolve(ROOT, 'src/shared') } },
    build: {
      write: false,
      minify: false,
      lib: { entry: resolve(__dirname, 'bridge', 'bridge.ts'), formats: ['iife'], name: 'mimesisBridge' }
    }
  })
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[]
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk')
  if (!chunk || chunk.type !== 'chunk') throw new Error('Building the test-host bridge produced no script.')
  return chunk.code
}
