import { nearestKnown } from './plate-detail'
import { seededRandom } from '@shared/generate/seeded-random'

/**
 * Exemplar-based hole filling: a PatchMatch nearest-neighbour field (Barnes et al. 2009) solved coarse to fine
 * with patch voting (Wexler et al. 2007, "Space-time completion of video"). Every pixel whose patch touches
 * the hole is matched to a patch that lies wholly in the sources (propagation of the neighbours' matches plus a
 * random search that halves its radius); each hole pixel then becomes the similarity-weighted mean of what the
 * overlapping matched patches put there, and the two steps alternate. The coarsest level starts from the
 * caller's own fill (e.g. push-pull); each finer level starts from the coarser level's field, upsampled, down
 * to a working level small enough to match quickly. The full resolution then copies the sources' own texture
 * (grain, noise, stripes) through the field instead of blurring it (see patchMatchFill).
 *
 * Pure TypeScript over typed arrays, deterministic (seeded PRNG).
 */

/** Which pixels the fill writes, compares against and copies from (each w x h, 1 = yes). */
export interface PatchMatchMasks {
  /** Pixels to synthesise. Their values in `data` are the starting guess (used at the coarsest level). */
  readonly fill: Uint8Array
  /** Known pixels patches are compared on (not in `fill`); pixels in neither mask are ignored entirely. */
  readonly context: Uint8Array
  /** Known pixels texture may be copied from (a subset of `context`): a source patch lies wholly inside it. */
  readonly source: Uint8Array
}

export interface PatchMatchOptions {
  /** Patch half-size, px: 3 gives 7 x 7 patches, at every level. */
  readonly patchRadius?: number
  readonly seed?: number
  /** The pyramid stops before its longer side falls under this, px. */
  readonly coarsestSide?: number
  /** Search + vote iterations at the coarsest level; finer levels take fewer, down to `finestIterations`. */
  readonly coarseIterations?: number
  readonly finestIterations?: number
  /** Random search radius below the coarsest level, px at that level (it refines the upsampled field). */
  readonly searchRadius?: number
  /**
   * Matching stops at the first level with at most this many fill pixels; the full resolution copies the
   * texture its field points at.
   */
  readonly maxWorkPixels?: number
  /**
   * Locality: a match `d` px (full resolution) from the pixel it fills, `e = d − d_nearest − localityRadius / 2`
   * beyond the nearest possible match, costs `localityWeight · (e / localityRadius)²` on top of its mean squared
   * RGB difference, so of two alike patches the nearer background wins. 0: off.
   */
  readonly localityRadius?: number
  readonly localityWeight?: number
  /**
   * Each other centre already copying a source pixel adds this times the level's typical (75th percentile)
   * match cost to its cost, spreading the use of the sources.
   */
  readonly reuseWeight?: number
}

/** What a fill matched at: the working level (0 = full resolution), its fill pixels and source patches. */
export interface PatchMatchResult {
  readonly workLevel: number
  readonly workFill: number
  readonly workSources: number
}

interface Level {
  readonly w: number
  readonly h: number
  /** Planar colour channels. */
  readonly rgb: readonly [Float32Array, Float32Array, Float32Array]
  /** 0 ignored, 1 context, 2 fill. */
  readonly kind: Uint8Array
  readonly source: Uint8Array
}

/** A level that is matched: where a source patch may be centred (its whole patch is source). */
interface MatchedLevel extends Level {
  readonly valid: Uint8Array
  readonly validCount: number
}

/** A propagated (coherent) match wins over another unless that one's cost is this much lower. */
const COHERENCE = 0.9

const IGNORED = 0
const CONTEXT = 1
const FILL = 2

/**
 * Fills `masks.fill` of `data` (planar RGB [3][h][w], in place) with texture from `masks.source`. Pixels outside
 * the fill are never written. Returns null (and leaves `data` alone) when the sources hold no whole patch.
 */
export function patchMatchFill(
  data: Float32Array,
  w: number,
  h: number,
  masks: PatchMatchMasks,
  options: PatchMatchOptions = {}
): PatchMatchResult | null {
  const r = options.patchRadius ?? 3
  const region = cropRegion(data, w, h, masks, r)
  if (region === 'nothing-to-fill') return { workLevel: 0, workFill: 0, workSources: 0 }
  if (region === 'no-sources') return null
  const pyramid = buildPyramid(region.finest, r, options)
  if (pyramid === null) return null
  const field = matchCoarseToFine(pyramid, w, h, r, options)
  writeMatches(data, w, h, region, pyramid, field)
  const wl = pyramid.levels[pyramid.work]!
  return {
    workLevel: pyramid.work,
    workFill: countOf(wl.kind, FILL),
    workSources: pyramid.matched[pyramid.work]!.validCount
  }
}

