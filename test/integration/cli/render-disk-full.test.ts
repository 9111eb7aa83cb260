// `mimesis render` onto a full disk: exit status 73 (cannot create), a message that says the disk is
// full, and nothing under the output name. The video case uses a wrapper ffmpeg ($MIMESIS_FFMPEG) that
// fails as a full disk does while exiting 0; the still case a tiny tmpfs where one can be mounted.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveResourcesDir } from '../../../src/main/core/app/resolve-resources-dir'
import { MimesisError } from '@shared/errors/mimesis-error'
import { locateFfmpeg } from '../../../src/main/core/media/locate-ffmpeg'
import { ProjectIoError } from '../../../src/main/core/project'
import { EXIT_CODES, exitCodeFor } from '../../../src/main/cli/exit-code'
import { writeOutputFile } from '../../../src/main/cli/run-render'
import { tinyDiskMountPoint, writeDamagingFfmpeg } from '../export/full-disk'
import { type CliRun, ROOT, shortTurntableArgs } from './run-cli'

const ASTRONAUT = resolve(ROOT, 'test', 'fixtures', 'astronaut.png')
const ready = existsSync(join(resolveResourcesDir(), 'packs', 'builtin', 'manifest.json'))
const tinyDisk = tinyDiskMountPoint('the PNG still on a real full disk')

/** `mimesis` in its own process, from the sources, with `env` added to the environment. */
function runCliWith(args: readonly string[], env: Record<string, string>): Promise<CliRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main/cli/index.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.node.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  return new Promise((done, fail) => {
    child.once('error', fail)
    child.once('close', (code, signal) => done({ code, signal, stdout, stderr }))
  })
}

const enospc = (): Error => Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })

describe('render outputs on a full disk', () => {
  let dir: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-cli-disk-full-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('a still that cannot be written for lack of space is disk-full (exit 73), the old file kept', async () => {
    const out = join(dir, 'still.png')
    const error: unknown = await writeOutputFile(out, new Uint8Array(64), 'write the still', {
      rename: () => Promise.reject(enospc())
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MimesisError)
    expect(error).toMatchObject({ code: 'disk-full' })
    expect((error as Error).message).toMatch(/Could not write the still: the disk holding .* is full/)
    expect(exitCodeFor(error)).toBe(EXIT_CODES.cannotCreate)
    expect(await readdir(dir)).toEqual([])
  })

  it('a full disk while saving a file exits 73, wherever the error comes from', () => {
    const error = new ProjectIoError('DISK_FULL', '/x/p.mimesis', 'Could not save the project: disk full.')
    expect(exitCodeFor(error)).toBe(EXIT_CODES.cannotCreate)
  })

  describe.skipIf(!ready || process.platform === 'win32')('mimesis render (its own process)', () => {
    it('an MP4 whose end could not be written (ffmpeg exits 0) exits 73 and leaves nothing', async () => {
      const sub = join(dir, 'video')
      await mkdir(sub)
      const ffmpeg = writeDamagingFfmpeg(dir, (await locateFfmpeg()).path, 'disk-full')
      const out = join(sub, 'turntable.mp4')
      const run = await runCliWith(shortTurntableArgs(ASTRONAUT, out), { MIMESIS_FFMPEG: ffmpeg })
      expect(run.stderr).toMatch(/mimesis: The disk is full: could not finish writing .*turntable\.mp4/)
      expect(run.stdout).not.toMatch(/wrote/)
      expect(run.code).toBe(EXIT_CODES.cannotCreate)
      expect(await readdir(sub)).toEqual([])
    }, 60_000)

    it.skipIf(tinyDisk == null)(
      'a PNG still onto a full tmpfs exits 73 and leaves nothing',
      async () => {
        const mnt = tinyDisk ?? ''
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', mnt])
        try {
          const run = await runCliWith(
            ['render', ASTRONAUT, '--size', '256', '--out', join(mnt, 'still.png')],
            {}
          )
          expect(run.stderr).toMatch(
            /mimesis: Could not write the still: the disk holding .*still\.png is full/
          )
          expect(run.code).toBe(EXIT_CODES.cannotCreate)
          expect(await readdir(mnt)).toEqual([])
        } finally {
          execFileSync('umount', [mnt])
          await rm(mnt, { recursive: true, force: true })
        }
      },
      60_000
    )
  })
})
