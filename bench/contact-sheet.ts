// Contact sheets of renders for the benchmarks (bench/engine.ts, bench/expression-reach.ts): a grid of square
// tiles, each with an optional label drawn in its top-left corner (SVG text through sharp).
import sharp, { type OverlayOptions } from 'sharp'

/** An 8-bit RGBA picture, row-major (a RenderedFrame fits). */
export interface SheetPicture {
  readonly rgba: Uint8Array
  readonly width: number
  readonly height: number
}

export interface SheetTile {
  /** null: an empty (black) tile that still carries its label. */
  readonly picture: SheetPicture | null
  readonly label?: string
}

export interface ContactSheetOptions {
  /** Tile side, px (default 256); pictures of another size are scaled to cover it. */
  readonly tile?: number
  /** A gap of this many px after every `groupColumns` columns (default: no gaps). */
  readonly groupColumns?: number
  readonly groupGap?: number
}

const escapeXml = (s: string): string =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)

/** A label as a PNG: white text on a translucent black box, sized to the text (estimated). */
async function labelPng(text: string, maxWidth: number): Promise<Buffer> {
  const size = 15
  const width = Math.min(maxWidth, Math.ceil(text.length * size * 0.6) + 10)
  const height = size + 8
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="${width}" height="${height}" fill="black" fill-opacity="0.6"/>` +
    `<text x="5" y="${size + 1}" font-family="DejaVu Sans, sans-serif" font-size="${size}" fill="white">` +
    `${escapeXml(text)}</text></svg>`
  return sharp(Buffer.from(svg)).png().toBuffer()
}

/** Writes `rows` of tiles as one PNG at `outPath` (rows may differ in length; the sheet is as wide as the longest). */
export async function writeContactSheet(
  rows: readonly (readonly SheetTile[])[],
  outPath: string,
  options: ContactSheetOptions = {}
): Promise<void> {
  const tile = options.tile ?? 256
  const group = options.groupColumns ?? 0
  const gap = group > 0 ? (options.groupGap ?? 8) : 0
  const left = (c: number): number => c * tile + (group > 0 ? Math.floor(c / group) * gap : 0)
  const columns = Math.max(1, ...rows.map((r) => r.length))
  const composites: OverlayOptions[] = []
  for (const [r, row] of rows.entries()) {
    for (const [c, t] of row.entries()) {
      const x = left(c)
      const y = r * tile
      if (t.picture) {
        const { rgba, width, height } = t.picture
        const input = await sharp(Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength), {
          raw: { width, height, channels: 4 }
        })
          .removeAlpha()
          .resize(tile, tile, { fit: 'cover' })
          .png()
          .toBuffer()
        composites.push({ input, left: x, top: y })
      }
      if (t.label) composites.push({ input: await labelPng(t.label, tile), left: x, top: y })
    }
  }
  await sharp({
    create: {
      width: left(columns - 1) + tile,
      height: rows.length * tile,
      channels: 3,
      background: '#000'
    }
  })
    .composite(composites)
    .png()
    .toFile(outPath)
}
