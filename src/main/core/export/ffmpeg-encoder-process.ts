import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { ExportFailedError } from './export-failed-error'
import { WriteErrorScanner } from './ffmpeg-write-errors'
import { parseFfmpegProgress } from './parse-ffmpeg-progress'
import { type STOPPED, StopLatch } from './stop-latch'

/** Characters of ffmpeg's stderr kept (the tail: progress lines and the messages that explain a failure). */
const STDERR_KEEP_CHARS = 64 * 1024

/**
 * One ffmpeg encoder reading raw frames on stdin: its stderr (scanned for write errors as it arrives, the
 * tail kept), how it ended, and a latch that stops when it exits or `signal` aborts. Every wait of the export
 * races against the latch, never against a promise that lives as long as the export: such a race would keep
 * each frame reachable until the end.
 */
export class EncoderProcess {
  readonly stop = new StopLatch()
  readonly writeErrors = new WriteErrorScanner()
  /** Resolves once ffmpeg has exited or could not start. */
  readonly exited: Promise<void>
  private readonly child: ChildProcessWithoutNullStreams
  private stderr = ''
  private exit: { code: number | null; signal: NodeJS.Signals | null } | null = null
  private spawnError: Error | null = null

  constructor(
    private readonly ffmpegPath: string,
    args: readonly string[],
    signal: AbortSignal
  ) {
    this.child = spawn(ffmpegPath, args, { windowsHide: true })
    this.child.stderr.setEncoding('utf8')
    this.child.stderr.on('data', (chunk: string) => {
      this.writeErrors.push(chunk)
      this.stderr += chunk
      if (this.stderr.length > STDERR_KEEP_CHARS * 2) this.stderr = this.stderr.slice(-STDERR_KEEP_CHARS)
    })
    // EPIPE when ffmpeg dies early: the exit code and stderr explain the failure.
    this.child.stdin.on('error', () => undefined)
    this.exited = new Promise<void>((resolve) => {
      this.child.once('error', (error) => {
        this.spawnError = error
        this.stop.stop()
        resolve()
      })
      this.child.once('close', (code, sig) => {
        this.exit = { code, signal: sig }
        this.stop.stop()
        resolve()
      })
    })
    signal.addEventListener('abort', () => this.stop.stop(), { once: true })
  }

  /** True once ffmpeg has exited or failed to start. */
  get ended(): boolean {
    return this.exit != null || this.spawnError != null
  }

  /** True when ffmpeg exited by itself with status 0. */
  get succeeded(): boolean {
    return this.exit?.code === 0
  }

  /** Everything ffmpeg printed that is kept (for the disk-full check). */
  get stderrText(): string {
    return this.stderr
  }

  /** The frame ffmpeg last reported encoding, if it did. */
  get framesEncoded(): number | null {
    return parseFfmpegProgress(this.stderr).frame ?? null
  }

  /**
   * Hands one frame to ffmpeg; resolves once it is written to the pipe (the backpressure, which also lets
   * the renderer reuse one buffer for every frame), or with STOPPED if ffmpeg ends or the export is cancelled.
   */
  write(frame: Uint8Array): Promise<void | typeof STOPPED> {
    return this.stop.race(new Promise<void>((resolve) => this.child.stdin.write(frame, () => resolve())))
  }

  /** Closes stdin and waits for ffmpeg to finish (or the latch to stop). */
  async finish(): Promise<void> {
    this.child.stdin.end()
    await this.stop.race(this.exited)
  }

  /** Ends ffmpeg now (a failure or a cancel) and waits for it to be gone. */
  async kill(): Promise<void> {
    if (!this.ended) this.child.kill('SIGKILL')
    await this.exited
  }

  /** The last ffmpeg messages, for an error's detail. */
  tail(): string {
    const stderr = this.stderr
    const messages = parseFfmpegProgress(stderr.endsWith('\n') ? stderr : `${stderr}\n`).messages
    return messages.slice(-15).join('\n')
  }

  /** Why ffmpeg stopped, as the export's error. */
  failure(outPath: string): ExportFailedError {
    if (this.spawnError != null) {
      return new ExportFailedError(
        `Could not start ffmpeg at ${this.ffmpegPath}: ${String(this.spawnError)}`,
        outPath,
        ''
      )
    }
    const how =
      this.exit?.signal != null ? `was killed by ${this.exit.signal}` : `exited with code ${this.exit?.code}`
    return new ExportFailedError(`ffmpeg ${how} while exporting ${outPath}.`, outPath, this.tail())
  }
}
