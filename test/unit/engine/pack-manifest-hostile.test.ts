// The pack manifest loader on what its fuzzer (test/support/fuzz) and issue 21 name: lists of 200,000 broken
// entries are refused by the first one or by their length, quickly, with a PackError (a MimesisError) of a
// bounded message; before, a tensor shape of 200,000 entries overflowed zod's stack (RangeError).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MAX_MESSAGE_CHARS } from '@shared/text/bound-text'
import { MimesisError } from '@shared/errors/mimesis-error'
import { parseManifest } from '../../../src/main/core/engine/load-pack'

type Manifest = Record<string, never> & {
  stages: { generator: { inputs: { shape: unknown[] }[] } }
  expression: { directions: unknown[] }
  metadata: unknown
  assets: unknown
}
const MANIFEST = readFileSync(join(__dirname, '../../../resources/packs/builtin/manifest.json'), 'utf8')

function refusal(breakIt: (manifest: Manifest) => void): { message: string; ms: number } {
  const manifest = JSON.parse(MANIFEST) as Manifest
  breakIt(manifest)
  const text = JSON.stringify(manifest)
  const start = performance.now()
  try {
    parseManifest('manifest.json', text)
  } catch (error) {
    expect(error).toBeInstanceOf(MimesisError)
    const { message } = error as Error
    expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS)
    return { message, ms: performance.now() - start }
  }
  throw new Error('expected the manifest to be refused')
}

const many = (item: unknown): unknown[] => new Array<unknown>(200_000).fill(item)
const manyEntries = (value: unknown): Record<string, unknown> =>
  Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, value]))

describe('a pack manifest with 200,000 broken entries', () => {
  it('in a tensor shape', () => {
    const { message, ms } = refusal((m) => (m.stages.generator.inputs[0]!.shape = many({})))
    expect(message).toMatch(/stages\.generator\.inputs\[0\]\.shape/)
    expect(ms).toBeLessThan(2000)
  })

  it('in the expression directions', () => {
    const { message, ms } = refusal((m) => (m.expression.directions = many({})))
    expect(message).toMatch(/expression\.directions/)
    expect(ms).toBeLessThan(2000)
  })

  it('in the metadata and the assets', () => {
    for (const breakIt of [
      (m: Manifest) => (m.metadata = manyEntries({})),
      (m: Manifest) => (m.assets = manyEntries(1))
    ]) {
      const { message, ms } = refusal(breakIt)
      expect(message).toMatch(/at most 1000 entries/)
      expect(ms).toBeLessThan(2000)
    }
  })
})
