// Generator benchmark: 10 minutes of idle life at several blink rates and energies (fixed seeds), read back
// from the document's keys as an observer would, against the parameters; keys per minute after reduction;
// and the time to generate 60 s. Run: npm run bench:generate. Prints a table; asserts nothing.
// (The comparison with real blinks measured on ../shared/data/driving is not part of it yet.)
import { BUILTIN_EXPRESSION_DIRECTIONS } from '../src/shared/engine/expression-directions'
import { DEFAULT_IDLE, generateIntoDocument, type IdleLifeParams } from '../src/shared/generate'
import { scheduleBlinks } from '../src/shared/generate/blink-schedule'
import { streamRandom } from '../src/shared/generate/seeded-random'
import { createDocument, seconds } from '../src/shared/timeline'
import { lidCurve, measureBlinks } from '../test/unit/generate/measure-blinks'

const FPS = 30
const names = BUILTIN_EXPRESSION_DIRECTIONS.map((d) => d.name)

function run(idle: IdleLifeParams, seed: number, durationSec: number) {
  const doc = createDocument({
    expressionNames: names,
    settings: { fps: FPS, durationSec: seconds(durationSec) }
  })
  const started = performance.now()
  const outcome = generateIntoDocument(doc, {
    settings: { seed, idle, emotions: [] },
    range: { from: 0, to: durationSec },
    directions: BUILTIN_EXPRESSION_DIRECTIONS
  })
  return { ...outcome, ms: performance.now() - started }
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)

const rows: string[][] = [
  [
    'rate set',
    'energy',
    'seed',
    'blinks/min',
    'mean dur ms',
    'min–max ms',
    'close/open',
    'doubles %',
    'keys/min'
  ]
]
for (const [blinkRate, energy, seed] of [
  [10, 0.5, 1],
  [17, 0, 2],
  [17, 0.5, 7],
  [17, 1, 3],
  [30, 0.5, 4]
] as const) {
  const idle = { ...DEFAULT_IDLE, blinkRate, energy }
  const minutes = 10
  const { document, keys } = run(idle, seed, minutes * 60)
  const blinks = measureBlinks(lidCurve(document), FPS)
  let doubles = 0
  for (let i = 1; i < blinks.length; i++) {
    if (blinks[i]!.start - (blinks[i - 1]!.start + blinks[i - 1]!.duration) < 0.2) doubles++
  }
  const durations = blinks.map((b) => b.duration * 1000)
  rows.push([
    String(blinkRate),
    String(energy),
    String(seed),
    (blinks.length / minutes).toFixed(1),
    mean(durations).toFixed(0),
    `${Math.min(...durations).toFixed(0)}–${Math.max(...durations).toFixed(0)}`,
    `${(1000 * mean(blinks.map((b) => b.closing))).toFixed(0)}/${(1000 * mean(blinks.map((b) => b.opening))).toFixed(0)} ms`,
    ((100 * doubles) / Math.max(1, blinks.length - doubles)).toFixed(1),
    (keys / minutes).toFixed(0)
  ])
}
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)))
for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '))

// The schedule's rate without one seed's luck: 40 seeds × 10 minutes per rate.
for (const rate of [10, 17, 30]) {
  let total = 0
  for (let seed = 0; seed < 40; seed++) {
    total += scheduleBlinks(streamRandom(seed, 'blinks'), {
      ratePerMin: rate,
      frames: 600 * FPS,
      fps: FPS
    }).length
  }
  console.log(`blink rate set ${rate} /min: ${(total / 400).toFixed(2)} /min over 40 seeds × 10 min`)
}

// Speed: 60 s of idle life and an emotion, best of 5.
const times: number[] = []
for (let i = 0; i < 5; i++) times.push(run(DEFAULT_IDLE, i, 60).ms)
console.log(
  `\ngenerating 60 s of idle life (30 fps, ${names.length} directions + camera): best ${Math.min(...times).toFixed(1)} ms`
)
