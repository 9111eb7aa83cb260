// `mimesis render … --format png-seq`: a real PNG sequence from the command line in its own process, an existing
// folder refused (73) then replaced with --overwrite, and Ctrl-C leaving nothing under the name or beside it.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveResourcesDir } from '../../../src/main/core/app/resolve-resources-dir'
import { readPngSamples } from '../../support/read-png'
import { tinyDiskMountPoint } from '../export/full-disk'
import { ROOT, runCli, shortTurntableArgs, startCli } from './run-cli'

const ASTRONAUT = resolve(ROOT, 'test', 'fixtures', 'astronaut.png')
const ready = existsSync(join(resolveResourcesDir(), 'packs', 'builtin', 'manifest.json'))

describe.skipIf(!ready)('mimesis render --format png-seq', () => {
  let dir: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-cli-seq-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('writes a 16-bit sequence with its depth pass, refuses to overwrite it, and replaces it with --overwrite', async () => {
    const out = join(dir, 'turn')
    const args = [
      ...shortTurntableArgs(ASTRONAUT, out),
      '--format',
      'png-seq',
      '--bit-depth',
      '16',
      '--depth'
    ]
    const run = await runCli([...args, '--json'])
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({
      kind: 'preset',
      out,
      format: 'png-seq',
      frames: 8,
      files: 17,
      bitDepth: 16,
      depth: true,
      width: 96,
      height: 96
    })
    const names = (await readdir(out)).sort()
    expect(names).toHaveLength(17)
    expect(names.slice(0, 2)).toEqual(['turn_00001.png', 'turn_00002.png'])
    expect(names).toContain('turn_00008.png')
    expect(names).toContain('turn_depth_00008.png')
    expect(names).toContain('turn_depth.json')
    expect(await readPngSamples(join(out, 'turn_00008.png'))).toMatchObject({
      bitDepth: 16,
      channels: 4,
      width: 96
    })
    expect(await readPngSamples(join(out, 'turn_depth_00001.png'))).toMatchObject({
      bitDepth: 16,
      channels: 1
    })
    const sidecar = JSON.parse(await readFile(join(out, 'turn_depth.json'), 'utf8')) as { frameCount: number }
    expect(sidecar.frameCount).toBe(8)

    const again = await runCli([...shortTurntableArgs(ASTRONAUT, out), '--format', 'png-seq'])
    expect(again.code).toBe(73)
    expect(again.stderr).toMatch(/already holds 17 files\. Pass --overwrite to replace it/)
    expect(await readdir(out)).toHaveLength(17)

    const replaced = await runCli([
      ...shortTurntableArgs(ASTRONAUT, out),
      '--format',
      'png-seq',
      '--overwrite'
    ])
    expect(replaced.code, replaced.stderr).toBe(0)
    expect(replaced.stdout).toMatch(/^wrote .*turn\/: the turntable preset, 8 8-bit PNG frames \(8 files\)/)
    expect((await readdir(out)).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `turn_0000${i + 1}.png`))
    expect(await readPngSamples(join(out, 'turn_00001.png'))).toMatchObject({ bitDepth: 8, channels: 4 })
    expect(await readdir(dir)).toEqual(['turn'])
  }, 120_000)

  it('Ctrl-C cancels: exit status 130, nothing under the folder name and no temporary folder', async () => {
    const sub = await mkdtemp(join(dir, 'cancel-'))
    const out = join(sub, 'long')
    const { child, done } = startCli([
      'render',
      ASTRONAUT,
      '--preset',
      'expressions',
      '--seconds',
      '60',
      '--fps',
      '30',
      '--size',
      '128',
      '--format',
      'png-seq',
      '--depth',
      '--out',
      out
    ])
    let stderr = ''
    await new Promise<void>((started, failed) => {
      child.stderr!.on('data', (chunk: string) => {
        stderr += chunk
        if (/frame \d+\/1800/.test(stderr)) started()
      })
      void done.then((run) => failed(new Error(`finished before it could be cancelled: ${run.stderr}`)))
    })
    child.kill('SIGINT')
    const run = await done
    expect(run.code).toBe(130)
    expect(await readdir(sub)).toEqual([])
  }, 120_000)

  it('a folder that does not exist is refused before the head is built (73)', async () => {
    const run = await runCli([
      ...shortTurntableArgs(ASTRONAUT, join(dir, 'missing', 'shot')),
      '--format',
      'png-seq'
    ])
    expect(run.code).toBe(73)
    expect(run.stderr).toMatch(/Cannot export to .*shot: the folder .*missing does not exist/)
  }, 60_000)

  const tinyDisk = tinyDiskMountPoint('the PNG sequence onto a full tmpfs from the CLI')

  it.skipIf(tinyDisk === null)(
    'a disk that fills mid-sequence exits 73, says so and leaves nothing',
    async () => {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', tinyDisk!])
      try {
        const out = join(tinyDisk!, 'turn')
        const run = await runCli([
          ...shortTurntableArgs(ASTRONAUT, out),
          '--format',
          'png-seq',
          '--bit-depth',
          '16',
          '--depth'
        ])
        expect(run.code).toBe(73)
        expect(run.stderr).toMatch(/mimesis: The disk is full: could not finish writing .*turn\./)
        expect(await readdir(tinyDisk!)).toEqual([])
      } finally {
        execFileSync('umount', [tinyDisk!])
        await rm(tinyDisk!, { recursive: true, force: true })
      }
    },
    60_000
  )
})
