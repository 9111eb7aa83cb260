import { smoothstep } from './smoothstep'

/** Colour distance (in the core's standard deviations, RMS over R, G, B) where the rim starts to fade, and is gone. */
const FADE_FROM = 2.5
const FADE_TO = 3.5
/** The standard deviation per channel is at least this (0..255): a flat-coloured hand must not trim everything. */
const MIN_STD = 8

/**
 * Refines a hand's matte to its colours, in place. The source's pixels where `core` is at least 1 (well inside
 * the hand's shape) describe the hand: mean and standard deviation per channel, estimated twice, the second time
 * without the pixels past FADE_TO of the first (a fingertip's landmark sits on the hair behind it now and then).
 * Every pixel of the matte but the bones' own (`core` 2) is kept by how close its colour is: 1 within FADE_FROM
 * deviations, 0 past FADE_TO. `rgb`: the portrait, 3 bytes a px; `matte` and `core` h x w.
 */
export function trimToHandColour(matte: Float32Array, core: Uint8Array, rgb: Uint8Array): void {
  let model = colourModel(core, rgb, null)
  if (!model) return
  model = colourModel(core, rgb, model) ?? model
  for (let i = 0; i < matte.length; i++) {
    if (core[i] === 2 || matte[i]! === 0) continue
    matte[i] = matte[i]! * (1 - smoothstep(FADE_FROM, FADE_TO, distance(model, rgb, i)))
  }
}

interface ColourModel {
  readonly mean: readonly number[]
  readonly std: readonly number[]
}

/** RMS over R, G, B of pixel i's distance from the model's mean, in its standard deviations. */
function distance(m: ColourModel, rgb: Uint8Array, i: number): number {
  let z2 = 0
  for (let c = 0; c < 3; c++) z2 += ((rgb[3 * i + c]! - m.mean[c]!) / m.std[c]!) ** 2
  return Math.sqrt(z2 / 3)
}

/** Mean and deviation of the core's colours (those within FADE_TO of `previous` when given); null: too few. */
function colourModel(core: Uint8Array, rgb: Uint8Array, previous: ColourModel | null): ColourModel | null {
  const sum = [0, 0, 0]
  const sq = [0, 0, 0]
  let n = 0
  for (let i = 0; i < core.length; i++) {
    if (!core[i] || (previous && distance(previous, rgb, i) > FADE_TO)) continue
    n++
    for (let c = 0; c < 3; c++) {
      const v = rgb[3 * i + c]!
      sum[c]! += v
      sq[c]! += v * v
    }
  }
  if (n < 16) return null
  const mean = sum.map((v) => v / n)
  const std = sq.map((v, c) => Math.max(MIN_STD, Math.sqrt(Math.max(0, v / n - mean[c]! ** 2))))
  return { mean, std }
}