/** The part of the picture the fill needs, as the finest level, and where it sits (px). */
interface Region {
  readonly finest: Level
  readonly x0: number
  readonly y0: number
}

/**
 * Region of interest: the fill's box widened by two patch radii (centres around it and their patches), and the
 * sources' box, copied out as the finest level with each pixel's kind.
 */
function cropRegion(
  data: Float32Array,
  w: number,
  h: number,
  masks: PatchMatchMasks,
  r: number
): Region | 'nothing-to-fill' | 'no-sources' {
  let fx0 = w
  let fy0 = h
  let fx1 = -1
  let fy1 = -1
  let sx0 = w
  let sy0 = h
  let sx1 = -1
  let sy1 = -1
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x
      if (masks.fill[i]) {
        if (x < fx0) fx0 = x
        if (x > fx1) fx1 = x
        if (y < fy0) fy0 = y
        if (y > fy1) fy1 = y
      } else if (masks.source[i] && masks.context[i]) {
        if (x < sx0) sx0 = x
        if (x > sx1) sx1 = x
        if (y < sy0) sy0 = y
        if (y > sy1) sy1 = y
      }
    }
  }
  if (fx1 < 0) return 'nothing-to-fill'
  if (sx1 < 0) return 'no-sources'
  const x0 = Math.max(0, Math.min(fx0 - 2 * r, sx0))
  const y0 = Math.max(0, Math.min(fy0 - 2 * r, sy0))
  const x1 = Math.min(w - 1, Math.max(fx1 + 2 * r, sx1))
  const y1 = Math.min(h - 1, Math.max(fy1 + 2 * r, sy1))
  const rw = x1 - x0 + 1
  const rh = y1 - y0 + 1
  const hw = w * h

  const rgb: [Float32Array, Float32Array, Float32Array] = [
    new Float32Array(rw * rh),
    new Float32Array(rw * rh),
    new Float32Array(rw * rh)
  ]
  const kind = new Uint8Array(rw * rh)
  const source = new Uint8Array(rw * rh)
  for (let c = 0; c < 3; c++) {
    const plane = rgb[c]
    for (let y = 0; y < rh; y++)
      plane.set(data.subarray(c * hw + (y + y0) * w + x0, c * hw + (y + y0) * w + x1 + 1), y * rw)
  }
  for (let y = 0; y < rh; y++) {
    for (let x = 0; x < rw; x++) {
      const i = (y + y0) * w + x + x0
      const j = y * rw + x
      const k = masks.fill[i] ? FILL : masks.context[i] ? CONTEXT : IGNORED
      kind[j] = k
      source[j] = k === CONTEXT && masks.source[i] ? 1 : 0
    }
  }
  return { finest: { w: rw, h: rh, rgb, kind, source }, x0, y0 }
}

/** The pyramid's levels, the matched ones (valid patch centres), and the level the matching stops at. */
interface Pyramid {
  readonly levels: readonly Level[]
  readonly matched: readonly (MatchedLevel | null)[]
  readonly work: number
}

/**
 * The pyramid: halving down to coarsestSide, while the sources still hold a few whole patches. The matching runs
 * down to the first level with at most maxWorkPixels fill pixels; finer levels only copy. Null when the working
 * level's sources hold no whole patch.
 */
function buildPyramid(finest: Level, r: number, options: PatchMatchOptions): Pyramid | null {
  const coarsestSide = options.coarsestSide ?? 32
  const maxWorkPixels = options.maxWorkPixels ?? 16384
  const levels: Level[] = [finest]
  const matched: (MatchedLevel | null)[] = [null]
  for (;;) {
    const last = levels[levels.length - 1]!
    if (Math.ceil(Math.max(last.w, last.h) / 2) < coarsestSide) break
    const next = withValid(downsample(last), r)
    if (next.validCount < 16) break
    levels.push(next)
    matched.push(next)
  }
  let work = 0
  while (work < levels.length - 1 && countOf(levels[work]!.kind, FILL) > maxWorkPixels) work++
  if (work === 0) matched[0] = withValid(finest, r)
  if (matched[work]!.validCount === 0) return null
  return { levels, matched, work }
}

