// How much of a clean change of the eyes' opening the project's face analysis reads, per portrait: the neutral
// render (as bench:reach makes it, 512 px) with each eye's region stretched vertically by a factor (eye-stretch.ts;
// no lid, eyeball or gap fill of the renderer involved), analysed like bench:reach's renders. The share read is
// (read gap − neutral gap) ÷ (neutral gap × (factor − 1)), the lid gap being eyeOpen (bench/expression-readings.ts).
// It bounds what eyesWide and the blinks can reach whatever their render looks like: bench:reach divides the read
// change by the footage's 95th percentile of the same reading.
//
// usage: tsx --tsconfig tsconfig.node.json bench/eye-gap-readback.ts [--only name1,name2] → prints a row per portrait
// and the medians, writes bench-results/eye-gap-readback.json.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { analysisImageOf, analyzeRenderedFrame } from '../src/main/core/analysis/analyze-rendered-frame'
import { analyzeImage } from '../src/main/core/analysis/analyze-image'
import { createAvatar, createEngine, renderFrame } from '../src/main/core/engine/engine'
import { decodeImage } from '../src/main/core/image/decode-image'
import { faceReadings } from './expression-readings'
import { stretchEyes } from './eye-stretch'

const ROOT = resolve(__dirname, '..')
const DATA = resolve(ROOT, '..', 'shared', 'data', 'portraits')
const OUT = resolve(ROOT, 'bench-results')
const SIZE = 512
/** The stretch factors: a narrowing by 40 %, openings by 25 % and 50 %. */
const FACTORS = [0.6, 1.25, 1.5] as const

const args = process.argv.slice(2)
const onlyArg = args.indexOf('--only')
const onlyNames = onlyArg >= 0 ? new Set((args[onlyArg + 1] ?? '').split(',')) : null

interface Row {
  readonly portrait: string
  /** The neutral render's mean lid gap (eyeOpen, cm). */
  readonly gap: number
  /** Per factor: the read gap (cm) and the share of the made change that was read (null: no face found). */
  readonly stretched: { factor: number; gap: number | null; shareRead: number | null }[]
}

const median = (v: readonly number[]): number | null => {
  if (v.length === 0) return null
  const s = [...v].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/** The mean lid gap (cm) the analysis reads of an RGBA picture, or null where it finds no face. */
async function readGap(picture: { rgba: Uint8Array; width: number; height: number }): Promise<number | null> {
  const face = await analyzeRenderedFrame(picture)
  if (!face) return null
  return (await faceReadings(analysisImageOf(picture), face, false)).eyeOpen ?? null
}

async function main(): Promise<void> {
  if (!existsSync(DATA)) {
    console.log(`skipped: the shared dev data is absent (${DATA})`)
    return
  }
  const engine = await createEngine()
  const rows: Row[] = []
  const files = readdirSync(DATA)
    .filter((f) => /\.(png|jpe?g|webp)$/i.test(f))
    .filter((f) => onlyNames == null || onlyNames.has(f.replace(/\.[^.]+$/, '')))
    .sort()
  for (const file of files) {
    const name = file.replace(/\.[^.]+$/, '')
    const decoded = await decodeImage(join(DATA, file), { maxSide: SIZE })
    const working = { ...decoded, originalWidth: decoded.width, originalHeight: decoded.height, scale: 1 }
    const source = (await analyzeImage(working).catch(() => []))[0]
    if (!source) continue
    const avatar = await createAvatar(
      { data: working.data, width: working.width, height: working.height },
      source,
      engine
    )
    const frame = await renderFrame(avatar, { expression: {}, width: SIZE, height: SIZE })
    const face = await analyzeRenderedFrame(frame)
    const gap = face ? (await faceReadings(analysisImageOf(frame), face, false)).eyeOpen : undefined
    if (!face || gap === undefined) continue
    const stretched: Row['stretched'] = []
    for (const factor of FACTORS) {
      const rgba = stretchEyes(frame.rgba, frame.width, frame.height, face.landmarks, factor)
      const read = await readGap({ rgba, width: frame.width, height: frame.height })
      stretched.push({
        factor,
        gap: read,
        shareRead: read === null ? null : (read - gap) / (gap * (factor - 1))
      })
    }
    rows.push({ portrait: name, gap, stretched })
    console.log(
      `${name.padEnd(12)} gap ${gap.toFixed(2)} cm | ` +
        stretched
          .map((s) => `×${s.factor}: ${s.gap?.toFixed(2) ?? '–'} cm, read ${s.shareRead?.toFixed(2) ?? '–'}`)
          .join(' | ')
    )
  }
  const medians = FACTORS.map((factor, i) => ({
    factor,
    shareRead: median(
      rows.flatMap((r) => (r.stretched[i]!.shareRead === null ? [] : [r.stretched[i]!.shareRead!]))
    )
  }))
  console.log(
    `median share read: ${medians.map((m) => `×${m.factor} ${m.shareRead?.toFixed(2) ?? '–'}`).join(', ')}`
  )
  mkdirSync(OUT, { recursive: true })
  writeFileSync(
    join(OUT, 'eye-gap-readback.json'),
    JSON.stringify({ date: new Date().toISOString(), size: SIZE, medians, portraits: rows }, null, 2)
  )
}

void main()
