import { execFileSync } from 'node:child_process'

/** The first frame of a video file, decoded by ffmpeg to 8-bit RGBA, row-major. */
export function firstFrameRgba(path: string): Buffer {
  return execFileSync('ffmpeg', [
    '-v',
    'error',
    '-i',
    path,
    '-frames:v',
    '1',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgba',
    '-'
  ])
}