/** The nearest-neighbour field at the working level, solved from the coarsest level down. */
function matchCoarseToFine(
  pyramid: Pyramid,
  w: number,
  h: number,
  r: number,
  options: PatchMatchOptions
): Int32Array {
  const coarseIterations = options.coarseIterations ?? 6
  const finestIterations = options.finestIterations ?? 1
  const searchRadius = options.searchRadius ?? 16
  const localityRadius = options.localityRadius ?? Math.max(w, h)
  const localityWeight = options.localityWeight ?? 0
  const reuseWeight = options.reuseWeight ?? 0.1
  const random = seededRandom(options.seed ?? 0x5eed).next
  const { levels, matched, work } = pyramid
  const coarsestLevel = levels.length - 1
  let nnf: Int32Array | null = null
  for (let l = coarsestLevel; l >= work; l--) {
    const level = matched[l]!
    const span = coarsestLevel - work
    const iterations =
      span === 0
        ? coarseIterations
        : finestIterations + Math.round(((coarseIterations - finestIterations) * (l - work)) / span)
    const side = Math.max(level.w, level.h)
    nnf = solveLevel(level, l === coarsestLevel ? null : { field: nnf!, from: levels[l + 1]! }, {
      r,
      iterations,
      searchRadius: l === coarsestLevel ? side : Math.min(side, searchRadius),
      random,
      localityRadius: localityRadius / 2 ** l,
      localityWeight,
      reuseWeight
    })
  }
  return nnf!
}

/**
 * Output at full resolution. Matched there: each fill pixel copies the source pixel its match points at (the
 * vote's mean is smooth wherever the field is incoherent, e.g. in fine noise or grain; the copy keeps it).
 * Matched at a coarser level: the fill there, upsampled (its vote is smooth across matched blocks), plus the
 * detail of the full-resolution source pixel the scaled-up match points at, i.e. that pixel minus the coarse
 * level's (upsampled) colour at it: the fine grain, without the seams whole copied blocks show where the
 * background's brightness drifts. A whole patch at the working level lies inside the sources there, so the
 * scaled match lies inside the full-resolution sources too.
 */
function writeMatches(
  data: Float32Array,
  w: number,
  h: number,
  region: Region,
  pyramid: Pyramid,
  field: Int32Array
): void {
  const { finest, x0, y0 } = region
  const { w: rw, h: rh, kind, source } = finest
  const { work } = pyramid
  const hw = w * h
  const wl = pyramid.levels[work]!
  const ww = wl.w
  const block = 2 ** work
  const base = new Float32Array(3)
  const under = new Float32Array(3)
  const [R, G, B] = finest.rgb
  for (let y = 0; y < rh; y++) {
    for (let x = 0; x < rw; x++) {
      const j = y * rw + x
      if (kind[j] !== FILL) continue
      const m = field[(y >> work) * ww + (x >> work)]!
      if (m < 0) continue
      const mx = m % ww
      const my = (m - mx) / ww
      const qx = Math.min(rw - 1, mx * block + (x & (block - 1)))
      const qy = Math.min(rh - 1, my * block + (y & (block - 1)))
      const q = qy * rw + qx
      if (!source[q]) continue
      const i = (y + y0) * w + x + x0
      if (work === 0) {
        data[i] = R[q]!
        data[hw + i] = G[q]!
        data[2 * hw + i] = B[q]!
        continue
      }
      if (!bilinear(wl, (x + 0.5) / block - 0.5, (y + 0.5) / block - 0.5, base)) continue
      if (!bilinear(wl, (qx + 0.5) / block - 0.5, (qy + 0.5) / block - 0.5, under)) continue
      const v0 = base[0]! + R[q]! - under[0]!
      const v1 = base[1]! + G[q]! - under[1]!
      const v2 = base[2]! + B[q]! - under[2]!
      data[i] = v0 < 0 ? 0 : v0 > 1 ? 1 : v0
      data[hw + i] = v1 < 0 ? 0 : v1 > 1 ? 1 : v1
      data[2 * hw + i] = v2 < 0 ? 0 : v2 > 1 ? 1 : v2
    }
  }
}

