// `mimesis analyze --overlay` to a place it cannot write (issue 21): a clear message and exit 73 before the
// analysis, nothing under the overlay's name; a written overlay arrives whole (temp file + rename).
import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT_CODES } from '../../../src/main/cli/exit-code'
import { ROOT, runCli } from './run-cli'

const ASTRONAUT = join(ROOT, 'test/fixtures/astronaut.png')
const isRoot = process.getuid?.() === 0

describe('mimesis analyze --overlay', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-overlay-'))
    await writeFile(join(dir, 'a-file'), 'x')
  })
  afterAll(async () => {
    await chmod(join(dir, 'read-only'), 0o755).catch(() => undefined)
    await rm(dir, { recursive: true, force: true })
  })

  async function expectRefused(overlay: string, says: RegExp): Promise<void> {
    const run = await runCli(['analyze', ASTRONAUT, '--overlay', overlay])
    expect(run.code, run.stderr).toBe(EXIT_CODES.cannotCreate)
    expect(run.stderr).toMatch(says)
    expect(run.stderr).not.toMatch(/\n\s+at |ENOENT|ENOTDIR/)
    expect(run.stdout).toBe('')
    expect(existsSync(overlay)).toBe(false)
  }

  it('to a folder that does not exist', async () => {
    await expectRefused(join(dir, 'missing', 'mesh.png'), /the folder .*missing does not exist/)
  })

  it('to a path under a regular file', async () => {
    await expectRefused(join(dir, 'a-file', 'mesh.png'), /a-file is not a folder/)
  })

  it.skipIf(isRoot)('to a read-only folder', async () => {
    await mkdir(join(dir, 'read-only'))
    await chmod(join(dir, 'read-only'), 0o555)
    await expectRefused(join(dir, 'read-only', 'mesh.png'), /is not writable/)
  })

  it('writes the overlay whole, with no temporary file left beside it', async () => {
    await mkdir(join(dir, 'ok'))
    const overlay = join(dir, 'ok', 'mesh.png')
    const run = await runCli(['analyze', ASTRONAUT, '--overlay', overlay])
    expect(run.code, run.stderr).toBe(0)
    expect(await readdir(join(dir, 'ok'))).toEqual(['mesh.png'])
    expect((await sharp(overlay).metadata()).width).toBe(512)
  })
})
