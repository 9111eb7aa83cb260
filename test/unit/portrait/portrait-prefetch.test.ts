import { describe, expect, it } from 'vitest'
import type { LoadedPortrait } from '@shared/ipc/contract'
import { createPortraitLoader } from '../../../src/main/core/portrait/portrait-prefetch'

/** A loader that counts its loads and fails for paths named "bad". */
function counting() {
  const loads: string[] = []
  const load = async (path: string): Promise<LoadedPortrait> => {
    loads.push(path)
    if (path.includes('bad')) throw new Error(`no face in ${path}`)
    return { name: path } as LoadedPortrait
  }
  return { loads, loader: createPortraitLoader(load) }
}

describe('portrait prefetch', () => {
  it('the next load of the prefetched path takes the early load; later ones and other paths load anew', async () => {
    const { loads, loader } = counting()
    loader.prefetch('/p/a.png')
    expect(await loader.load('/p/a.png')).toEqual({ name: '/p/a.png' })
    expect(loads).toEqual(['/p/a.png'])
    await loader.load('/p/a.png')
    await loader.load('/p/b.png')
    expect(loads).toEqual(['/p/a.png', '/p/a.png', '/p/b.png'])
  })

  it("an early load's error reaches the load that takes it, and an unasked one is dropped quietly", async () => {
    const { loader } = counting()
    loader.prefetch('/p/bad.png')
    await expect(loader.load('/p/bad.png')).rejects.toThrow(/no face/)
    loader.prefetch('/p/bad2.png')
    loader.prefetch('/p/c.png')
    await expect(loader.load('/p/c.png')).resolves.toEqual({ name: '/p/c.png' })
  })
})