/** Centres: pixels (fill or context) whose patch touches the fill, and how many compared pixels each patch has. */
function fillCentres(level: MatchedLevel, r: number): { centres: Int32Array; used: Uint16Array } {
  const { w, h, kind } = level
  const n = w * h
  const nearFill = dilate(kind, FILL, w, h, r)
  let count = 0
  for (let i = 0; i < n; i++) if (nearFill[i] && kind[i] !== IGNORED) count++
  const centres = new Int32Array(count)
  count = 0
  for (let i = 0; i < n; i++) if (nearFill[i] && kind[i] !== IGNORED) centres[count++] = i
  // Number of compared pixels in each centre's patch (the cost is their mean): box sums of a summed-area table.
  const table = new Int32Array((w + 1) * (h + 1))
  for (let y = 0; y < h; y++) {
    let row = 0
    for (let x = 0; x < w; x++) {
      row += kind[y * w + x] !== IGNORED ? 1 : 0
      table[(y + 1) * (w + 1) + x + 1] = table[y * (w + 1) + x + 1]! + row
    }
  }
  const used = new Uint16Array(n)
  for (const c of centres) {
    const cx = c % w
    const cy = (c - cx) / w
    const xa = Math.max(0, cx - r)
    const ya = Math.max(0, cy - r)
    const xb = Math.min(w, cx + r + 1)
    const yb = Math.min(h, cy + r + 1)
    used[c] =
      table[yb * (w + 1) + xb]! -
      table[ya * (w + 1) + xb]! -
      table[yb * (w + 1) + xa]! +
      table[ya * (w + 1) + xa]!
  }
  return { centres, used }
}

/**
 * Locality: a match more than half the locality radius further from the centre than its nearest possible
 * match costs more (measured from the nearest, so a pixel deep in the hole is not pulled to one spot; with
 * slack, so the rim of the sources nearest to the hole is not favoured over the background just beyond).
 */
function localityPenalty(
  w: number,
  centres: Int32Array,
  snap: { x: Int32Array; y: Int32Array },
  p: { localityRadius: number; localityWeight: number }
): (c: number, q: number) => number {
  const locality2 = p.localityRadius * p.localityRadius
  const slack = p.localityRadius / 2
  const nearest = new Float32Array(snap.x.length)
  for (const c of centres) {
    const cx = c % w
    const cy = (c - cx) / w
    nearest[c] = Math.hypot(cx - snap.x[c]!, cy - snap.y[c]!)
  }
  return (c, q) => {
    if (p.localityWeight === 0) return 0
    const cx = c % w
    const qx = q % w
    const dx = cx - qx
    const dy = (c - cx) / w - (q - qx) / w
    const d = Math.sqrt(dx * dx + dy * dy) - nearest[c]! - slack
    return d > 0 ? (p.localityWeight * d * d) / locality2 : 0
  }
}

/**
 * Sum of squared RGB differences between the patch at c (compared pixels only) and the source patch at q,
 * stopping once it passes `limit`.
 */
function patchDistance(level: Level, r: number): (c: number, q: number, limit: number) => number {
  const { w, h, kind } = level
  const [R, G, B] = level.rgb
  return (c, q, limit) => {
    const cx = c % w
    const cy = (c - cx) / w
    const xa = Math.max(0, cx - r)
    const xb = Math.min(w - 1, cx + r)
    let sum = 0
    for (let dy = -r; dy <= r; dy++) {
      const ty = cy + dy
      if (ty < 0 || ty >= h) continue
      const tRow = ty * w
      const sRow = q + dy * w - cx
      for (let tx = xa; tx <= xb; tx++) {
        const t = tRow + tx
        if (kind[t] === IGNORED) continue
        const s = sRow + tx
        const d0 = R[t]! - R[s]!
        const d1 = G[t]! - G[s]!
        const d2 = B[t]! - B[s]!
        sum += d0 * d0 + d1 * d1 + d2 * d2
      }
      if (sum > limit) return sum
    }
    return sum
  }
}

/**
 * The field the level starts from: the coarser level's matches upsampled (each child takes its parent's match
 * shifted by its own offset, snapped onto a valid source), with the fill voted from them; random valid
 * sources at the coarsest level.
 */
