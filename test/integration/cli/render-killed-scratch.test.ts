// A render killed with SIGKILL cannot clean up its scratch folder (issue 21); the next `mimesis` start sweeps
// such folders once they are an hour old and their process is gone. TMPDIR points the CLI at a folder of
// the test's own, so nothing of anyone else's is touched.
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, runCli, startCli } from './run-cli'

const SCRATCH = /^mimesis-render-\d+-[A-Za-z0-9]{6}$/

async function scratchFolders(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => SCRATCH.test(name))
}

describe('scratch folders of a killed render', () => {
  let dir: string
  let project: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-killed-'))
    const portrait = await readFile(join(ROOT, 'test/fixtures/astronaut.png'))
    const json = JSON.parse(
      await readFile(join(ROOT, 'test/fixtures/projects/v2-embedded-portrait.mimesis'), 'utf8')
    ) as Record<string, unknown>
    json.portrait = {
      kind: 'embedded',
      mime: 'image/png',
      dataBase64: portrait.toString('base64'),
      sha256: createHash('sha256').update(portrait).digest('hex'),
      fileName: 'astronaut.png'
    }
    project = join(dir, 'embedded.mimesis')
    await writeFile(project, JSON.stringify(json))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('are left by SIGKILL and swept at the next start once stale', async () => {
    const { child, done } = startCli(['render', project, '--size', '64', '--out', join(dir, 'out.mp4')], {
      TMPDIR: dir
    })
    const deadline = Date.now() + 50_000
    while ((await scratchFolders(dir)).length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    child.kill('SIGKILL')
    await done
    const left = await scratchFolders(dir)
    expect(left).toHaveLength(1)

    // Within the hour it is kept (a render may still be running under that pid's successor); then swept.
    await runCli(['--version'], { TMPDIR: dir })
    expect(await scratchFolders(dir)).toEqual(left)
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000)
    await utimes(join(dir, left[0]!), twoHoursAgo, twoHoursAgo)
    const run = await runCli(['--version'], { TMPDIR: dir })
    expect(run.code).toBe(0)
    expect(await scratchFolders(dir)).toEqual([])
  })
})
