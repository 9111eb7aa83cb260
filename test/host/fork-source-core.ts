import { join, resolve } from 'node:path'
import type { ForkCore } from '../../src/main/core-process/core-port'
import { forkNodeCore } from '../../src/main/core-process/node-core-ports'

const ROOT = resolve(__dirname, '..', '..')

/** The core process's entry, as TypeScript source. */
export const CORE_ENTRY = join(ROOT, 'src', 'main', 'core-process', 'core-process-main.ts')

/**
 * Starts the core process from source in a Node child (tsx compiles it on the fly), so the test host and
 * the crash tests run the current code behind the same protocol Electron's utility process speaks.
 */
export function forkSourceCore(): ForkCore {
  // The test runner's own loader flags are not for the child.
  const { NODE_OPTIONS: _runnerFlags, ...env } = process.env
  return forkNodeCore(CORE_ENTRY, {
    execArgv: ['--import', 'tsx'],
    cwd: ROOT,
    env: { ...env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.node.json') }
  })
}
