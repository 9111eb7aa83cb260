// A project names its portrait by path, so the path is untrusted: /dev/zero or /dev/urandom never end
// and a FIFO blocks its reader until someone writes. Before these checks, loading such a project hashed
// forever and hung the app. Every read of such a path must check it is a regular file and cap its size.
import { execFileSync } from 'node:child_process'
import { closeSync, constants, existsSync, openSync } from 'node:fs'
import { copyFile, readFile, truncate, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  MAX_PORTRAIT_BYTES,
  NotAFileError,
  PortraitMissingError,
  loadProject,
  readPortraitSource,
  readProjectAudio,
  sha256File
} from '../../../src/main/core/project'
import { exitCodeFor } from '../../../src/main/cli/exit-code'
import { useTempDirs } from './temp-dir'

const FIXTURES = resolve(__dirname, '../../fixtures/projects')
const tempDir = useTempDirs()

/** A copy of a fixture project whose referenced portrait is at `portraitPath`. */
async function projectPointingAt(dir: string, portraitPath: string): Promise<string> {
  const path = join(dir, 'p.mimesis')
  await copyFile(join(FIXTURES, 'v1-reference-portrait.mimesis'), path)
  const project = JSON.parse(await readFile(path, 'utf8')) as { portrait: { path: string } }
  project.portrait.path = portraitPath
  await writeFile(path, JSON.stringify(project))
  return path
}

/** A FIFO in `dir` (mkfifo), or null where there is none (then the caller skips, saying why). */
function makeFifo(dir: string): string | null {
  const path = join(dir, 'portrait.png')
  try {
    execFileSync('mkfifo', [path], { stdio: 'ignore' })
    return path
  } catch {
    return null
  }
}

/** Lets a reader stuck opening `fifo` go (it sees an empty file), so a failing test cannot leave it hung. */
function releaseFifo(fifo: string): void {
  try {
    closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK))
  } catch {
    // nobody was reading: nothing to release
  }
}

const devices = ['/dev/zero', '/dev/urandom'].filter((path) => existsSync(path))

describe('paths named by a project are read only as regular files of bounded size', () => {
  it.skipIf(devices.length === 0)(
    'a portrait at /dev/zero or /dev/urandom: a clear error at once, no hang',
    async () => {
      for (const device of devices) {
        const project = await projectPointingAt(await tempDir(), device)
        const error: unknown = await loadProject(project).catch((e: unknown) => e)
        expect(error).toBeInstanceOf(NotAFileError)
        expect(error).toMatchObject({ code: 'NOT_A_FILE', kind: 'a character device', path: device })
        expect((error as Error).message).toBe(
          `The portrait of this project at ${device} is a character device, not a file, so it cannot be read. ` +
            'Locate the image (PNG, JPEG or WebP) to continue.'
        )
        // The command line exits 66 (input missing), as for a missing portrait.
        expect(exitCodeFor(error)).toBe(66)
      }
    },
    10_000
  )

  it('a portrait that is a FIFO: refused without waiting for a writer', async (ctx) => {
    const dir = await tempDir()
    const fifo = makeFifo(dir)
    if (fifo == null) {
      console.warn('skipped the FIFO case: mkfifo is not available on this platform')
      return ctx.skip()
    }
    try {
      const error: unknown = await loadProject(await projectPointingAt(dir, fifo)).catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'NOT_A_FILE', kind: 'a named pipe (FIFO)' })
      expect((error as Error).message).toContain('Locate the image')
      // Relinking to it, or choosing it as a new portrait, is refused the same way.
      await expect(readPortraitSource(fifo, { embed: true })).rejects.toMatchObject({ code: 'NOT_A_FILE' })
      await expect(
        readProjectAudio({ path: fifo, fileName: 'a.m4a', startSec: 0, muted: false })
      ).rejects.toMatchObject({ code: 'NOT_A_FILE' })
    } finally {
      releaseFifo(fifo)
    }
  }, 10_000)

  it('a project file that is a FIFO or a device is refused too', async (ctx) => {
    if (devices.length > 0) {
      await expect(loadProject('/dev/zero')).rejects.toMatchObject({
        code: 'NOT_A_FILE',
        message: expect.stringMatching(/^The project \/dev\/zero is a character device, not a file/)
      })
    }
    const fifo = makeFifo(await tempDir())
    if (fifo == null) return ctx.skip()
    try {
      await expect(loadProject(fifo)).rejects.toMatchObject({ code: 'NOT_A_FILE' })
    } finally {
      releaseFifo(fifo)
    }
  }, 10_000)

  it('a portrait larger than the limit is refused before it is read', async () => {
    const dir = await tempDir()
    const huge = join(dir, 'huge.png')
    await writeFile(huge, '')
    await truncate(huge, MAX_PORTRAIT_BYTES + 1024 * 1024) // sparse: no disk space used
    const error: unknown = await loadProject(await projectPointingAt(dir, huge)).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'FILE_TOO_LARGE', sizeBytes: MAX_PORTRAIT_BYTES + 1024 * 1024 })
    expect((error as Error).message).toMatch(
      /is 257 MiB, more than the 256 MiB it may have\. Locate the image/
    )
    expect(exitCodeFor(error)).toBe(65)
    await expect(readPortraitSource(huge, { embed: false })).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' })
  })

  it('a folder where the portrait was is still reported as a missing portrait', async () => {
    const dir = await tempDir()
    const error: unknown = await loadProject(await projectPointingAt(dir, dir)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PortraitMissingError)
  })

  it('sha256File hashes regular files as before', async () => {
    const dir = await tempDir()
    const file = join(dir, 'a.txt')
    await writeFile(file, 'abc')
    expect(await sha256File(file)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    await expect(
      sha256File(file, { what: 'The file', maxBytes: 2, remedy: 'Choose another.' })
    ).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' })
  })
})
