import type { PreviewFrame } from '../../store/studio-store'

/**
 * Puts an RGBA frame on a canvas at the frame's own resolution (CSS scales the canvas to its box). The frame's
 * bytes are viewed, not copied: a sharp preview is up to 2048² × 4 bytes, and the copy cost the page's main
 * thread as much as the put itself.
 */
export function putRgba(canvas: HTMLCanvasElement, frame: PreviewFrame): void {
  if (canvas.width !== frame.width) canvas.width = frame.width
  if (canvas.height !== frame.height) canvas.height = frame.height
  const { rgba } = frame
  const pixels = new Uint8ClampedArray(rgba.buffer as ArrayBuffer, rgba.byteOffset, rgba.byteLength)
  canvas.getContext('2d')?.putImageData(new ImageData(pixels, frame.width, frame.height), 0, 0)
}
