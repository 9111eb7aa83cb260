import { spawn, type ChildProcess } from 'node:child_process'
import { join, resolve } from 'node:path'

export const ROOT = resolve(__dirname, '..', '..', '..')

export interface CliRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/**
 * Starts `mimesis` from the sources (src/main/cli/index.ts through tsx, with the node tsconfig so
 * `@shared` resolves) exactly as bin/mimesis.cjs starts the bundle: its own process, real stdio and signals.
 */
export function startCli(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {}
): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main/cli/index.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.node.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const done = new Promise<CliRun>((resolveRun, reject) => {
    child.once('error', reject)
    child.once('close', (code, signal) => resolveRun({ code, signal, stdout, stderr }))
  })
  return { child, done }
}

export function runCli(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliRun> {
  return startCli(args, env).done
}

/** `mimesis render` arguments for a short turntable of `portrait`: 1 s at 8 fps, 96 px, to `out`. */
export function shortTurntableArgs(portrait: string, out: string): string[] {
  return [
    'render',
    portrait,
    '--preset',
    'turntable',
    '--seconds',
    '1',
    '--fps',
    '8',
    '--size',
    '96',
    '--out',
    out
  ]
}
