// `mimesis render … --out curves.csv|json` in its own process: a project's rig curves written and read back, the
// preset's, the --help text, and a refused option. No head is built, so no engine pack is needed.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createProjectFile } from '@shared/project'
import { type RigCurvesJson } from '@shared/export/rig-curves-json'
import { readPortraitSource, saveProjectAtomic } from '../../../src/main/core/project'
import { rigCurveDocument } from '../../support/rig-curve-document'
import { ROOT, runCli } from './run-cli'

const ASTRONAUT = resolve(ROOT, 'test', 'fixtures', 'astronaut.png')

describe('mimesis render to rig curves (its own process)', () => {
  let dir: string
  let project: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimesis-cli-curves-'))
    project = join(dir, 'scene.mimesis')
    await saveProjectAtomic(
      project,
      createProjectFile({
        appVersion: '0.1.0',
        portrait: await readPortraitSource(ASTRONAUT, { embed: true }),
        enginePack: { id: 'mimesis-builtin', version: '1' },
        document: rigCurveDocument(),
        selectedFaceIndex: 0,
        now: new Date()
      })
    )
  })

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('writes a project’s curves as Live Link Face CSV at the project’s frame rate', async () => {
    const out = join(dir, 'curves.csv')
    const run = await runCli(['render', project, '--out', out])
    expect(run.stderr).not.toMatch(/Error/)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^wrote .*curves\.csv: the rig curves of .*scene\.mimesis .*4 frames at 4 fps/)
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n')
    expect(lines).toHaveLength(5)
    const header = lines[0]!.split(',')
    expect(header.slice(0, 3)).toEqual(['Timecode', 'BlendShapeCount', 'EyeBlinkLeft'])
    const smile = header.indexOf('MouthSmileRight')
    expect(lines.slice(1).map((l) => Number(l.split(',')[smile]))).toEqual([0, 0.25, 0.5, 0.75])
    expect(lines[2]!.split(',')[header.indexOf('EyeBlinkLeft')]).toBe('0.5')
  })

  it('--format arkit-json with --fps writes the JSON, and --json describes it', async () => {
    const out = join(dir, 'curves.json')
    const run = await runCli([
      'render',
      project,
      '--format',
      'arkit-json',
      '--fps',
      '8',
      '--out',
      out,
      '--json'
    ])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ kind: 'curves', format: 'arkit-json', fps: 8, frames: 8 })
    const json = JSON.parse(await readFile(out, 'utf8')) as RigCurvesJson
    expect(json.fps).toBe(8)
    expect(json.arkit.frames).toHaveLength(8)
    expect(json.arkit.names).toHaveLength(52)
  })

  it('writes a preset’s curves from a portrait', async () => {
    const out = join(dir, 'preset.csv')
    const run = await runCli(['render', ASTRONAUT, '--preset', 'expressions', '--seconds', '2', '--out', out])
    expect(run.code).toBe(0)
    expect((await readFile(out, 'utf8')).trimEnd().split('\n')).toHaveLength(2 * 30 + 1)
  })

  it('refuses --size for curves (usage) and leaves no file', async () => {
    const out = join(dir, 'refused.csv')
    const run = await runCli(['render', project, '--size', '512', '--out', out])
    expect(run.code).toBe(64)
    expect(run.stderr).toMatch(/--size cannot be used with rig curves/)
    expect(await readdir(dir)).not.toContain('refused.csv')
  })

  it('documents the curves in --help', async () => {
    const run = await runCli(['render', '--help'])
    expect(run.stdout).toMatch(/arkit-csv/)
    expect(run.stdout).toMatch(/Live Link Face's layout/)
  })
})
