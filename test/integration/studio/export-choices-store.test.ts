// The export dialog's last choices per project, on disk: kept per project (by a hash of its path, two projects of one
// name apart), newest first and capped, and a damaged file or an outdated entry ignored.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExportChoices } from '@shared/export/export-presets'
import { ExportChoicesStore } from '../../../src/main/core/studio/export-choices-store'

const choices = (format: ExportChoices['format'], size = 512): ExportChoices => ({
  format,
  size,
  fps: 30,
  range: 'all',
  transparent: true,
  bitDepth: 8,
  depthPass: false
})

describe('ExportChoicesStore', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-export-choices-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('remembers the last choices per project, never storing a path', async () => {
    const store = new ExportChoicesStore(join(dir, 'a'))
    const one = ExportChoicesStore.keyFor('/work/one.mimesis')
    const two = ExportChoicesStore.keyFor('/work/two.mimesis')
    expect(one).not.toBe(two)
    expect(await store.get(one)).toBeNull()
    await store.set(one, choices('glb'))
    await store.set(two, choices('mov-prores4444', 1024))
    await store.set(ExportChoicesStore.keyFor('/elsewhere/one.mimesis'), choices('gif'))
    await store.set(one, choices('arkit-csv'))
    expect(await store.get(one)).toEqual(choices('arkit-csv'))
    expect(await store.get(two)).toEqual(choices('mov-prores4444', 1024))
    const elsewhere = ExportChoicesStore.keyFor('/elsewhere/one.mimesis')
    expect(await new ExportChoicesStore(join(dir, 'a')).get(elsewhere)).toEqual(choices('gif'))
    const text = await readFile(join(dir, 'a', 'export-choices.json'), 'utf8')
    expect(text).not.toContain('/work/')
  })

  it('keeps the newest entries only', async () => {
    const store = new ExportChoicesStore(join(dir, 'b'), 2)
    await store.set('k1', choices('glb'))
    await store.set('k2', choices('gif'))
    await store.set('k3', choices('png-seq'))
    expect(await store.get('k1')).toBeNull()
    expect(await store.get('k3')).toEqual(choices('png-seq'))
  })

  it('ignores a damaged file and entries that no longer fit', async () => {
    const sub = join(dir, 'c')
    const store = new ExportChoicesStore(sub)
    await store.set('ok', choices('mp4-h264'))
    await writeFile(join(sub, 'export-choices.json'), 'not json')
    expect(await store.get('ok')).toBeNull()
    await writeFile(
      join(sub, 'export-choices.json'),
      JSON.stringify([
        { key: 'old', choices: { ...choices('mp4-h264'), format: 'avi' } },
        { key: 'ok', choices: choices('webm-vp9') }
      ])
    )
    expect(await store.get('old')).toBeNull()
    expect(await store.get('ok')).toEqual(choices('webm-vp9'))
  })
})
