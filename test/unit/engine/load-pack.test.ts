import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GraphBuilder } from '../../../build/onnx'
import { type PackManifest } from '@shared/engine/pack-manifest'
import { loadPack } from '../../../src/main/core/engine/load-pack'
import { PackError } from '../../../src/main/core/engine/pack-error'
import { SessionCache, sessionCacheKey } from '../../../src/main/core/engine/session-cache'
import { chooseExecutionProvider } from '../../../src/main/core/inference/execution-provider'

/** A one-node model: x float32 [1, N] -> y = x + x. */
function tinyModel(
  options: { inputName?: string; dtype?: 'float32' | 'int64'; fixed?: boolean } = {}
): Uint8Array {
  const g = new GraphBuilder('tiny')
  const dtype = options.dtype ?? 'float32'
  const shape = [1, options.fixed ? 4 : 'N']
  const x = g.input(options.inputName ?? 'x', dtype, shape)
  g.output(g.op('Add', [x, x]), 'y', dtype, shape)
  return g.toBytes()
}

function manifest(overrides: Partial<PackManifest> = {}): PackManifest {
  const stage = {
    file: 'gen.onnx',
    inputs: [{ name: 'x', dtype: 'float32' as const, shape: [1, 'N'] }],
    outputs: [{ name: 'y', dtype: 'float32' as const, shape: [1, 'N'] }]
  }
  return {
    formatVersion: 1,
    id: 'test-pack',
    name: 'Test pack',
    version: '1.0.0',
    license: 'Apache-2.0',
    stages: { generator: stage, renderer: { ...stage, file: 'ren.onnx' } },
    expression: { directions: [{ name: 'jawOpen', label: 'Jaw open', region: 'jaw' }] },
    ...overrides
  }
}

let root: string
let counter = 0

async function makePack(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = join(root, `pack-${counter++}`)
  await mkdir(dir, { recursive: true })
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content)
  return dir
}

async function packError(dir: string): Promise<PackError> {
  try {
    await loadPack(dir)
  } catch (error) {
    if (error instanceof PackError) return error
    throw error
  }
  throw new Error('loadPack accepted a malformed pack')
}

