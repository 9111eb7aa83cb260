import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PROJECT_FORMAT_VERSION } from '@shared/project'
import { AutosaveStore, loadProject } from '../../../src/main/core/project'
import { sampleProject } from './sample-project'
import { useTempDirs } from './temp-dir'

const tempDir = useTempDirs()

describe('AutosaveStore', () => {
  it('offers autosaves of a crashed session to the next session, then recovers them', async () => {
    const dir = join(await tempDir(), 'autosave')
    const crashed = new AutosaveStore(dir, {
      sessionId: 'run-1',
      now: () => new Date('2026-11-21T10:00:00Z')
    })
    await crashed.start()
    const project = sampleProject()
    await crashed.save('projA', project, '/home/u/A.mimesis')
    await crashed.save('projB', sampleProject())
    // No markCleanExit: the app crashed.

    const next = new AutosaveStore(dir, { sessionId: 'run-2' })
    await next.start()
    const recoverable = await next.listRecoverable()
    expect(recoverable.map((e) => [e.projectId, e.projectPath, e.sessionId])).toEqual([
      ['projA', '/home/u/A.mimesis', 'run-1'],
      ['projB', null, 'run-1']
    ])
    expect(recoverable[0]!.autosavePath).toBe(join(dir, 'projA.autosave.mimesis'))
    const recovered = await next.recover('projA')
    expect(recovered.project).toEqual(project)
    // The autosave file is an ordinary project file.
    expect((await loadProject(recoverable[1]!.autosavePath, { checkPortrait: false })).fileVersion).toBe(
      PROJECT_FORMAT_VERSION
    )

    await next.discard('projA')
    expect((await next.listRecoverable()).map((e) => e.projectId)).toEqual(['projB'])
  })

  it('offers nothing after a clean exit, and removes that session files', async () => {
    const dir = await tempDir()
    const first = new AutosaveStore(dir, { sessionId: 'run-1' })
    await first.save('projA', sampleProject())
    await first.markCleanExit()
    const second = new AutosaveStore(dir, { sessionId: 'run-2' })
    await second.start()
    expect(await second.listRecoverable()).toEqual([])
    await second.cleanup()
    expect((await readdir(dir)).sort()).toEqual(['session-run-2.json'])
  })

  it('never lists its own session autosaves', async () => {
    const dir = await tempDir()
    const store = new AutosaveStore(dir, { sessionId: 'me' })
    await store.save('projA', sampleProject())
    expect(await store.listRecoverable()).toEqual([])
  })

  it('stores a relative portrait path as absolute, relative to the user project folder', async () => {
    const dir = await tempDir()
    const store = new AutosaveStore(dir, { sessionId: 'me' })
    await store.save('projA', sampleProject('img/face.png'), '/home/u/work/A.mimesis')
    const loaded = await store.recover('projA')
    expect(loaded.project.portrait).toMatchObject({ path: '/home/u/work/img/face.png' })
  })

  it('ignores damaged metadata and stale temp files, and rejects unsafe project ids', async () => {
    const dir = await tempDir()
    const store = new AutosaveStore(dir, { sessionId: 'me' })
    await store.start()
    await writeFile(join(dir, 'x.autosave.json'), '{ half')
    await writeFile(join(dir, '.projA.autosave.mimesis.123.abc.tmp'), 'partial')
    expect(await store.listRecoverable()).toEqual([])
    await store.cleanup()
    expect(await readdir(dir)).not.toContain('.projA.autosave.mimesis.123.abc.tmp')
    await expect(store.save('../escape', sampleProject())).rejects.toThrow(/projectId/)
  })

  it('lists nothing for a folder that does not exist yet', async () => {
    const store = new AutosaveStore(join(await tempDir(), 'not-yet'))
    expect(await store.listRecoverable()).toEqual([])
  })
})
