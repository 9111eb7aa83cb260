import { copyFile, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  PortraitMissingError,
  ProjectIoError,
  ProjectJsonError,
  ProjectTooLargeError,
  loadProject,
  relinkPortrait,
  saveProjectAtomic,
  sha256File
} from '../../../src/main/core/project'
import { NewerProjectVersionError, PROJECT_FORMAT_VERSION, ProjectFormatError } from '@shared/project'
import { useTempDirs } from './temp-dir'

const FIXTURES = resolve(__dirname, '../../fixtures/projects')
const ASTRONAUT = resolve(__dirname, '../../fixtures/astronaut.png')
const tempDir = useTempDirs()

describe('loadProject', () => {
  it('loads a v1 project whose portrait is referenced relative to the project file', async () => {
    const loaded = await loadProject(join(FIXTURES, 'v1-reference-portrait.mimesis'))
    expect(loaded.portraitPath).toBe(ASTRONAUT)
    expect(loaded.fileVersion).toBe(1)
    expect(loaded.project.document.tracks).toHaveLength(8)
  })

  it('loads and migrates a v0 project, checking its portrait', async () => {
    const loaded = await loadProject(join(FIXTURES, 'v0-reference-portrait.mimesis'))
    expect(loaded.fileVersion).toBe(0)
    expect(loaded.project.version).toBe(PROJECT_FORMAT_VERSION)
    expect(loaded.project.audio).toBeNull()
    expect(loaded.portraitPath).toBe(ASTRONAUT)
  })

  it('loads an embedded portrait without touching the disk for it', async () => {
    const loaded = await loadProject(join(FIXTURES, 'v1-embedded-portrait.mimesis'))
    expect(loaded.portraitPath).toBeUndefined()
  })

  it('throws PortraitMissingError with the resolved path when the portrait is gone', async () => {
    const error = await loadProject(join(FIXTURES, 'v1-missing-portrait.mimesis')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PortraitMissingError)
    expect(error).toMatchObject({ reason: 'missing', portraitPath: join(FIXTURES, 'no-such-portrait.png') })
    expect((error as Error).message).toContain('Locate the image')
  })

  it('throws PortraitMissingError (changed) when the file there is a different image, and relinks', async () => {
    const dir = await tempDir()
    await copyFile(join(FIXTURES, 'v1-reference-portrait.mimesis'), join(dir, 'p.mimesis'))
    // Point the project at a file next to it that is a different image.
    const project = JSON.parse(await readFile(join(dir, 'p.mimesis'), 'utf8')) as {
      portrait: { path: string }
    }
    project.portrait.path = 'portrait.png'
    await writeFile(join(dir, 'p.mimesis'), JSON.stringify(project))
    await writeFile(join(dir, 'portrait.png'), 'not the same image')
    const error = await loadProject(join(dir, 'p.mimesis')).catch((e: unknown) => e)
    expect(error).toMatchObject({ reason: 'changed', portraitPath: join(dir, 'portrait.png') })

    const unchecked = await loadProject(join(dir, 'p.mimesis'), { checkPortrait: false })
    const relinked = await relinkPortrait(unchecked.project, ASTRONAUT)
    expect(relinked.portrait).toMatchObject({
      kind: 'reference',
      path: ASTRONAUT,
      sha256: await sha256File(ASTRONAUT)
    })
    await saveProjectAtomic(join(dir, 'p.mimesis'), relinked)
    expect((await loadProject(join(dir, 'p.mimesis'))).portraitPath).toBe(ASTRONAUT)
  })

  it('reports JSON syntax errors with line and column', async () => {
    const error = await loadProject(join(FIXTURES, 'not-json.mimesis')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProjectJsonError)
    expect(error).toMatchObject({ line: 4, column: 3 })
    expect((error as Error).message).toContain('line 4, column 3')
  })

  it('refuses files over the size limit', async () => {
    const error = await loadProject(join(FIXTURES, 'v1-embedded-portrait.mimesis'), { maxBytes: 100 }).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(ProjectTooLargeError)
    expect((error as Error).message).toMatch(/more than the 0\.0 MiB/)
  })

  it('passes on newer-version and schema errors from the migration', async () => {
    await expect(loadProject(join(FIXTURES, 'v3-from-newer-app.mimesis'))).rejects.toBeInstanceOf(
      NewerProjectVersionError
    )
    await expect(loadProject(join(FIXTURES, 'v1-invalid-key-time.mimesis'))).rejects.toBeInstanceOf(
      ProjectFormatError
    )
  })

  it('reports a missing project file as NOT_FOUND', async () => {
    const error = await loadProject(join(FIXTURES, 'nope.mimesis')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProjectIoError)
    expect((error as ProjectIoError).code).toBe('NOT_FOUND')
  })

  it('accepts a UTF-8 byte order mark', async () => {
    const dir = await tempDir()
    const text = await readFile(join(FIXTURES, 'v1-embedded-portrait.mimesis'), 'utf8')
    await writeFile(join(dir, 'bom.mimesis'), `\ufeff${text}`)
    expect((await loadProject(join(dir, 'bom.mimesis'))).fileVersion).toBe(1)
  })
})
