import { mkdir, mkdtemp, readdir, rm, utimes } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeScratchDir, sweepStaleScratchDirs } from '../../../src/main/cli/scratch-dirs'

describe('scratch folders of killed commands', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-sweep-test-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  async function folder(name: string, ageHours: number): Promise<void> {
    await mkdir(join(dir, name, 'frames'), { recursive: true })
    const when = new Date(Date.now() - ageHours * 3600_000)
    await utimes(join(dir, name), when, when)
  }

  it('names a new one after the command and this process', async () => {
    const made = await makeScratchDir('render', dir)
    expect(made).toMatch(new RegExp(`mimesis-render-${process.pid}-[A-Za-z0-9]{6}$`))
  })

  it('removes those older than an hour whose process is gone, and pid-less ones older than a day', async () => {
    await folder('mimesis-render-111-aaaaaa', 2) // dead, old: removed
    await folder('mimesis-drive-222-bbbbbb', 2) // alive, old: kept
    await folder('mimesis-render-333-cccccc', 0.5) // dead, recent: kept
    await folder('mimesis-render-dddddd', 30) // no pid, older than a day: removed
    await folder('mimesis-drive-eeeeee', 2) // no pid, recent: kept
    await folder('other-111-ffffff', 5) // not ours: kept
    const removed = await sweepStaleScratchDirs({ dir, isAlive: (pid) => pid === 222 })
    expect(removed.map((p) => p.slice(dir.length + 1)).sort()).toEqual([
      'mimesis-render-111-aaaaaa',
      'mimesis-render-dddddd'
    ])
    expect((await readdir(dir)).sort()).toEqual([
      'mimesis-drive-222-bbbbbb',
      'mimesis-drive-eeeeee',
      'mimesis-render-333-cccccc',
      'other-111-ffffff'
    ])
  })

  it('never throws, even on a folder it cannot read', async () => {
    await expect(sweepStaleScratchDirs({ dir: join(dir, 'missing') })).resolves.toEqual([])
  })
})
