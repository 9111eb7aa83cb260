import { randomBytes } from 'node:crypto'
import { basename, dirname, join } from 'node:path'

/** A hidden temporary name beside `outPath` (same directory, so the final rename is atomic). */
export function makePartialPath(outPath: string, extension: string): string {
  return join(
    dirname(outPath),
    `.${basename(outPath)}.mimesis-partial-${randomBytes(6).toString('hex')}${extension}`
  )
}
