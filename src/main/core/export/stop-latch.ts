/** What `StopLatch.race` resolves with when the latch stopped first. */
export const STOPPED = 'stopped'

/**
 * A one-way latch ("ffmpeg exited or the export was cancelled") that many short waits race against.
 *
 * `Promise.race([wait, longLived])` adds a reaction to `longLived` that holds the race's own promise,
 * and with it the value `wait` resolved to, until `longLived` settles. Racing every frame of an
 * export against one promise that settles only when ffmpeg exits therefore keeps every frame
 * reachable for the whole export (about 1 MB per 512² frame). `race` instead registers a listener
 * with the latch only while its wait lasts and removes it as soon as the wait settles, so the latch
 * holds nothing between waits (`waiting` is 0).
 */
export class StopLatch {
  private isStopped = false
  private readonly waiters = new Set<() => void>()

  get stopped(): boolean {
    return this.isStopped
  }

  /** Listeners registered now: the number of `race` calls still waiting. */
  get waiting(): number {
    return this.waiters.size
  }

  /** Stops the latch: every pending and later `race` resolves with `STOPPED`. Idempotent. */
  stop(): void {
    if (this.isStopped) return
    this.isStopped = true
    const waiters = [...this.waiters]
    this.waiters.clear()
    for (const wake of waiters) wake()
  }

  /**
   * `promise`'s outcome, or `STOPPED` if the latch stops first (or has stopped already). A rejection
   * after the latch stopped is swallowed: nobody waits for it any more.
   */
  race<T>(promise: PromiseLike<T>): Promise<T | typeof STOPPED> {
    if (this.isStopped) {
      Promise.resolve(promise).catch(() => undefined)
      return Promise.resolve(STOPPED)
    }
    return new Promise<T | typeof STOPPED>((resolve, reject) => {
      const wake = (): void => resolve(STOPPED)
      this.waiters.add(wake)
      promise.then(
        (value) => {
          this.waiters.delete(wake)
          resolve(value)
        },
        (error: unknown) => {
          this.waiters.delete(wake)
          reject(error)
        }
      )
    })
  }
}
