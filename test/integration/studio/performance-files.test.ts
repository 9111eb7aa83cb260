import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Performance } from '@shared/performance'
import { FileGrants } from '../../../src/main/core/ipc/file-grants'
import type { DialogPort } from '../../../src/main/core/ipc/ports'
import { createPerformanceFiles } from '../../../src/main/core/studio/performance-files'

const performance: Performance = {
  sourceName: 'actor.mp4',
  fps: 30,
  durationSec: 2,
  referenceTimeSec: 0.5,
  gaps: [{ start: 1, end: 1.2 }],
  tracks: [
    {
      kind: 'expression',
      name: 'smile',
      keys: [
        { time: 0, value: 0 },
        { time: 1.5, value: 0.7 }
      ]
    },
    { kind: 'camera', name: 'yaw', keys: [{ time: 0.25, value: -8 }] }
  ]
}

describe('performance files through dialogs', () => {
  let dir: string
  const answers: (string | null)[] = []
  const asked: { title: string; filters: { name: string; extensions: string[] }[] }[] = []
  const dialogs: DialogPort = {
    openFile: async (options) => {
      asked.push(options)
      return answers.shift() ?? null
    },
    saveFile: async (options) => {
      asked.push(options)
      return answers.shift() ?? null
    }
  }
  const files = () =>
    createPerformanceFiles({ grants: new FileGrants(), dialogs, now: () => new Date('2026-01-02T03:04:05Z') })

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-performance-files-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('saves with the extension added, and opens what it saved unchanged', async () => {
    answers.push(join(dir, 'take one'))
    const saved = await files().save(performance, 'actor.mp4')
    expect(saved?.name).toBe('take one.mimesis-performance')
    expect(asked.at(-1)?.filters[0]?.extensions).toEqual(['mimesis-performance'])
    const text = await readFile(join(dir, 'take one.mimesis-performance'), 'utf8')
    expect(JSON.parse(text)).toMatchObject({
      format: 'mimesis-performance',
      createdAt: '2026-01-02T03:04:05.000Z'
    })

    answers.push(join(dir, 'take one.mimesis-performance'))
    const opened = await files().open()
    expect(opened?.file.name).toBe('take one.mimesis-performance')
    expect(opened?.performance).toEqual(performance)
  })

  it('does nothing when the dialog is cancelled', async () => {
    answers.push(null)
    expect(await files().save(performance, 'x')).toBeNull()
    answers.push(null)
    expect(await files().open()).toBeNull()
  })

  it('refuses a file that is not a performance, naming the problem and the file', async () => {
    const broken = join(dir, 'broken.mimesis-performance')
    await writeFile(broken, JSON.stringify({ format: 'mimesis-performance', version: 1, createdAt: 'x' }))
    answers.push(broken)
    const error = await files()
      .open()
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'performance-invalid' })
    expect((error as Error).message).toContain('broken.mimesis-performance')
    expect((error as Error).message).toContain('createdAt')
    expect((error as Error).message).not.toContain(dir)
  })
})
