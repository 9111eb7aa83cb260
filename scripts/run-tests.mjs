#!/usr/bin/env node
// `npm test`: every test suite, in order, with one summary line at the end.
//   1. generated assets (face models, engine pack) and the renderer/main bundles are brought up to date
//   2. unit + integration tests (vitest, real ONNX sessions and real ffmpeg)
//   3. end-to-end UI tests (Playwright in Debian's Chromium against the renderer test host)
// Extra arguments are passed to both runners as filters, e.g. `npm test -- timeline`.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => join(root, 'node_modules', '.bin', name)
const args = process.argv.slice(2)
mkdirSync(join(root, 'test-results'), { recursive: true })

function run(label, command, commandArgs) {
  console.log(`\n=== ${label} ===`)
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: process.env })
  if (result.error) throw result.error
  return result.status ?? 1
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
for (const script of ['build:assets']) {
  if (pkg.scripts?.[script] && run(`prepare: ${script}`, 'npm', ['run', '--silent', script]) !== 0)
    process.exit(1)
}
if (run('prepare: bundles', bin('electron-vite'), ['build']) !== 0) process.exit(1)

const vitestJson = join(root, 'test-results', 'vitest.json')
const playwrightJson = join(root, 'test-results', 'playwright-results.json')
const vitestStatus = run('unit and integration tests (vitest)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
  ...args
])
const playwrightStatus = run('end-to-end tests (Playwright, Chromium)', bin('playwright'), ['test', ...args])

const counts = { passed: 0, failed: 0, skipped: 0 }
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'))
  counts.passed += report.numPassedTests ?? 0
  counts.failed += report.numFailedTests ?? 0
  counts.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
}
if (existsSync(playwrightJson)) {
  const stats = JSON.parse(readFileSync(playwrightJson, 'utf8')).stats ?? {}
  counts.passed += (stats.expected ?? 0) + (stats.flaky ?? 0)
  counts.failed += stats.unexpected ?? 0
  counts.skipped += stats.skipped ?? 0
}
const failedRunner =
  (vitestStatus !== 0 && counts.failed === 0) || (playwrightStatus !== 0 && counts.failed === 0)
if (failedRunner) counts.failed += 1 // a runner crashed before reporting: never report green
console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`)
process.exit(vitestStatus === 0 && playwrightStatus === 0 ? 0 : 1)
