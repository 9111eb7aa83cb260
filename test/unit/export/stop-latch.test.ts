import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { STOPPED, StopLatch } from '../../../src/main/core/export/stop-latch'

function collectGarbage(): void {
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
}

/** Lets pending promise reactions and timers run. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

describe('StopLatch', () => {
  it('resolves with the promise when it settles first, with STOPPED when the latch stops first', async () => {
    const latch = new StopLatch()
    await expect(latch.race(Promise.resolve(7))).resolves.toBe(7)
    await expect(latch.race(Promise.reject(new Error('render failed')))).rejects.toThrow('render failed')
    const never = new Promise<number>(() => undefined)
    const waiting = latch.race(never)
    expect(latch.waiting).toBe(1)
    latch.stop()
    await expect(waiting).resolves.toBe(STOPPED)
    expect(latch.stopped).toBe(true)
    await expect(latch.race(Promise.resolve(1))).resolves.toBe(STOPPED)
    expect(latch.waiting).toBe(0)
  })

  it('a rejection after the latch stopped is not left unhandled', async () => {
    const latch = new StopLatch()
    let fail = (_: Error): void => undefined
    const late = latch.race(new Promise<never>((_, reject) => (fail = reject)))
    latch.stop()
    await expect(late).resolves.toBe(STOPPED)
    fail(new Error('too late'))
    await latch.race(Promise.reject(new Error('after the stop'))).then((value) => expect(value).toBe(STOPPED))
    await settle()
  })

  it('keeps no listener between waits, however many waits there were', async () => {
    const latch = new StopLatch()
    for (let i = 0; i < 10_000; i++) {
      await latch.race(Promise.resolve(new Uint8Array(16)))
      expect(latch.waiting).toBe(0)
    }
  })

  it('does not keep the values of finished waits reachable (as Promise.race with a long-lived promise does)', async () => {
    const latch = new StopLatch()
    const viaLatch: WeakRef<object>[] = []
    for (let i = 0; i < 50; i++) {
      const frame = { pixels: new Uint8Array(1024) }
      viaLatch.push(new WeakRef(frame))
      await latch.race(Promise.resolve(frame))
    }
    // The pattern the exporter used: each race adds a reaction to `longLived` holding its result.
    const longLived = new Promise<'stopped'>(() => undefined)
    const viaRace: WeakRef<object>[] = []
    for (let i = 0; i < 50; i++) {
      const frame = { pixels: new Uint8Array(1024) }
      viaRace.push(new WeakRef(frame))
      await Promise.race([Promise.resolve(frame), longLived])
    }
    await settle()
    collectGarbage()
    // The last value may still be held by the await that just returned it.
    const alive = (refs: WeakRef<object>[]): number =>
      refs.slice(0, -1).filter((ref) => ref.deref() !== undefined).length
    expect(alive(viaLatch)).toBe(0)
    // The control: shows that the check sees the retention it is about.
    expect(alive(viaRace)).toBe(49)
  })
})
