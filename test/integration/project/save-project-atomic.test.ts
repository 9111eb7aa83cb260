import { lstat, mkdir, readFile, readdir, stat, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  ProjectIoError,
  loadProject,
  saveProjectAtomic,
  writeFileAtomic
} from '../../../src/main/core/project'
import {
  MAX_DOCUMENT_KEYS,
  PROJECT_FORMAT_VERSION,
  ProjectFormatError,
  serializeProject
} from '@shared/project'
import { sampleProject } from './sample-project'
import { useTempDirs } from './temp-dir'

const tempDir = useTempDirs()

function failingRename(code: string): { rename: () => Promise<never> } {
  return {
    rename: () => Promise.reject(Object.assign(new Error(`${code}: simulated`), { code }))
  }
}

describe('saveProjectAtomic', () => {
  it('writes a project that loads back identically', async () => {
    const dir = await tempDir()
    const path = join(dir, 'a.mimesis')
    const project = sampleProject()
    await saveProjectAtomic(path, project)
    const loaded = await loadProject(path, { checkPortrait: false })
    expect(loaded.project).toEqual(project)
    expect(loaded.fileVersion).toBe(PROJECT_FORMAT_VERSION)
    expect(await readdir(dir)).toEqual(['a.mimesis'])
  })

  it('replaces an existing file', async () => {
    const dir = await tempDir()
    const path = join(dir, 'a.mimesis')
    await saveProjectAtomic(path, sampleProject())
    const second = { ...sampleProject(), appVersion: '0.2.0' }
    await saveProjectAtomic(path, second)
    expect(await readFile(path, 'utf8')).toBe(serializeProject(second))
  })

  it.each([
    ['ENOSPC', 'DISK_FULL', /disk .* is full/],
    ['EACCES', 'PERMISSION_DENIED', /no permission/],
    ['EROFS', 'READ_ONLY', /read-only/],
    ['EIO', 'IO_FAILED', /EIO/]
  ])(
    'a %s failure mid-way leaves the old file intact and no temp file, with a %s error',
    async (system, code, message) => {
      const dir = await tempDir()
      const path = join(dir, 'a.mimesis')
      await writeFile(path, 'OLD CONTENT')
      const error = await saveProjectAtomic(path, sampleProject(), { fs: failingRename(system) }).catch(
        (e: unknown) => e
      )
      expect(error).toBeInstanceOf(ProjectIoError)
      expect((error as ProjectIoError).code).toBe(code)
      expect((error as ProjectIoError).systemCode).toBe(system)
      expect((error as Error).message).toMatch(message)
      expect(await readFile(path, 'utf8')).toBe('OLD CONTENT')
      expect(await readdir(dir)).toEqual(['a.mimesis'])
    }
  )

  it('reports a missing folder as NOT_FOUND and leaves nothing behind', async () => {
    const dir = await tempDir()
    const error = await saveProjectAtomic(join(dir, 'missing', 'a.mimesis'), sampleProject()).catch(
      (e: unknown) => e
    )
    expect((error as ProjectIoError).code).toBe('NOT_FOUND')
    expect(await readdir(dir)).toEqual([])
  })

  it('reports a real permission failure in a read-only folder (skipped when running as root)', async (ctx) => {
    if (process.getuid?.() === 0 || process.platform === 'win32') ctx.skip()
    const dir = await tempDir()
    const locked = join(dir, 'locked')
    await mkdir(locked, { mode: 0o555 })
    const error = await saveProjectAtomic(join(locked, 'a.mimesis'), sampleProject()).catch((e: unknown) => e)
    expect((error as ProjectIoError).code).toBe('PERMISSION_DENIED')
    expect(await readdir(locked)).toEqual([])
  })

  it('refuses to write an invalid project, naming the path, and writes nothing', async () => {
    const dir = await tempDir()
    const project = sampleProject()
    const broken = { ...project, selectedFaceIndex: -1 }
    const error = await saveProjectAtomic(join(dir, 'a.mimesis'), broken).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProjectFormatError)
    expect((error as ProjectFormatError).issues[0]!.path).toBe('selectedFaceIndex')
    expect(await readdir(dir)).toEqual([])
  })

  it('refuses to write more keys than a project may hold (it could not be opened again), and writes nothing', async () => {
    const dir = await tempDir()
    const project = sampleProject()
    const [track] = project.document.tracks
    const keys = new Array(MAX_DOCUMENT_KEYS + 1).fill(track!.keys[0] ?? { id: 'k', time: 0, value: 0 })
    const huge = { ...project, document: { ...project.document, tracks: [{ ...track!, keys }] } }
    const error = await saveProjectAtomic(join(dir, 'a.mimesis'), huge).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProjectFormatError)
    expect((error as Error).message).toMatch(/could not be opened again: document\.tracks: 2000001 keys/)
    expect(await readdir(dir)).toEqual([])
  })
})

describe('writeFileAtomic', () => {
  it('writes bytes and strings', async () => {
    const dir = await tempDir()
    await writeFileAtomic(join(dir, 'b.bin'), new Uint8Array([1, 2, 3]))
    expect([...(await readFile(join(dir, 'b.bin')))]).toEqual([1, 2, 3])
  })

  it('keeps a symlink a symlink and keeps the permission bits of the file it replaces', async (ctx) => {
    if (process.platform === 'win32') ctx.skip()
    const dir = await tempDir()
    const real = join(dir, 'real.mimesis')
    await writeFile(real, 'old', { mode: 0o600 })
    await symlink(real, join(dir, 'link.mimesis'))
    await writeFileAtomic(join(dir, 'link.mimesis'), 'new')
    expect((await lstat(join(dir, 'link.mimesis'))).isSymbolicLink()).toBe(true)
    expect(await readFile(real, 'utf8')).toBe('new')
    expect((await stat(real)).mode & 0o777).toBe(0o600)
  })
})
