import sharp from 'sharp'

/** A PNG file's samples as stored: bit depth from the file, samples widened to 16 bits only if the file has them. */
export async function readPngSamples(path: string): Promise<{
  bitDepth: 8 | 16
  channels: number
  width: number
  height: number
  samples: Uint8Array | Uint16Array
}> {
  const meta = await sharp(path).metadata()
  const bitDepth = meta.depth === 'ushort' ? 16 : 8
  const channels = meta.channels ?? 0
  let image = sharp(path)
  // Without the 16-bit colour space sharp scales 16-bit samples down to 0…255 on read.
  if (bitDepth === 16) image = image.toColourspace(channels <= 2 ? 'grey16' : 'rgb16')
  const { data, info } = await image
    .raw(bitDepth === 16 ? { depth: 'ushort' } : {})
    .toBuffer({ resolveWithObject: true })
  const samples =
    bitDepth === 16
      ? new Uint16Array(data.buffer, data.byteOffset, data.byteLength / 2)
      : new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  return { bitDepth, channels: info.channels, width: info.width, height: info.height, samples }
}
