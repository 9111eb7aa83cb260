import { execFileSync } from 'node:child_process'
import { copyFile, readFile, rm } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDocument, unpackDocument } from '@shared/timeline'
import { FileGrants } from '../../../src/main/core/ipc/file-grants'
import type { DialogPort } from '../../../src/main/core/ipc/ports'
import { AutosaveStore } from '../../../src/main/core/project'
import { createAutosaveSession } from '../../../src/main/core/studio/autosave-session'
import { createProjectCommands } from '../../../src/main/core/studio/project-commands'
import { useTempDirs } from '../project/temp-dir'

const ASTRONAUT = resolve(__dirname, '../../fixtures/astronaut.png')
const tempDir = useTempDirs()

/** A second of 440 Hz as AAC in .m4a, the way extractAudio writes a driver's sound. */
function makeSound(dir: string): string {
  const path = join(dir, 'actor.m4a')
  execFileSync(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:duration=1',
      '-c:a',
      'aac',
      path
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] }
  )
  return path
}

describe('the project audio track through the studio (tokens in, tokens out)', () => {
  it('saves it embedded, and opening the project grants it again with its place and mute', async () => {
    const userData = await tempDir()
    const work = await tempDir()
    const sound = makeSound(work)
    const answers: (string | null)[] = []
    const dialogs: DialogPort = {
      openFile: async () => answers.shift() ?? null,
      saveFile: async () => answers.shift() ?? null
    }
    const grants = new FileGrants()
    const projects = createProjectCommands({
      grants,
      dialogs,
      appVersion: '0.1.0-test',
      portraitCacheDir: join(userData, 'portraits')
    })
    const portrait = await grants.grant(ASTRONAUT)
    const audio = await grants.grant(sound)
    answers.push(join(work, 'driven.mimesis'))
    const saved = await projects.save({
      projectToken: null,
      saveAs: false,
      portraitToken: portrait.token,
      faceIndex: 0,
      document: createDocument({ expressionNames: ['smile'] }),
      audio: { token: audio.token, startSec: 1.5, muted: true }
    })
    expect(saved?.project.name).toBe('driven.mimesis')
    // The project travels alone: the sound is embedded.
    await rm(sound)

    answers.push(join(work, 'driven.mimesis'))
    const opened = await projects.open()
    expect(opened?.audio).toMatchObject({ startSec: 1.5, muted: true })
    const unpacked = grants.resolve(opened!.audio!.file.token)
    expect(basename(unpacked)).toBe('actor.m4a')
    expect(unpacked.startsWith(join(userData, 'portraits'))).toBe(true)

    // Saving without audio takes it out of the file.
    await projects.save({
      projectToken: opened!.project.token,
      saveAs: false,
      portraitToken: opened!.portrait.token,
      faceIndex: 0,
      document: unpackDocument(opened!.document),
      audio: null
    })
    const text = JSON.parse(await readFile(join(work, 'driven.mimesis'), 'utf8')) as { audio: unknown }
    expect(text.audio).toBeNull()
  })

  it('autosaves it, and recovering the work of a crashed run brings it back', async () => {
    const userData = await tempDir()
    const work = await tempDir()
    const sound = makeSound(work)
    const photo = join(work, 'face.png')
    await copyFile(ASTRONAUT, photo)
    const run = (sessionId: string) => {
      const grants = new FileGrants()
      const autosave = createAutosaveSession({
        store: new AutosaveStore(join(userData, 'autosave'), { sessionId }),
        grants,
        appVersion: '0.1.0-test',
        portraitCacheDir: join(userData, 'portraits')
      })
      return { grants, autosave }
    }
    const crashed = run('run-1')
    const portrait = await crashed.grants.grant(photo)
    const audio = await crashed.grants.grant(sound)
    const request = {
      projectToken: null,
      portraitToken: portrait.token,
      faceIndex: 0,
      document: createDocument({ expressionNames: ['smile'] })
    }
    await crashed.autosave.write({ ...request, audio: { token: audio.token, startSec: 0, muted: false } })
    await crashed.autosave.write({ ...request, audio: { token: audio.token, startSec: 2, muted: true } })
    await rm(sound)

    const next = run('run-2')
    const recovered = await next.autosave.recover('run-1')
    expect(recovered.audio).toMatchObject({ startSec: 2, muted: true })
    const path = next.grants.resolve(recovered.audio!.file.token)
    expect((await readFile(path)).subarray(4, 8).toString('latin1')).toBe('ftyp')

    // Work without sound recovers without it.
    const third = run('run-3')
    const photoRef = await third.grants.grant(photo)
    await third.autosave.write({ ...request, portraitToken: photoRef.token, audio: null })
    expect((await run('run-4').autosave.recover('run-3')).audio).toBeNull()
  })
})