function initialField(
  level: MatchedLevel,
  centres: Int32Array,
  coarser: { field: Int32Array; from: Level } | null,
  snapTo: (x: number, y: number) => number,
  random: () => number,
  r: number
): Int32Array {
  const { w, h, valid } = level
  const n = w * h
  const nnf = new Int32Array(n).fill(-1)
  if (!coarser) {
    for (const c of centres) nnf[c] = snapTo(Math.floor(random() * w), Math.floor(random() * h))
    return nnf
  }
  const { field, from } = coarser
  for (const c of centres) {
    const x = c % w
    const y = (c - x) / w
    const parent = field[(y >> 1) * from.w + (x >> 1)]!
    let q: number
    if (parent >= 0) {
      const px = parent % from.w
      const py = (parent - px) / from.w
      const qx = Math.min(w - 1, 2 * px + (x & 1))
      const qy = Math.min(h - 1, 2 * py + (y & 1))
      q = valid[qy * w + qx] ? qy * w + qx : snapTo(qx, qy)
    } else {
      q = snapTo(Math.floor(random() * w), Math.floor(random() * h))
    }
    nnf[c] = q
  }
  // The finer level's fill starts as the vote of the upsampled field.
  vote(level, centres, nnf, null, r, new Float32Array(4 * n))
  return nnf
}

/** One pyramid level's matching: returns its nearest-neighbour field (source px index per pixel, −1 if none). */
function solveLevel(
  level: MatchedLevel,
  coarser: { field: Int32Array; from: Level } | null,
  p: {
    r: number
    iterations: number
    searchRadius: number
    random: () => number
    localityRadius: number
    localityWeight: number
    reuseWeight: number
  }
): Int32Array {
  const { w, h, valid } = level
  const { r, random } = p
  const n = w * h
  const { centres, used } = fillCentres(level, r)
  const count = centres.length
  const snap = nearestKnown(Float32Array.from(valid), w, h)
  const snapTo = (x: number, y: number): number => {
    const i = Math.max(0, Math.min(h - 1, y)) * w + Math.max(0, Math.min(w - 1, x))
    return snap.y[i]! * w + snap.x[i]!
  }
  const penalty = localityPenalty(w, centres, snap, p)
  const distance = patchDistance(level, r)
  const nnf = initialField(level, centres, coarser, snapTo, random, r)
  const cost = new Float32Array(n)
  const updateCosts = (): void => {
    for (const c of centres) cost[c] = distance(c, nnf[c]!, Infinity) / used[c]!
  }
  updateCosts()
  // How many centres copy each source pixel: reusing one costs more (Kaspar et al. 2015), so a hole much
  // larger than its sources is not tiled with one favourite stretch of them.
  const uses = new Int32Array(n)
  for (const c of centres) uses[nnf[c]!]++

  // The centre being matched and its best match so far (one function for all centres, no closure per centre).
  let c = 0
  let best = 0
  let bestTotal = 0
  let reuse = 0
  // `keep` < 1 favours a candidate (propagated matches: a coherent field copies whole stretches of texture
  // rather than a mosaic). A candidate equal to a neighbour's match is skipped: neighbours copying the same
  // source pixel repeat a block of texture side by side, a regular weave at the full resolution.
  const consider = (q: number, keep: number): void => {
    if (q === best || q === nnf[c - 1] || q === nnf[c + 1] || q === nnf[c - w] || q === nnf[c + w]) return
    const pen = penalty(c, q) + reuse * uses[q]!
    if (pen >= bestTotal) return
    const d = distance(c, q, ((bestTotal - pen) * used[c]!) / keep) / used[c]!
    if (keep * d + pen < bestTotal) {
      best = q
      bestTotal = keep * d + pen
      cost[c] = d
    }
  }
  const acc = new Float32Array(4 * n)
  for (let it = 0; it < p.iterations; it++) {
    // The reuse cost scales with the level's typical match cost: a smooth background (every patch alike)
    // may reuse freely, a textured one is spread over its sources.
    reuse = p.reuseWeight * upperQuartile(cost, centres)
    const forward = it % 2 === 0
    const step = forward ? 1 : -1
    for (let k = 0; k < count; k++) {
      c = centres[forward ? k : count - 1 - k]!
      const cx = c % w
      best = nnf[c]!
      bestTotal = cost[c]! + penalty(c, best) + reuse * (uses[best]! - 1)
      // Propagation: the left/upper (or right/lower) neighbour's match, shifted by one.
      if (forward ? cx > 0 : cx < w - 1) {
        const m = nnf[c - step]!
        if (m >= 0 && valid[m + step]) consider(m + step, COHERENCE)
      }
      const nb = c - step * w
      if (nb >= 0 && nb < n) {
        const m = nnf[nb]!
        if (m >= 0 && m + step * w >= 0 && m + step * w < n && valid[m + step * w])
          consider(m + step * w, COHERENCE)
      }
      // Random search around the best match, radius halving.
      for (let rad = p.searchRadius; rad >= 1; rad /= 2) {
        const bx = best % w
        const by = (best - bx) / w
        const xi = Math.max(0, Math.min(w - 1, bx + Math.round((2 * random() - 1) * rad)))
        const yi = Math.max(0, Math.min(h - 1, by + Math.round((2 * random() - 1) * rad)))
        consider(valid[yi * w + xi] ? yi * w + xi : snapTo(xi, yi), 1)
      }
      if (best !== nnf[c]) {
        uses[nnf[c]!]--
        uses[best]++
        nnf[c] = best
      }
    }
    vote(level, centres, nnf, cost, r, acc)
    // The costs against the new fill (the next level recomputes its own).
    if (it + 1 < p.iterations) updateCosts()
  }
  return nnf
}