const goodFiles = (): Record<string, string | Uint8Array> => ({
  'manifest.json': JSON.stringify(manifest(), null, 2),
  'gen.onnx': tinyModel(),
  'ren.onnx': tinyModel()
})

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mimesis-packs-'))
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('loadPack', () => {
  it('loads a well-formed pack', async () => {
    const dir = await makePack(goodFiles())
    const pack = await loadPack(dir)
    expect(pack.manifest.id).toBe('test-pack')
    expect(pack.stageFiles.generator).toBe(join(dir, 'gen.onnx'))
    expect(pack.stageFiles.encoder).toBeUndefined()
  })

  it('names a missing manifest', async () => {
    const dir = await makePack({ 'gen.onnx': tinyModel() })
    const error = await packError(dir)
    expect(error.file).toBe(join(dir, 'manifest.json'))
    expect(error.message).toMatch(/missing/)
  })

  it('gives the line and column of bad JSON', async () => {
    const dir = await makePack({ ...goodFiles(), 'manifest.json': '{\n  "id": "x",\n  "name": }\n' })
    const error = await packError(dir)
    expect(error.file).toBe(join(dir, 'manifest.json'))
    expect(error.message).toMatch(/invalid JSON at line 3, column 11/)
  })

  it('reports truncated JSON at its end', async () => {
    const dir = await makePack({ ...goodFiles(), 'manifest.json': '{\n  "id": "x",' })
    const error = await packError(dir)
    expect(error.message).toMatch(/invalid JSON at line 2/)
  })

  it('gives the schema path of a wrong field', async () => {
    const bad = manifest()
    const json = JSON.parse(JSON.stringify(bad)) as Record<string, unknown>
    ;(json.stages as { generator: { inputs: { dtype: string }[] } }).generator.inputs[0]!.dtype = 'float33'
    const dir = await makePack({ ...goodFiles(), 'manifest.json': JSON.stringify(json) })
    const error = await packError(dir)
    expect(error.message).toMatch(/stages\.generator\.inputs\[0\]\.dtype/)
  })

  it('names missing required fields', async () => {
    const json = JSON.parse(JSON.stringify(manifest())) as Record<string, unknown>
    delete json.license
    delete (json.stages as Record<string, unknown>).renderer
    const dir = await makePack({ ...goodFiles(), 'manifest.json': JSON.stringify(json) })
    const error = await packError(dir)
    expect(error.message).toMatch(/license/)
    expect(error.message).toMatch(/stages\.renderer/)
  })

  it('rejects duplicate direction names and stage files outside the pack', async () => {
    const m = manifest({
      expression: {
        directions: [
          { name: 'smile', label: 'Smile', region: 'mouth' },
          { name: 'smile', label: 'Smile again', region: 'mouth' }
        ]
      }
    })
    const dir = await makePack({ ...goodFiles(), 'manifest.json': JSON.stringify(m) })
    expect((await packError(dir)).message).toMatch(
      /expression\.directions\[1\]\.name: duplicate direction name "smile"/
    )
    const m2 = manifest()
    m2.stages.generator.file = '../gen.onnx'
    const dir2 = await makePack({ ...goodFiles(), 'manifest.json': JSON.stringify(m2) })
    expect((await packError(dir2)).message).toMatch(/stages\.generator\.file/)
  })

  it('rejects a direction that carries an unknown direction, or itself', async () => {
    const m = manifest({
      expression: {
        directions: [
          {
            name: 'smile',
            label: 'Smile',
            region: 'mouth',
            carries: [{ direction: 'cheekRaise', atFull: 0.4 }]
          },
          {
            name: 'squint',
            label: 'Squint',
            region: 'eyes',
            carries: [{ direction: 'squint', atFull: 0.2 }]
          }
        ]
      }
    })
    const message = (await packError(await makePack({ ...goodFiles(), 'manifest.json': JSON.stringify(m) })))
      .message
    expect(message).toMatch(
      /expression\.directions\[0\]\.carries\[0\]\.direction: "cheekRaise" is not a direction of this pack/
    )
    expect(message).toMatch(
      /expression\.directions\[1\]\.carries\[0\]\.direction: direction "squint" cannot carry itself/
    )
  })

  it('names a missing stage file', async () => {
    const files = goodFiles()
    delete files['ren.onnx']
    const dir = await makePack(files)
    const error = await packError(dir)
    expect(error.file).toBe(join(dir, 'ren.onnx'))
    expect(error.message).toMatch(/missing: the manifest's stages\.renderer\.file/)
  })

  it('names a file that is not ONNX', async () => {
    const dir = await makePack({ ...goodFiles(), 'gen.onnx': 'not a model' })
    const error = await packError(dir)
    expect(error.file).toBe(join(dir, 'gen.onnx'))
    expect(error.message).toMatch(/not a loadable ONNX model/)
  })

  it('names both input lists when the names differ', async () => {
    const dir = await makePack({ ...goodFiles(), 'gen.onnx': tinyModel({ inputName: 'features' }) })
    const error = await packError(dir)
    expect(error.file).toBe(join(dir, 'gen.onnx'))
    expect(error.message).toMatch(/manifest has \[x\], the model has \[features\]/)
  })

  it('names both dtypes when they differ', async () => {
    const dir = await makePack({ ...goodFiles(), 'ren.onnx': tinyModel({ dtype: 'int64' }) })
    const error = await packError(dir)
    expect(error.file).toBe(join(dir, 'ren.onnx'))
    expect(error.message).toMatch(
      /input "x" \(stages\.renderer\.inputs\): dtype float32 in the manifest, int64 in the model/
    )
  })

  it('names both shapes when a symbolic axis is fixed in the model', async () => {
    const dir = await makePack({ ...goodFiles(), 'gen.onnx': tinyModel({ fixed: true }) })
    const error = await packError(dir)
    expect(error.message).toMatch(/axis 1 is symbolic "N" in the manifest but fixed 4 in the model/)
  })

  it('names both shapes when the rank differs', async () => {
    const m = manifest()
    m.stages.generator.outputs[0]!.shape = [1, 'N', 3]
    const dir = await makePack({ ...goodFiles(), 'manifest.json': JSON.stringify(m) })
    const error = await packError(dir)
    expect(error.message).toMatch(/output "y".*rank 3.*\[1, N\] has rank 2/)
  })
})

describe('execution providers and the session cache', () => {
  it('falls back to CPU with a logged reason', () => {
    const logged: string[] = []
    const chosen = chooseExecutionProvider('dml', { available: ['cpu'], log: (m) => logged.push(m) })
    expect(chosen.provider).toBe('cpu')
    expect(chosen.fallbackReason).toMatch(/'dml' is not available/)
    expect(logged).toHaveLength(1)
    expect(chooseExecutionProvider('cuda', { available: ['cpu', 'cuda'] }).provider).toBe('cuda')
    expect(chooseExecutionProvider('cpu', { available: [] }).fallbackReason).toBeNull()
  })

  it('caches one session per pack id, version, stage and provider', async () => {
    const dir = await makePack(goodFiles())
    const pack = await loadPack(dir, { verifySessions: false })
    const cache = new SessionCache()
    const a = await cache.get(pack, 'generator')
    const b = await cache.get(pack, 'generator')
    expect(a.session).toBe(b.session)
    const logged: string[] = []
    const c = await cache.get(pack, 'generator', { provider: 'coreml', log: (m) => logged.push(m) })
    expect(c.provider).toBe('cpu')
    expect(c.fallbackReason).toMatch(/coreml/)
    expect(logged.length).toBe(1)
    expect(cache.size).toBe(2)
    expect(sessionCacheKey(pack, 'generator', 'cpu', 2)).toBe('test-pack@1.0.0/generator/cpu/2')
    expect(sessionCacheKey(pack, 'generator', 'cpu', 2, true)).toBe('test-pack@1.0.0/generator/cpu/2/spin')
    await cache.release('test-pack')
    expect(cache.size).toBe(0)
  })
})
