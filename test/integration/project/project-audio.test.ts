import { readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PROJECT_FORMAT_VERSION, ProjectFormatError } from '@shared/project'
import { MimesisError } from '@shared/errors/mimesis-error'
import {
  ProjectIoError,
  loadProject,
  readProjectAudio,
  saveProjectAtomic,
  sha256File,
  unpackEmbeddedAudio
} from '../../../src/main/core/project'
import { ffmpegSync } from '../../support/audio-test-files'
import { sampleProject } from './sample-project'
import { useTempDirs } from './temp-dir'

const FIXTURES = resolve(__dirname, '../../fixtures/projects')
const tempDir = useTempDirs()

/** A 1 s AAC .m4a made by ffmpeg, in `dir`. */
function makeM4a(dir: string, name = 'voice.m4a'): string {
  const path = join(dir, name)
  ffmpegSync(['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=1', '-c:a', 'aac', path])
  return path
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error
  )
}

describe('project audio track', () => {
  it('round trip: saving embeds the file, loading unpacks the same bytes into the cache by checksum', async () => {
    const dir = await tempDir()
    const source = makeM4a(dir)
    const projectPath = join(dir, 'a.mimesis')
    const cacheDir = join(dir, 'cache')
    await saveProjectAtomic(projectPath, sampleProject(), {
      audio: { path: source, fileName: 'take 3.m4a', startSec: -1.5, muted: true }
    })
    const sha = await sha256File(source)

    const loaded = await loadProject(projectPath, { checkPortrait: false, cacheDir })
    expect(loaded.fileVersion).toBe(PROJECT_FORMAT_VERSION)
    expect(loaded.project.audio).toMatchObject({
      kind: 'embedded',
      mime: 'audio/mp4',
      sha256: sha,
      fileName: 'take 3.m4a',
      startSec: -1.5,
      muted: true
    })
    expect(loaded.audio).toEqual({
      path: join(cacheDir, sha.slice(0, 16), 'take 3.m4a'),
      fileName: 'take 3.m4a',
      sha256: sha,
      startSec: -1.5,
      muted: true
    })
    expect(Buffer.compare(await readFile(loaded.audio!.path), await readFile(source))).toBe(0)

    // Opening again reuses the unpacked file instead of writing it anew.
    const before = await stat(loaded.audio!.path)
    const again = await loadProject(projectPath, { checkPortrait: false, cacheDir })
    expect(again.audio?.path).toBe(loaded.audio!.path)
    expect((await stat(again.audio!.path)).mtimeMs).toBe(before.mtimeMs)
    expect(await readdir(join(cacheDir, sha.slice(0, 16)))).toEqual(['take 3.m4a'])

    // Saving the loaded project keeps its audio byte for byte.
    await saveProjectAtomic(join(dir, 'b.mimesis'), loaded.project)
    const copy = await loadProject(join(dir, 'b.mimesis'), { checkPortrait: false })
    expect(copy.project.audio).toEqual(loaded.project.audio)
  })

  it('without a cache folder nothing is unpacked; the track is still in the project', async () => {
    const dir = await tempDir()
    await saveProjectAtomic(join(dir, 'a.mimesis'), sampleProject(), {
      audio: { path: makeM4a(dir), fileName: 'v.m4a', startSec: 0, muted: false }
    })
    const loaded = await loadProject(join(dir, 'a.mimesis'), { checkPortrait: false })
    expect(loaded.audio).toBeNull()
    expect(loaded.project.audio?.fileName).toBe('v.m4a')
    expect(await readdir(dir)).toEqual(['a.mimesis', 'voice.m4a'])
  })

  it('`audio: null` removes the track; leaving the option out keeps the project’s own', async () => {
    const dir = await tempDir()
    const path = join(dir, 'a.mimesis')
    const audio = await readProjectAudio({ path: makeM4a(dir), fileName: 'v.m4a', startSec: 2, muted: false })
    await saveProjectAtomic(path, { ...sampleProject(), audio })
    expect((await loadProject(path, { checkPortrait: false })).project.audio).toEqual(audio)
    await saveProjectAtomic(path, { ...sampleProject(), audio }, { audio: null })
    expect((await loadProject(path, { checkPortrait: false })).project.audio).toBeNull()
    expect(await readFile(path, 'utf8')).toContain('"audio": null')
  })

  it('refuses a start outside an hour, naming audio.startSec, and writes nothing', async () => {
    const dir = await tempDir()
    const source = makeM4a(dir)
    const error = await errorOf(
      saveProjectAtomic(join(dir, 'a.mimesis'), sampleProject(), {
        audio: { path: source, fileName: 'v.m4a', startSec: 3601, muted: false }
      })
    )
    expect(error).toBeInstanceOf(ProjectFormatError)
    expect((error as ProjectFormatError).issues.map((i) => i.path)).toEqual(['audio.startSec'])
    expect(await readdir(dir)).toEqual(['voice.m4a'])
  })

  it('refuses a missing file and a file that is not MP4 audio', async () => {
    const dir = await tempDir()
    const missing = await errorOf(
      readProjectAudio({ path: join(dir, 'gone.m4a'), fileName: 'gone.m4a', startSec: 0, muted: false })
    )
    expect(missing).toBeInstanceOf(ProjectIoError)
    expect((missing as ProjectIoError).code).toBe('NOT_FOUND')
    const wav = join(dir, 'voice.wav')
    ffmpegSync(['-f', 'lavfi', '-i', 'sine=duration=0.2', wav])
    const notMp4 = await errorOf(
      readProjectAudio({ path: wav, fileName: 'voice.wav', startSec: 0, muted: false })
    )
    expect(notMp4).toBeInstanceOf(MimesisError)
    expect((notMp4 as MimesisError).code).toBe('AUDIO_NOT_MP4')
  })

  it('reports damaged embedded audio (checksum mismatch) when unpacking', async () => {
    const dir = await tempDir()
    const path = join(dir, 'a.mimesis')
    await saveProjectAtomic(path, sampleProject(), {
      audio: { path: makeM4a(dir), fileName: 'v.m4a', startSec: 0, muted: false }
    })
    const json = JSON.parse(await readFile(path, 'utf8')) as { audio: { dataBase64: string } }
    const data = json.audio.dataBase64
    json.audio.dataBase64 = `${data.slice(0, 100)}${data[100] === 'A' ? 'B' : 'A'}${data.slice(101)}`
    await writeFile(path, JSON.stringify(json))
    const error = await errorOf(loadProject(path, { checkPortrait: false, cacheDir: join(dir, 'cache') }))
    expect(error).toBeInstanceOf(MimesisError)
    expect((error as MimesisError).code).toBe('AUDIO_DAMAGED')
    expect((error as Error).message).toContain('damaged')
  })

  it('unpacks under the cache folder whatever the stored file name says', async () => {
    const dir = await tempDir()
    const audio = await readProjectAudio({ path: makeM4a(dir), fileName: 'x', startSec: 0, muted: false })
    const cacheDir = join(dir, 'cache')
    const hostile = await unpackEmbeddedAudio(
      { ...audio, fileName: '../../..\\..\\evil:name?.mp3' },
      cacheDir
    )
    expect(hostile).toBe(join(cacheDir, audio.sha256.slice(0, 16), 'evil_name_.m4a'))
    const dots = await unpackEmbeddedAudio({ ...audio, fileName: '...' }, cacheDir)
    expect(dots).toBe(join(cacheDir, audio.sha256.slice(0, 16), 'audio.m4a'))
  })

  it('migrates a v1 project (no audio) to the current format with `audio: null`', async () => {
    const dir = await tempDir()
    const loaded = await loadProject(join(FIXTURES, 'v1-embedded-portrait.mimesis'), {
      cacheDir: join(dir, 'cache')
    })
    expect(loaded.fileVersion).toBe(1)
    expect(loaded.project.version).toBe(PROJECT_FORMAT_VERSION)
    expect(loaded.project.audio).toBeNull()
    expect(loaded.audio).toBeNull()
    await saveProjectAtomic(join(dir, 'migrated.mimesis'), loaded.project)
    const text = await readFile(join(dir, 'migrated.mimesis'), 'utf8')
    expect(text).toContain(`"version": ${PROJECT_FORMAT_VERSION},`)
    expect(text).toBe(await readFile(join(FIXTURES, 'v2-embedded-portrait.mimesis'), 'utf8'))
    expect(await readdir(dir)).toEqual(['migrated.mimesis'])
  })
})