/**
 * Voting: every fill pixel becomes the weighted mean of the colours the matched patches overlapping it put
 * there, weight exp(−cost / 2σ²) with σ² the 75th percentile of the costs (Wexler et al.); uniform without
 * costs.
 */
function vote(
  level: Level,
  centres: Int32Array,
  nnf: Int32Array,
  cost: Float32Array | null,
  r: number,
  acc: Float32Array
): void {
  const { w, h, kind } = level
  const [R, G, B] = level.rgb
  const n = w * h
  const sigma2 = cost ? Math.max(1e-5, upperQuartile(cost, centres)) : 1
  acc.fill(0)
  for (const c of centres) {
    const q = nnf[c]!
    const weight = cost ? Math.exp(-cost[c]! / (2 * sigma2)) : 1
    const cx = c % w
    const cy = (c - cx) / w
    for (let dy = -r; dy <= r; dy++) {
      const ty = cy + dy
      if (ty < 0 || ty >= h) continue
      for (let dx = -r; dx <= r; dx++) {
        const tx = cx + dx
        if (tx < 0 || tx >= w) continue
        const t = ty * w + tx
        if (kind[t] !== FILL) continue
        const s = q + dy * w + dx
        acc[t] += weight * R[s]!
        acc[n + t] += weight * G[s]!
        acc[2 * n + t] += weight * B[s]!
        acc[3 * n + t] += weight
      }
    }
  }
  for (let t = 0; t < n; t++) {
    const wsum = acc[3 * n + t]!
    if (kind[t] !== FILL || !(wsum > 0)) continue
    R[t] = acc[t]! / wsum
    G[t] = acc[n + t]! / wsum
    B[t] = acc[2 * n + t]! / wsum
  }
}

/** The next coarser level: 2 x 2 blocks; fill if any pixel is, source only if all are. */
function downsample(level: Level): Level {
  const { w, h, kind, source } = level
  const cw = Math.ceil(w / 2)
  const ch = Math.ceil(h / 2)
  const rgb: [Float32Array, Float32Array, Float32Array] = [
    new Float32Array(cw * ch),
    new Float32Array(cw * ch),
    new Float32Array(cw * ch)
  ]
  const ckind = new Uint8Array(cw * ch)
  const csource = new Uint8Array(cw * ch)
  const [R, G, B] = level.rgb
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      // Colour: the mean of the compared pixels (a coarse fill pixel's guess mixes in its known ones).
      let fill = 0
      let ctx = 0
      let all = 1
      let r = 0
      let g = 0
      let b = 0
      for (let dy = 0; dy < 2; dy++) {
        const fy = 2 * y + dy
        if (fy >= h) continue
        for (let dx = 0; dx < 2; dx++) {
          const fx = 2 * x + dx
          if (fx >= w) continue
          const i = fy * w + fx
          if (!source[i]) all = 0
          const k = kind[i]
          if (k === IGNORED) continue
          if (k === FILL) fill++
          else ctx++
          r += R[i]!
          g += G[i]!
          b += B[i]!
        }
      }
      const j = y * cw + x
      ckind[j] = fill ? FILL : ctx ? CONTEXT : IGNORED
      csource[j] = all && ctx > 0 && !fill ? 1 : 0
      const k = fill + ctx
      if (k) {
        rgb[0][j] = r / k
        rgb[1][j] = g / k
        rgb[2][j] = b / k
      }
    }
  }
  return { w: cw, h: ch, rgb, kind: ckind, source: csource }
}

