import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RecentFiles } from '../../../src/main/core/project'
import { useTempDirs } from './temp-dir'

const tempDir = useTempDirs()

async function touch(dir: string, name: string): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, '{}')
  return path
}

describe('RecentFiles', () => {
  it('keeps newest first, deduplicates and caps at 10', async () => {
    const dir = await tempDir()
    let clock = 0
    const recent = new RecentFiles(dir, { now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)) })
    const paths: string[] = []
    for (let i = 0; i < 12; i++) paths.push(await touch(dir, `p${i}.mimesis`))
    for (const p of paths) await recent.add(p)
    await recent.add(paths[5]!)
    const list = await recent.list()
    expect(list.map((e) => e.path)).toEqual([
      paths[5],
      paths[11],
      paths[10],
      paths[9],
      paths[8],
      paths[7],
      paths[6],
      paths[4],
      paths[3],
      paths[2]
    ])
    expect(new Set(list.map((e) => e.path)).size).toBe(10)
  })

  it('persists across instances and drops files that vanished on read', async () => {
    const dir = await tempDir()
    const a = await touch(dir, 'a.mimesis')
    const b = await touch(dir, 'b.mimesis')
    await new RecentFiles(dir).add(a)
    await new RecentFiles(dir).add(b)
    await rm(b)
    const recent = new RecentFiles(dir)
    expect((await recent.list()).map((e) => e.path)).toEqual([a])
    expect(JSON.parse(await readFile(join(dir, 'recent-files.json'), 'utf8'))).toHaveLength(1)
  })

  it('does not lose updates made concurrently', async () => {
    const dir = await tempDir()
    const recent = new RecentFiles(dir)
    const paths = await Promise.all(['a', 'b', 'c', 'd'].map((n) => touch(dir, `${n}.mimesis`)))
    await Promise.all(paths.map((p) => recent.add(p)))
    expect((await recent.list()).map((e) => e.path).sort()).toEqual([...paths].sort())
  })

  it('removes and clears entries', async () => {
    const dir = await tempDir()
    const recent = new RecentFiles(dir)
    const a = await touch(dir, 'a.mimesis')
    const b = await touch(dir, 'b.mimesis')
    await recent.add(a)
    await recent.add(b)
    expect((await recent.remove(a)).map((e) => e.path)).toEqual([b])
    await recent.clear()
    expect(await recent.list()).toEqual([])
  })

  it('treats a damaged list file as empty', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'recent-files.json'), 'not json')
    expect(await new RecentFiles(dir).list()).toEqual([])
    await writeFile(join(dir, 'recent-files.json'), JSON.stringify([{ path: 3 }, 'x']))
    expect(await new RecentFiles(dir).list()).toEqual([])
  })
})
