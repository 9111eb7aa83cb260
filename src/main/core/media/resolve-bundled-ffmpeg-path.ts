import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * Path of the ffmpeg inside the @ffmpeg-installer/<platform>-<arch> npm package, or null.
 * Resolved through package.json rather than by importing @ffmpeg-installer/ffmpeg, whose
 * index throws a string when the binary is missing. In a packaged app the binary must be
 * read from app.asar.unpacked, since nothing can execute a file inside an asar archive.
 */
export function resolveBundledFfmpegPath(): string | null {
  const requireFromHere = createRequire(join(process.cwd(), 'package.json'))
  const pkg = `@ffmpeg-installer/${process.platform}-${process.arch}/package.json`
  const binary = process.platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg'
  for (const resolver of [safeResolver(), requireFromHere]) {
    if (resolver == null) continue
    try {
      const path = join(dirname(resolver.resolve(pkg)), binary)
      return path.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1')
    } catch {
      // try the next resolver
    }
  }
  return null
}

function safeResolver(): NodeJS.Require | null {
  try {
    return createRequire(__filename)
  } catch {
    return null
  }
}
