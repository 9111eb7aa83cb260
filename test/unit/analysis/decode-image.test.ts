import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp, { type Sharp } from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeImage } from '../../../src/main/core/image/decode-image'
import {
  ImageFileNotFoundError,
  ImageTooSmallError,
  UnsupportedImageError
} from '../../../src/main/core/image/image-errors'

let dir = ''

/** 200 x 100 image: left half red, right half blue. */
function halves(): Sharp {
  const data = Buffer.alloc(200 * 100 * 3)
  for (let y = 0; y < 100; y++)
    for (let x = 0; x < 200; x++) data.set(x < 100 ? [255, 0, 0] : [0, 0, 255], (y * 200 + x) * 3)
  return sharp(data, { raw: { width: 200, height: 100, channels: 3 } })
}

function pixel(image: { data: Uint8Array; width: number }, x: number, y: number): number[] {
  const o = (y * image.width + x) * 3
  return Array.from(image.data.subarray(o, o + 3))
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mimesis-decode-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('decodeImage', () => {
  it('applies the EXIF orientation', async () => {
    // Orientation 6: display = stored image rotated 90 degrees clockwise, so the left (red) half goes on top.
    const path = join(dir, 'rotated.jpg')
    await halves().jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toFile(path)
    const image = await decodeImage(path)
    expect([image.width, image.height]).toEqual([100, 200])
    expect([image.originalWidth, image.originalHeight]).toEqual([100, 200])
    expect(pixel(image, 50, 20)[0]).toBeGreaterThan(200)
    expect(pixel(image, 50, 180)[2]).toBeGreaterThan(200)
  })

  it('expands grayscale to RGB', async () => {
    const buffer = await halves().grayscale().png().toBuffer()
    const image = await decodeImage(buffer)
    expect(image.data.length).toBe(200 * 100 * 3)
    const [r, g, b] = pixel(image, 10, 10)
    expect(r).toBe(g)
    expect(g).toBe(b)
  })

  it('flattens alpha onto mid grey', async () => {
    const rgba = Buffer.alloc(120 * 120 * 4) // fully transparent black
    const buffer = await sharp(rgba, { raw: { width: 120, height: 120, channels: 4 } })
      .png()
      .toBuffer()
    const image = await decodeImage(buffer)
    expect(pixel(image, 5, 5)).toEqual([128, 128, 128])
  })

  it('converts 16-bit and CMYK images to 8-bit RGB', async () => {
    const sixteen = await decodeImage(await halves().toColourspace('rgb16').png().toBuffer())
    expect(pixel(sixteen, 10, 10)).toEqual([255, 0, 0])
    const cmyk = await decodeImage(await halves().toColourspace('cmyk').jpeg().toBuffer())
    const [r, g, b] = pixel(cmyk, 10, 50)
    expect(r).toBeGreaterThan(180)
    expect(Math.max(g, b)).toBeLessThan(90)
  })

  it('downscales large images to maxSide and records the scale', async () => {
    const image = await decodeImage(await halves().png().toBuffer(), { maxSide: 100 })
    expect([image.width, image.height, image.scale]).toEqual([100, 50, 0.5])
    expect([image.originalWidth, image.originalHeight]).toEqual([200, 100])
  })

  it('reports a missing file', async () => {
    await expect(decodeImage(join(dir, 'nope.png'))).rejects.toThrow(ImageFileNotFoundError)
  })

  it('says a folder is a folder, not a missing file', async () => {
    await expect(decodeImage(dir)).rejects.toThrow(/is a folder, not an image file/)
  })

  it('reports random bytes and a truncated PNG as unsupported or corrupt', async () => {
    const random = join(dir, 'random.png')
    await writeFile(random, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)))
    await expect(decodeImage(random)).rejects.toThrow(UnsupportedImageError)
    const png = await halves().png().toBuffer()
    const truncated = png.subarray(0, Math.floor(png.length / 2))
    await expect(decodeImage(truncated)).rejects.toThrow(/unsupported or corrupt/)
  })

  it('rejects images too small to analyse', async () => {
    const tiny = await halves().resize(80, 40).png().toBuffer()
    await expect(decodeImage(tiny)).rejects.toThrow(ImageTooSmallError)
    await expect(decodeImage(tiny)).rejects.toThrow(/80x40 px/)
  })
})
