// How real skin darkens in shade, the measurement behind the expression shading's tint
// (src/main/core/engine/avatar/shadow-tint.ts): per portrait, over the skin pixels shadowTint reads (cheeks and
// forehead, where the colour varies mostly by shading), the least-squares slopes of ln R and ln B against ln G
// (1: the shadow is grey; below 1 for red: the shadow is warmer than the lit skin), the skin's mean log-chroma
// ln(R/G), ln(B/G), and the chroma gain β = (1 − slope) ÷ log-chroma that the tint's model (γ_c = 1 − β ln(c̄/Ḡ))
// needs to match. Medians: the slopes over all portraits, β over the colour portraits with a real range of shading
// (sd of ln G at least MIN_SHADING; a black-and-white photo has no chroma to measure).
//
// usage: npm run bench:skin-shadow → a row per portrait and the medians. Reads ../shared/data/portraits (never
// copied into the repository); skips with a message when it is absent.
import { existsSync, readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { analyzeImage } from '../src/main/core/analysis/analyze-image'
import { SHADOW_CHROMA_GAIN, forEachSkinPixel } from '../src/main/core/engine/avatar/shadow-tint'
import { decodeImage } from '../src/main/core/image/decode-image'
import { median } from './ui-measure'

const DATA = resolve(__dirname, '..', '..', 'shared', 'data', 'portraits')
/** Least spread of ln G (the shading's range) for a portrait's β to count. */
const MIN_SHADING = 0.1
/** Least |mean log-chroma| for a portrait's β to count (grey skin has none). */
const MIN_CHROMA = 0.02

const fixed = (x: number, d = 2): string => x.toFixed(d).padStart(6)

/** Slope of ys against xs (least squares) and the spread of xs. */
function fit(xs: readonly number[], ys: readonly number[]): { slope: number; spread: number } {
  const n = xs.length
  const mx = xs.reduce((s, v) => s + v, 0) / n
  const my = ys.reduce((s, v) => s + v, 0) / n
  let sxy = 0
  let sxx = 0
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my)
    sxx += (xs[i]! - mx) ** 2
  }
  return { slope: sxx > 0 ? sxy / sxx : 1, spread: Math.sqrt(sxx / n) }
}

async function main(): Promise<void> {
  if (!existsSync(DATA)) {
    console.log(`skipped: the shared dev data is absent (${DATA})`)
    return
  }
  const slopes: [number, number][] = []
  const betas: [number, number][] = []
  console.log('portrait            pixels  sd lnG  dlnR   dlnB   lnR/G  lnB/G  β red  β blue')
  for (const file of readdirSync(DATA)
    .filter((f) => /\.(png|jpe?g|webp)$/i.test(f))
    .sort()) {
    const image = await decodeImage(resolve(DATA, file), { maxSide: 512 })
    const working = { ...image, originalWidth: image.width, originalHeight: image.height, scale: 1 }
    const face = (await analyzeImage(working).catch(() => []))[0]
    if (!face) {
      console.log(`${file}: no face found, skipped`)
      continue
    }
    const [lg, lr, lb]: number[][] = [[], [], []]
    forEachSkinPixel(image, face.landmarks, (red, green, blue) => {
      lg.push(Math.log(green))
      lr.push(Math.log(red))
      lb.push(Math.log(blue))
    })
    if (lg.length < 10) {
      console.log(`${file}: too few skin pixels (${lg.length}), skipped`)
      continue
    }
    const red = fit(lg, lr)
    const blue = fit(lg, lb)
    const chroma = (l: number[]): number => l.reduce((s, v, i) => s + v - lg[i]!, 0) / l.length
    const [cr, cb] = [chroma(lr), chroma(lb)]
    const [br, bb] = [(1 - red.slope) / cr, (1 - blue.slope) / cb]
    slopes.push([red.slope, blue.slope])
    const counts = red.spread >= MIN_SHADING && Math.abs(cr) >= MIN_CHROMA && Math.abs(cb) >= MIN_CHROMA
    if (counts) betas.push([br, bb])
    console.log(
      `${file.padEnd(18)}${String(lg.length).padStart(8)}${fixed(red.spread, 3)} ${fixed(red.slope)} ${fixed(blue.slope)} ` +
        `${fixed(cr, 3)} ${fixed(cb, 3)} ${counts ? `${fixed(br)} ${fixed(bb)}` : '     -      -'}`
    )
  }
  if (slopes.length === 0) return
  console.log(
    `median slopes over ${slopes.length} portraits: d ln R / d ln G ${fixed(median(slopes.map((s) => s[0])))}, ` +
      `d ln B / d ln G ${fixed(median(slopes.map((s) => s[1])))}`
  )
  if (betas.length > 0) {
    console.log(
      `median β over ${betas.length} colour portraits with shading: red ${fixed(median(betas.map((b) => b[0])))}, ` +
        `blue ${fixed(median(betas.map((b) => b[1])))} (the tint uses ${SHADOW_CHROMA_GAIN})`
    )
  }
}

void main()
