import { describe, expect, it } from 'vitest'
import { createLatestWins } from '../../../src/renderer/src/components/latest-wins'

/** A fetch whose answers the test releases by hand. */
function manualFetch() {
  const calls: { request: number; resolve: (value: string) => void; reject: (error: Error) => void }[] = []
  const fetch = (request: number) =>
    new Promise<string>((resolve, reject) => calls.push({ request, resolve, reject }))
  return { calls, fetch }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('createLatestWins', () => {
  it('keeps one request in flight and, of those asked meanwhile, runs only the latest', async () => {
    const { calls, fetch } = manualFetch()
    const results: string[] = []
    const latest = createLatestWins(fetch, { onResult: (r) => results.push(r) })
    latest.request(1)
    latest.request(2)
    latest.request(3)
    latest.request(4)
    expect(calls.map((c) => c.request)).toEqual([1])
    calls[0]!.resolve('one')
    await settle()
    expect(calls.map((c) => c.request)).toEqual([1, 4])
    calls[1]!.resolve('four')
    await settle()
    expect(results).toEqual(['one', 'four'])
  })

  it('skips a request equal to the one in flight or the one last answered', async () => {
    const { calls, fetch } = manualFetch()
    const latest = createLatestWins(fetch, { onResult: () => undefined })
    latest.request(1)
    latest.request(2)
    latest.request(1) // back to the one in flight: nothing waits any more
    calls[0]!.resolve('one')
    await settle()
    expect(calls).toHaveLength(1)
    latest.request(1)
    expect(calls).toHaveLength(1)
    latest.request(5)
    expect(calls.map((c) => c.request)).toEqual([1, 5])
  })

  it('reports errors, and asks again for a request that failed', async () => {
    const { calls, fetch } = manualFetch()
    const errors: unknown[] = []
    const latest = createLatestWins(fetch, { onResult: () => undefined, onError: (e) => errors.push(e) })
    latest.request(1)
    calls[0]!.reject(new Error('no frame'))
    await settle()
    expect(errors).toHaveLength(1)
    latest.request(1)
    expect(calls).toHaveLength(2)
  })

  it('drops every answer once disposed, and starts nothing more', async () => {
    const { calls, fetch } = manualFetch()
    const results: string[] = []
    const latest = createLatestWins(fetch, { onResult: (r) => results.push(r) })
    latest.request(1)
    latest.request(2)
    latest.dispose()
    calls[0]!.resolve('one')
    await settle()
    latest.request(3)
    expect(results).toEqual([])
    expect(calls).toHaveLength(1)
  })

  it('uses the key function to tell requests apart', async () => {
    const { calls, fetch } = manualFetch()
    const latest = createLatestWins(fetch, { onResult: () => undefined, key: (n) => String(Math.floor(n)) })
    latest.request(1.2)
    calls[0]!.resolve('x')
    await settle()
    latest.request(1.7)
    expect(calls).toHaveLength(1)
  })
})
