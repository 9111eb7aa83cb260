// Generator benchmark: 10 minutes of idle life at several blink rates and energies (fixed seeds), read back
// from the document's keys as an observer would, against the parameters; keys per minute after reduction;
// and the time to generate 60 s; then, where ../shared/data/driving is present (bench/generate-footage.ts):
// generated blinks against real blinks tracked in the clips, speech sync on the clips' own sound, and a
// rendered check (idle life under speech rendered and read back by the analysis). Run: npm run bench:generate
// [-- --no-render]. Prints tables; asserts nothing.
import { existsSync } from 'node:fs'
import { BUILTIN_EXPRESSION_DIRECTIONS } from '../src/shared/engine/expression-directions'
import { DEFAULT_IDLE, generateIntoDocument, type IdleLifeParams } from '../src/shared/generate'
import { scheduleBlinks } from '../src/shared/generate/blink-schedule'
import { streamRandom } from '../src/shared/generate/seeded-random'
import { createDocument, seconds } from '../src/shared/timeline'
import { lidCurve, measureBlinks } from '../test/unit/generate/measure-blinks'
import {
  blinksAbove,
  clipsWithSound,
  DRIVING,
  realBlinks,
  renderedCheck,
  speechSync,
  CLOSURE_FLOOR
} from './generate-footage'

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

const pct = (a: number, b: number) => `${(100 * (a / b - 1)).toFixed(0)} %`

/** Generated blinks read like the real ones (above CLOSURE_FLOOR), against the driving clips' blinks. */
async function blinksAgainstFootage(): Promise<void> {
  const { readdirSync } = await import('node:fs')
  const clips = readdirSync(DRIVING)
    .filter((f) => f.endsWith('.mp4'))
    .sort()
  const real = await realBlinks(clips)
  console.log(`\nreal blinks (tracked lids, closure over ${CLOSURE_FLOOR} of the clip's median opening):`)
  for (const r of real) {
    const rate = (60 * r.blinks.length) / r.seconds
    const ms = r.blinks.map((b) => b.duration * 1000)
    console.log(
      `  ${r.clip.padEnd(24)} ${r.seconds.toFixed(1).padStart(5)} s  ${String(r.blinks.length).padStart(2)} blinks  ${rate.toFixed(1).padStart(5)} /min  mean ${ms.length ? mean(ms).toFixed(0) : '–'} ms`
    )
  }
  const totalSec = real.reduce((a, r) => a + r.seconds, 0)
  const all = real.flatMap((r) => r.blinks)
  const rates = real.filter((r) => r.seconds >= 5).map((r) => (60 * r.blinks.length) / r.seconds)
  const realRate = (60 * all.length) / totalSec
  const realMs = mean(all.map((b) => b.duration * 1000))
  const sortedMs = all.map((b) => b.duration * 1000).sort((a, b) => a - b)
  const realMedianMs = sortedMs[Math.floor(sortedMs.length / 2)] ?? NaN
  const gen = run(DEFAULT_IDLE, 11, 600).document
  const genBlinks = blinksAbove(lidCurve(gen), FPS)
  const genRate = genBlinks.length / 10
  const genMs = mean(genBlinks.map((b) => b.duration * 1000))
  console.log(
    `  all clips: ${all.length} blinks in ${totalSec.toFixed(0)} s: ${realRate.toFixed(1)} /min (clips of 5 s or more: ${Math.min(...rates).toFixed(1)}–${Math.max(...rates).toFixed(1)} /min), mean ${realMs.toFixed(0)} ms, median ${realMedianMs.toFixed(0)} ms`
  )
  console.log(
    `  generated (default idle life, 10 min, same reader): ${genRate.toFixed(1)} /min, mean ${genMs.toFixed(0)} ms (${pct(genMs, realMs)} against the real mean, ${pct(genMs, realMedianMs)} against the median; target within ±20 %)`
  )
}

async function speechAgainstSound(): Promise<void> {
  const clips = await clipsWithSound()
  const sync = await speechSync(clips)
  console.log(
    '\nspeech sync (speech alone from each clip’s sound, 30 fps; target r ≥ 0.6 at a lag of 0–2 frames):'
  )
  for (const s of sync) {
    if (s.voicedShare < 0.1) {
      console.log(
        `  ${s.clip.padEnd(24)} ${s.seconds.toFixed(1).padStart(5)} s  no voice found (${(100 * s.voicedShare).toFixed(0)} % voiced)`
      )
      continue
    }
    console.log(
      `  ${s.clip.padEnd(24)} ${s.seconds.toFixed(1).padStart(5)} s  jaw~loudness r ${s.best.toFixed(2)} at ${s.lag} frames  (speaker's own mouth r ${s.speaker?.toFixed(2) ?? '–'})  silences >300 ms ${s.silences}, jaw in them ≤ ${s.jawInSilence.toFixed(3)}  analysis ${s.analysisMsPerSec.toFixed(1)} ms/s → ${((60 * s.analysisMsPerSec) / 1000).toFixed(2)} s per minute`
    )
  }
  return renderAndRead(clips)
}

async function renderAndRead(clips: readonly string[]): Promise<void> {
  if (process.argv.includes('--no-render') || clips.length === 0) return
  const clip = clips.includes('sad_aoc.mp4') ? 'sad_aoc.mp4' : clips[0]!
  for (const portrait of ['lp_s7.jpg', 'sad_people0.png']) {
    const check = await renderedCheck(portrait, clip, 512)
    if (!check) continue
    console.log(
      `rendered check (${portrait}, idle life at 30 blinks/min under ${clip}'s speech, ${check.frames} frames at 512²): blinks generated ${check.generatedBlinks}, read back ${check.renderedBlinks} (mean ${check.renderedBlinkMs.toFixed(0)} ms, deepest closure read ${check.maxClosure.toFixed(2)}); rendered mouth opening ~ generated jaw r ${check.mouth.toFixed(2)}`
    )
  }
}

if (existsSync(DRIVING)) {
  blinksAgainstFootage()
    .then(speechAgainstSound)
    .catch((error: unknown) => {
      console.error(error)
      process.exitCode = 1
    })
} else {
  console.log('\nskipped the footage comparisons: ../shared/data/driving is absent')
}
