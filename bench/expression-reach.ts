// Expression reach: for each direction at +1 and −1, how far the matching face measure moves on the render
// (read by the project's analysis) divided by how far real faces move in real footage (the 95th percentile
// of each clip's change from its own median face, over ../shared/data/driving). 1.0 = as strong as a real
// strong expression. Run: npm run bench:reach [-- --portraits 6]. Writes bench-results/expression-reach.json.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { analyzeRenderedFrame } from '../src/main/core/analysis/analyze-rendered-frame'
import { resolveResourcesDir } from '../src/main/core/app/resolve-resources-dir'
import { measureFace, type FaceMeasures } from '../src/main/core/drive/face-measures'
import { trackDriver } from '../src/main/core/drive/track-driver'
import { createEngine, renderFrame, type Avatar } from '../src/main/core/engine/engine'
import { avatarFromFile } from '../src/main/core/render/avatar-from-file'

const ROOT = process.cwd()
const DATA = resolve(ROOT, '..', 'shared', 'data')
const FIXTURE = resolve(ROOT, 'test', 'fixtures', 'astronaut.png')
const SIZE = 512

type Reading = keyof FaceMeasures | 'eyeOpen' | 'brow' | 'browGap'
/** A face's readings: its measures plus the gap between the inner brow heads (x, cm), which a furrow narrows. */
type Readings = FaceMeasures & { readonly browGap: number }
const readingsOf = (canonical: ArrayLike<number>): Readings => ({
  ...measureFace(canonical),
  browGap: canonical[3 * 336]! - canonical[3 * 107]!
})
/** The reading that shows each direction, and the sign of its change at +1. */
export const REACH_MEASURES: Readonly<Record<string, { measure: Reading; sign: 1 | -1 }>> = {
  jawOpen: { measure: 'mouthOpen', sign: 1 },
  smile: { measure: 'cornerHeight', sign: 1 },
  frown: { measure: 'cornerHeight', sign: -1 },
  pucker: { measure: 'mouthWidth', sign: -1 },
  mouthStretch: { measure: 'mouthWidth', sign: 1 },
  blinkL: { measure: 'eyeOpenL', sign: -1 },
  blinkR: { measure: 'eyeOpenR', sign: -1 },
  eyesWide: { measure: 'eyeOpen', sign: 1 },
  squint: { measure: 'eyeOpen', sign: -1 },
  browInnerUp: { measure: 'brow', sign: 1 },
  browOuterUp: { measure: 'brow', sign: 1 },
  browFurrow: { measure: 'browGap', sign: -1 }
}

const read = (m: Readings, r: Reading): number =>
  r === 'eyeOpen' ? (m.eyeOpenL + m.eyeOpenR) / 2 : r === 'brow' ? (m.browL + m.browR) / 2 : m[r]

const median = (v: readonly number[]): number => {
  const s = [...v].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}
const quantile = (v: readonly number[], q: number): number => {
  const s = [...v].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.round(q * (s.length - 1)))] ?? NaN
}
const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d

/** 95th percentile of each reading's change from its clip's median, per sign, pooled over the clips. */
async function realMotion(): Promise<Record<string, { up: number; down: number }>> {
  const clips = readdirSync(join(DATA, 'driving'))
    .filter((f) => f.endsWith('.mp4'))
    .sort()
  const readings: Reading[] = [
    'mouthOpen',
    'mouthWidth',
    'cornerHeight',
    'eyeOpenL',
    'eyeOpenR',
    'eyeOpen',
    'brow'
  ]
  const ups: Record<string, number[]> = {}
  const downs: Record<string, number[]> = {}
  for (const r of readings) {
    ups[r] = []
    downs[r] = []
  }
  for (const clip of clips) {
    const track = await trackDriver(join(DATA, 'driving', clip))
    const measures = track.faces.flatMap((f) => (f ? [readingsOf(f.canonical)] : []))
    for (const r of readings) {
      const v = measures.map((m) => read(m, r))
      const med = median(v)
      for (const x of v) {
        if (x >= med) ups[r]!.push(x - med)
        else downs[r]!.push(med - x)
      }
    }
  }
  return Object.fromEntries(
    readings.map((r) => [r, { up: quantile(ups[r]!, 0.95), down: quantile(downs[r]!, 0.95) }])
  )
}

async function measureRender(avatar: Avatar, expression: Record<string, number>): Promise<Readings | null> {
  const face = await analyzeRenderedFrame(
    await renderFrame(avatar, { expression, width: SIZE, height: SIZE })
  )
  return face ? readingsOf(face.canonicalLandmarks) : null
}

async function main(): Promise<void> {
  if (!existsSync(join(DATA, 'driving')) || !existsSync(join(DATA, 'portraits'))) {
    console.log(`skipped: the shared dev data is absent (${DATA})`)
    return
  }
  const args = process.argv.slice(2)
  const count = Number(args[args.indexOf('--portraits') + 1] ?? '') || 6
  const real = await realMotion()
  console.log('real motion (95th percentile of the change from each clip’s median, cm):')
  for (const [r, v] of Object.entries(real))
    console.log(`  ${r.padEnd(13)} up ${round(v.up, 3)}  down ${round(v.down, 3)}`)
  const portraits = [
    FIXTURE,
    ...readdirSync(join(DATA, 'portraits'))
      .sort()
      .map((f) => join(DATA, 'portraits', f))
  ].slice(0, count)
  const engine = await createEngine()
  const reach: Record<string, { plus: number[]; minus: number[] }> = {}
  for (const name of Object.keys(REACH_MEASURES)) reach[name] = { plus: [], minus: [] }
  for (const p of portraits) {
    const avatar = await avatarFromFile(p, {
      engine,
      resourcesDir: resolveResourcesDir(),
      maxSide: SIZE
    }).catch(() => null)
    if (!avatar) continue
    const neutral = await measureRender(avatar, {})
    if (!neutral) continue
    const row: string[] = []
    for (const [name, { measure, sign }] of Object.entries(REACH_MEASURES)) {
      for (const s of [1, -1] as const) {
        const m = await measureRender(avatar, { [name]: s })
        if (!m) continue
        const change = (read(m, measure) - read(neutral, measure)) * sign * s
        const realSize = sign * s > 0 ? real[measure]!.up : real[measure]!.down
        reach[name]![s > 0 ? 'plus' : 'minus'].push(change / realSize)
      }
      row.push(`${name} ${round(reach[name]!.plus.at(-1) ?? NaN)}`)
    }
    console.log(`${basename(p)}: ${row.join(', ')}`)
  }
  console.log('\ndirection      measure        reach +1 (median)  wrong sign  reach −1 (median)')
  const summary = Object.entries(REACH_MEASURES).map(([name, { measure }]) => {
    const r = reach[name]!
    const out = {
      name,
      measure,
      plus: round(median(r.plus)),
      wrongSign: r.plus.filter((x) => x < 0).length,
      minus: round(median(r.minus)),
      portraits: r.plus.length
    }
    console.log(
      `${name.padEnd(14)} ${measure.padEnd(14)} ${String(out.plus).padEnd(18)} ${String(out.wrongSign).padEnd(11)} ${out.minus}`
    )
    return out
  })
  mkdirSync('bench-results', { recursive: true })
  writeFileSync(
    'bench-results/expression-reach.json',
    JSON.stringify({ date: new Date().toISOString(), real, summary }, null, 2)
  )
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
