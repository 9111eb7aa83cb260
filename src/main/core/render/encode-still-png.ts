import sharp from 'sharp'
import { type RenderedFrame } from '../engine/engine'
import { depthToGrey16 } from './depth-to-grey16'

/** The frame as an 8-bit RGB PNG: the composited picture, without the person-layer alpha. */
export async function encodeStillPng(
  frame: Pick<RenderedFrame, 'rgba' | 'width' | 'height'>
): Promise<Buffer> {
  return sharp(frame.rgba, { raw: { width: frame.width, height: frame.height, channels: 4 } })
    .removeAlpha()
    .png()
    .toBuffer()
}

/** The frame's depth as a 16-bit greyscale PNG, near = light, background = black (see `depthToGrey16`). */
export async function encodeDepthPng(
  frame: Pick<RenderedFrame, 'rgba' | 'depth' | 'width' | 'height'>
): Promise<Buffer> {
  // sharp reads the sample depth from the typed array's type: a Uint16Array is 16-bit input.
  return sharp(depthToGrey16(frame.depth, frame.rgba), {
    raw: { width: frame.width, height: frame.height, channels: 1 }
  })
    .toColourspace('grey16')
    .png()
    .toBuffer()
}
