import { isAbsolute } from 'node:path'

/**
 * How to name a local file on ffmpeg's command line so that it is only ever read as a plain file: the
 * `file:` protocol and an absolute path. Without them a name such as `http:clip.mp4`, `concat:a|b`,
 * `pipe:1` or `-y` is taken for a protocol or an option. Pure; throws on a relative path, which would
 * depend on ffmpeg's working folder.
 */
export function ffmpegFilePath(absolutePath: string): string {
  if (!isAbsolute(absolutePath)) throw new RangeError(`expected an absolute path, got ${absolutePath}`)
  return `file:${absolutePath}`
}
