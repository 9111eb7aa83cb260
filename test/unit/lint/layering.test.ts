import { resolve } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '..', '..', '..')

/** The messages of the layering rule for `code` placed at `path` (relative to the repository). */
async function layeringErrors(path: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT })
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, path) })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('the layering lint rules (docs/architecture.md)', () => {
  it('refuses a domain module that imports the studio or ipc wiring', async () => {
    const errors = await layeringErrors(
      'src/main/core/engine/layering-probe.ts',
      "import { createAvatarSession } from '../studio/avatar-session'\nexport const probe = createAvatarSession\n"
    )
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/never import studio\/ or ipc\//)
    const ipc = await layeringErrors(
      'src/main/core/drive/layering-probe.ts',
      "import { dispatchInvoke } from '../ipc/dispatch'\nexport const probe = dispatchInvoke\n"
    )
    expect(ipc).toHaveLength(1)
  })

  it('lets the studio wiring import the domain modules, and domain modules import shared types', async () => {
    expect(
      await layeringErrors(
        'src/main/core/studio/layering-probe.ts',
        "import { createEngine } from '../engine/engine'\nexport const probe = createEngine\n"
      )
    ).toEqual([])
    expect(
      await layeringErrors(
        'src/main/core/engine/layering-probe.ts',
        "import type { PreviewRequest } from '@shared/ipc/contract'\nexport type Probe = PreviewRequest\n"
      )
    ).toEqual([])
  })

  it('refuses code under src that imports tests, benchmarks or build scripts', async () => {
    const errors = await layeringErrors(
      'src/main/core/render/layering-probe.ts',
      "import { probeVideoFile } from '../../../../test/support/probe-video-file'\nexport const probe = probeVideoFile\n"
    )
    expect(errors.some((m) => /never imports bench\/, build\/ or test\//.test(m))).toBe(true)
  })

  it('refuses electron in the Node core', async () => {
    const errors = await layeringErrors(
      'src/main/core/project/layering-probe.ts',
      "import { app } from 'electron'\nexport const probe = app\n"
    )
    expect(errors.some((m) => /never import electron/.test(m))).toBe(true)
  })

  it('keeps the core process free of electron, and the core and the CLI below it', async () => {
    const electron = await layeringErrors(
      'src/main/core-process/layering-probe.ts',
      "import { utilityProcess } from 'electron'\nexport const probe = utilityProcess\n"
    )
    expect(electron.some((m) => /never import electron/.test(m))).toBe(true)
    const fromCore = await layeringErrors(
      'src/main/core/studio/layering-probe.ts',
      "import { serveCore } from '../../core-process/core-server'\nexport const probe = serveCore\n"
    )
    expect(fromCore.some((m) => /never import core-process/.test(m))).toBe(true)
    const fromCli = await layeringErrors(
      'src/main/cli/layering-probe.ts',
      "import { createCoreProxy } from '../core-process/core-proxy'\nexport const probe = createCoreProxy\n"
    )
    expect(fromCli.some((m) => /never import core-process/.test(m))).toBe(true)
    expect(
      await layeringErrors(
        'src/main/core-process/layering-probe.ts',
        "import { dispatchInvoke } from '../core/ipc/dispatch'\nexport const probe = dispatchInvoke\n"
      )
    ).toEqual([])
  })
})
