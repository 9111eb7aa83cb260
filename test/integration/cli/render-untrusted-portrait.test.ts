// A project whose portrait path names a device must not hang `mimesis render`: it used to hash
// /dev/zero forever, and the first Ctrl-C only printed "cancelling…".
import { existsSync } from 'node:fs'
import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT_CODES } from '../../../src/main/cli/exit-code'
import { ROOT, startCli } from './run-cli'

const FIXTURES = resolve(ROOT, 'test', 'fixtures', 'projects')

describe.skipIf(!existsSync('/dev/zero'))('mimesis render of a project whose portrait is /dev/zero', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-cli-untrusted-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('exits 66 at once with a message that says what the path is and what to do', async () => {
    const project = join(dir, 'p.mimesis')
    await copyFile(join(FIXTURES, 'v1-reference-portrait.mimesis'), project)
    const json = JSON.parse(await readFile(project, 'utf8')) as { portrait: { path: string } }
    json.portrait.path = '/dev/zero'
    await writeFile(project, JSON.stringify(json))
    const { child, done } = startCli(['render', project, '--out', join(dir, 'out.mp4')])
    // Were it to hang again, the process must not outlive the test.
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 20_000)
    const run = await done.finally(() => clearTimeout(watchdog))
    expect(run.stderr).toBe(
      'mimesis: The portrait of this project at /dev/zero is a character device, not a file, so it cannot be read. ' +
        'Locate the image (PNG, JPEG or WebP) to continue.\n'
    )
    expect(run.code).toBe(EXIT_CODES.noInput)
    expect(await readdir(dir)).toEqual(['p.mimesis'])
  }, 30_000)
})
