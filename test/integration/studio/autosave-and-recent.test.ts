import { copyFile, readFile, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  createDocument,
  keyId,
  seconds,
  setKey,
  trackIdFor,
  unpackDocument,
  type AnimationDocument
} from '@shared/timeline'
import { MimesisError } from '@shared/errors/mimesis-error'
import { FileGrants } from '../../../src/main/core/ipc/file-grants'
import type { DialogPort } from '../../../src/main/core/ipc/ports'
import { AutosaveStore, RecentFiles } from '../../../src/main/core/project'
import { createAutosaveSession } from '../../../src/main/core/studio/autosave-session'
import { createProjectCommands } from '../../../src/main/core/studio/project-commands'
import { displayFolder, recentProjectId, RecentProjects } from '../../../src/main/core/studio/recent-projects'
import { useTempDirs } from '../project/temp-dir'

const ASTRONAUT = resolve(__dirname, '../../fixtures/astronaut.png')
const tempDir = useTempDirs()

function keyedDocument(value: number): AnimationDocument {
  const doc = createDocument({ expressionNames: ['smile', 'jawOpen'] })
  return setKey(doc, trackIdFor('expression', 'smile'), seconds(1), value, {
    newKeyId: () => keyId('k-smile')
  }).document
}

/** One run of the studio over `userData`: its own grants and autosave session. */
function run(userData: string, sessionId: string) {
  const grants = new FileGrants()
  const autosave = createAutosaveSession({
    store: new AutosaveStore(join(userData, 'autosave'), { sessionId }),
    grants,
    appVersion: '0.1.0-test',
    portraitCacheDir: join(userData, 'portraits')
  })
  return { grants, autosave }
}

describe('autosave session', () => {
  it('offers the work of a run that crashed, recovers it with its portrait, and only once', async () => {
    const userData = await tempDir()
    const photoDir = await tempDir()
    const photo = join(photoDir, 'face.png')
    await copyFile(ASTRONAUT, photo)

    const crashed = run(userData, 'run-1')
    const portrait = await crashed.grants.grant(photo)
    await crashed.autosave.write({
      projectToken: null,
      portraitToken: portrait.token,
      faceIndex: 0,
      document: keyedDocument(0.3)
    })
    const last = await crashed.autosave.write({
      projectToken: null,
      portraitToken: portrait.token,
      faceIndex: 0,
      document: keyedDocument(0.7)
    })
    // No clean exit: the run crashed. The photo is moved away afterwards; it was embedded.
    await rm(photo)

    const next = run(userData, 'run-2')
    const offered = await next.autosave.list()
    expect(offered).toEqual([
      { id: 'run-1', savedAt: last.savedAt, projectName: null, portraitName: 'face.png' }
    ])
    const recovered = await next.autosave.recover('run-1')
    expect(recovered.project).toBeNull()
    expect(recovered.faceIndex).toBe(0)
    expect(recovered.document).toEqual(keyedDocument(0.7))
    expect(recovered.portrait.name).toBe('face.png')
    const unpacked = next.grants.resolve(recovered.portrait.token)
    expect(await readFile(unpacked)).toEqual(await readFile(ASTRONAUT))

    // The recovered work is now this run's autosave, so a crash right now still loses nothing.
    expect(await next.autosave.list()).toEqual([])
    const third = run(userData, 'run-3')
    expect((await third.autosave.list()).map((w) => w.id)).toEqual(['run-2'])
  })

  it('leaves nothing to recover after a clean exit or after clear, and discards on request', async () => {
    const userData = await tempDir()
    const first = run(userData, 'run-1')
    const portrait = await first.grants.grant(ASTRONAUT)
    const request = {
      projectToken: null,
      portraitToken: portrait.token,
      faceIndex: 0,
      document: keyedDocument(0.5)
    }
    await first.autosave.write(request)
    await first.autosave.markCleanExit()
    expect(await run(userData, 'run-2').autosave.list()).toEqual([])

    const second = run(userData, 'run-3')
    const token = (await second.grants.grant(ASTRONAUT)).token
    await second.autosave.write({ ...request, portraitToken: token })
    await second.autosave.clear()
    expect(await run(userData, 'run-4').autosave.list()).toEqual([])

    const crashed = run(userData, 'run-5')
    await crashed.autosave.write({ ...request, portraitToken: (await crashed.grants.grant(ASTRONAUT)).token })
    const later = run(userData, 'run-6')
    await later.autosave.discard('run-5')
    expect(await later.autosave.list()).toEqual([])
    await expect(later.autosave.recover('run-5')).rejects.toMatchObject({ code: 'recovery-gone' })
  })

  it('names the saved project the work belonged to and grants it back when it still exists', async () => {
    const userData = await tempDir()
    const projectDir = await tempDir()
    const projectPath = join(projectDir, 'scene.mimesis')
    const crashed = run(userData, 'run-1')
    const dialogs: DialogPort = { openFile: async () => null, saveFile: async () => projectPath }
    const projects = createProjectCommands({
      grants: crashed.grants,
      dialogs,
      appVersion: '0.1.0-test',
      portraitCacheDir: join(userData, 'portraits')
    })
    const portrait = await crashed.grants.grant(ASTRONAUT)
    const saved = await projects.save({
      projectToken: null,
      saveAs: false,
      portraitToken: portrait.token,
      faceIndex: 0,
      document: keyedDocument(0.2)
    })
    await crashed.autosave.write({
      projectToken: saved!.project.token,
      portraitToken: portrait.token,
      faceIndex: 0,
      document: keyedDocument(0.9)
    })

    const next = run(userData, 'run-2')
    expect((await next.autosave.list())[0]).toMatchObject({ projectName: 'scene.mimesis' })
    const recovered = await next.autosave.recover('run-1')
    expect(recovered.project?.name).toBe('scene.mimesis')
    expect(next.grants.resolve(recovered.project!.token)).toBe(projectPath)
    expect(recovered.document).toEqual(keyedDocument(0.9))
  })

  it('refuses tokens it never granted', async () => {
    const userData = await tempDir()
    const { autosave } = run(userData, 'run-1')
    await expect(
      autosave.write({
        projectToken: null,
        portraitToken: 'x'.repeat(24),
        faceIndex: 0,
        document: keyedDocument(0.1)
      })
    ).rejects.toBeInstanceOf(MimesisError)
    expect(await run(userData, 'run-2').autosave.list()).toEqual([])
  })
})

