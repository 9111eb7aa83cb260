/**
 * Lines ffmpeg prints when it could not write its output. ffmpeg can exit 0 after them ("Error
 * writing trailer of x.mp4: No space left on device"), leaving a truncated file, so the exit code alone
 * does not prove the file is whole.
 */
const WRITE_ERROR =
  /No space left on device|Disk quota exceeded|\bENOSPC\b|\bEDQUOT\b|Error writing trailer|I\/O error|Input\/output error/i

/** How many write-error lines are kept: the first ones say what happened. */
const KEEP_LINES = 8
/** A line longer than this is cut (ffmpeg's lines are short; this bounds memory on garbage). */
const MAX_LINE_CHARS = 4096

/** True when the line is one of ffmpeg's messages about failing to write its output. Pure. */
export function isWriteErrorLine(line: string): boolean {
  return WRITE_ERROR.test(line)
}

/**
 * Watches ffmpeg's stderr as it arrives and keeps the lines that report a failed write, however long
 * the export runs (the stderr kept for messages is only its tail). Chunks may split lines anywhere.
 */
export class WriteErrorScanner {
  private partial = ''
  private readonly found: string[] = []

  /** Write-error lines seen so far, at most `KEEP_LINES`, in the order ffmpeg printed them. */
  get lines(): readonly string[] {
    return this.found
  }

  push(chunk: string): void {
    const parts = (this.partial + chunk).split(/\r?\n|\r/)
    this.partial = (parts.pop() ?? '').slice(-MAX_LINE_CHARS)
    for (const line of parts) this.check(line)
  }

  /** Checks an unterminated last line; call once the stream has ended. */
  end(): void {
    this.check(this.partial)
    this.partial = ''
  }

  private check(line: string): void {
    if (this.found.length >= KEEP_LINES) return
    const trimmed = line.trim().slice(0, MAX_LINE_CHARS)
    if (trimmed !== '' && isWriteErrorLine(trimmed)) this.found.push(trimmed)
  }
}