/** Adds the valid source centres: pixels whose whole (2r + 1)² patch lies in the image and in the sources. */
function withValid(level: Level, r: number): MatchedLevel {
  const { w, h, source } = level
  // Erosion by a square: a pixel is valid if the run of source pixels through it reaches r either way, along
  // rows, then along columns of that result.
  const rows = new Uint8Array(w * h)
  for (let y = 0; y < h; y++) {
    let run = 0
    for (let x = 0; x < w; x++) {
      run = source[y * w + x] ? run + 1 : 0
      // run >= 2r + 1 ending at x: the pixel x − r has r source pixels either side.
      if (run >= 2 * r + 1) rows[y * w + x - r] = 1
    }
  }
  const valid = new Uint8Array(w * h)
  let validCount = 0
  for (let x = 0; x < w; x++) {
    let run = 0
    for (let y = 0; y < h; y++) {
      run = rows[y * w + x] ? run + 1 : 0
      if (run >= 2 * r + 1) {
        valid[(y - r) * w + x] = 1
        validCount++
      }
    }
  }
  return { ...level, valid, validCount }
}

/** 1 where a pixel of `value` lies within the (2r + 1)² square around. */
function dilate(mask: Uint8Array, value: number, w: number, h: number, r: number): Uint8Array {
  const rows = new Uint8Array(w * h)
  for (let y = 0; y < h; y++) {
    // Two sweeps: distance to the nearest marked pixel on the left, then on the right.
    let last = -Infinity
    for (let x = 0; x < w; x++) {
      if (mask[y * w + x] === value) last = x
      if (x - last <= r) rows[y * w + x] = 1
    }
    last = Infinity
    for (let x = w - 1; x >= 0; x--) {
      if (mask[y * w + x] === value) last = x
      if (last - x <= r) rows[y * w + x] = 1
    }
  }
  const out = new Uint8Array(w * h)
  for (let x = 0; x < w; x++) {
    let last = -Infinity
    for (let y = 0; y < h; y++) {
      if (rows[y * w + x]) last = y
      if (y - last <= r) out[y * w + x] = 1
    }
    last = Infinity
    for (let y = h - 1; y >= 0; y--) {
      if (rows[y * w + x]) last = y
      if (last - y <= r) out[y * w + x] = 1
    }
  }
  return out
}

/**
 * Bilinear colour of a level at (x, y) (level px, centres at integers) over its compared pixels, into `out`;
 * false if none of the four is compared.
 */
function bilinear(level: Level, x: number, y: number, out: Float32Array): boolean {
  const { w, h, kind } = level
  const cx = x < 0 ? 0 : x > w - 1 ? w - 1 : x
  const cy = y < 0 ? 0 : y > h - 1 ? h - 1 : y
  const xa = Math.floor(cx)
  const ya = Math.floor(cy)
  const xb = xa + 1 < w ? xa + 1 : xa
  const yb = ya + 1 < h ? ya + 1 : ya
  const tx = cx - xa
  const ty = cy - ya
  const [R, G, B] = level.rgb
  let r = 0
  let g = 0
  let b = 0
  let sum = 0
  for (let k = 0; k < 4; k++) {
    const i = (k >> 1 ? yb : ya) * w + (k & 1 ? xb : xa)
    if (kind[i] === IGNORED) continue
    const weight = (k & 1 ? tx : 1 - tx) * (k >> 1 ? ty : 1 - ty) + 1e-6
    r += weight * R[i]!
    g += weight * G[i]!
    b += weight * B[i]!
    sum += weight
  }
  if (!(sum > 0)) return false
  out[0] = r / sum
  out[1] = g / sum
  out[2] = b / sum
  return true
}

/** The 75th percentile of `values` over `at` (a sample of at most 4096). */
function upperQuartile(values: Float32Array, at: Int32Array): number {
  const stride = Math.max(1, Math.floor(at.length / 4096))
  const sample: number[] = []
  for (let k = 0; k < at.length; k += stride) sample.push(values[at[k]!]!)
  sample.sort((a, b) => a - b)
  return sample[Math.floor(0.75 * (sample.length - 1))] ?? 0
}

function countOf(a: Uint8Array, value: number): number {
  let k = 0
  for (let i = 0; i < a.length; i++) if (a[i] === value) k++
  return k
}