describe('recent projects', () => {
  it('lists saved and opened projects by id, opens by id, and drops a file that has gone', async () => {
    const userData = await tempDir()
    const projectDir = await tempDir()
    const grants = new FileGrants()
    const recent = new RecentProjects(new RecentFiles(userData))
    const answers: (string | null)[] = []
    const dialogs: DialogPort = {
      openFile: async () => answers.shift() ?? null,
      saveFile: async () => answers.shift() ?? null
    }
    const projects = createProjectCommands({
      grants,
      dialogs,
      appVersion: '0.1.0-test',
      portraitCacheDir: join(userData, 'portraits'),
      recent
    })
    let changes = 0
    recent.onChange(() => changes++)
    const portrait = await grants.grant(ASTRONAUT)
    const save = async (name: string) => {
      answers.push(join(projectDir, name))
      await projects.save({
        projectToken: null,
        saveAs: true,
        portraitToken: portrait.token,
        faceIndex: 0,
        document: keyedDocument(0.4)
      })
    }
    await save('a.mimesis')
    await save('b.mimesis')
    expect(changes).toBe(2)

    const listed = await recent.list()
    expect(listed.map((p) => p.name)).toEqual(['b.mimesis', 'a.mimesis'])
    expect(listed[0]!.id).toBe(recentProjectId(join(projectDir, 'b.mimesis')))
    expect(listed[0]!.id).toMatch(/^[0-9a-f]{16}$/)
    expect(JSON.stringify(listed)).not.toContain(join(projectDir, 'b.mimesis'))

    const opened = await projects.openRecent(listed[1]!.id)
    expect(opened.project.name).toBe('a.mimesis')
    expect(unpackDocument(opened.document)).toEqual(keyedDocument(0.4))
    expect((await recent.list()).map((p) => p.name)).toEqual(['a.mimesis', 'b.mimesis'])

    // b is deleted while the list is on screen: opening it says so and removes it.
    await rm(join(projectDir, 'b.mimesis'))
    const error: unknown = await projects.openRecent(listed[0]!.id).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'recent-missing' })
    expect((error as Error).message).toContain('"b.mimesis" is no longer in')
    expect((error as Error).message).toContain('removed from the recent list')
    expect((await recent.list()).map((p) => p.name)).toEqual(['a.mimesis'])
    await expect(projects.openRecent('0123456789abcdef')).rejects.toMatchObject({ code: 'recent-unknown' })
  })

  it('shows folders under the home folder with ~', () => {
    expect(displayFolder('/home/ada/Mimesis Projects/a.mimesis', '/home/ada')).toBe('~/Mimesis Projects')
    expect(displayFolder('/home/ada/a.mimesis', '/home/ada')).toBe('~')
    expect(displayFolder('/srv/shared/a.mimesis', '/home/ada')).toBe('/srv/shared')
  })
})
