// `npm run fuzz`: long fuzz passes over the targets of test/support/fuzz (the tests run a short seeded pass).
//   npm run fuzz                              every target, 100,000 inputs each, a random seed
//   npm run fuzz -- --target project --runs 1000000 --seed 7 --chunk 50000
// Each target runs in chunks (seed, seed + 1, ...) so a long pass prints its progress; the summary gives the
// inputs tried, the failures and the slowest input. Exit status 1 when any input failed.
import { parseArgs } from 'node:util'
import { checkFuzzTarget, type FuzzTarget } from '../test/support/fuzz/fuzz-target'
import {
  cliOptionTarget,
  ipcDispatchTarget,
  packManifestTarget,
  performanceFileTarget,
  projectLoaderTarget
} from '../test/support/fuzz/fuzz-targets'

const TARGETS: Readonly<Record<string, FuzzTarget<never>>> = {
  project: projectLoaderTarget as FuzzTarget<never>,
  manifest: packManifestTarget as FuzzTarget<never>,
  performance: performanceFileTarget as FuzzTarget<never>,
  ipc: ipcDispatchTarget as FuzzTarget<never>,
  cli: cliOptionTarget as FuzzTarget<never>
}

const { values } = parseArgs({
  options: {
    target: { type: 'string', multiple: true },
    runs: { type: 'string', default: '100000' },
    chunk: { type: 'string', default: '20000' },
    seed: { type: 'string' }
  }
})

function wholeNumber(text: string, name: string): number {
  const n = Number(text)
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new Error(`--${name} must be a positive whole number, got ${text}`)
  return n
}

async function fuzzTarget(
  name: string,
  target: FuzzTarget<never>,
  runs: number,
  chunk: number,
  seed: number
): Promise<number> {
  const start = performance.now()
  let tried = 0
  let failures = 0
  let slowestMs = 0
  let slowestInput = ''
  for (let pass = 0; tried < runs; pass++) {
    const report = await checkFuzzTarget(target, {
      seed: seed + pass,
      numRuns: Math.min(chunk, runs - tried)
    })
    tried += report.runs
    failures += report.failures
    if (report.slowestMs > slowestMs) {
      slowestMs = report.slowestMs
      slowestInput = report.slowestInput
    }
    const minutes = ((performance.now() - start) / 60_000).toFixed(1)
    console.log(
      `${name}: ${tried} inputs, ${failures} failures, slowest ${slowestMs.toFixed(0)} ms of CPU (${minutes} min)`
    )
    if (report.failure) console.log(`${name}: seed ${seed + pass} failed: ${report.failure}`)
  }
  console.log(`${name}: slowest input (${slowestMs.toFixed(0)} ms): ${slowestInput.slice(0, 300)}`)
  return failures
}

async function main(): Promise<void> {
  const names = values.target ?? Object.keys(TARGETS)
  const runs = wholeNumber(values.runs, 'runs')
  const chunk = wholeNumber(values.chunk, 'chunk')
  const seed = values.seed === undefined ? Date.now() % 1_000_000_000 : wholeNumber(values.seed, 'seed')
  console.log(`fuzz: seed ${seed}, ${runs} inputs per target`)
  let failures = 0
  for (const name of names) {
    const target = TARGETS[name]
    if (!target) throw new Error(`unknown target "${name}"; choose ${Object.keys(TARGETS).join(', ')}`)
    failures += await fuzzTarget(name, target, runs, chunk, seed)
  }
  process.exitCode = failures > 0 ? 1 : 0
}

void main()
