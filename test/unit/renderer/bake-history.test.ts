import { describe, expect, it } from 'vitest'
import type { FileRef } from '@shared/ipc/contract'
import { createDocument } from '@shared/timeline'
import { createBakeHistory } from '../../../src/renderer/src/components/bake-history'

const file: FileRef = { token: 'b'.repeat(24), name: 'driver.m4a', sizeBytes: 100 }
const doc = () => createDocument({ expressionNames: ['smile'] })

describe('bake history: what a bake changes outside the document', () => {
  it('remembers the sound and the offset before and after each bake', () => {
    const history = createBakeHistory()
    const [d0, d1, d2] = [doc(), doc(), doc()]
    const audio = { file, startSec: 0, muted: false }
    history.remember(d0, { audio: null, bakeOffsetSec: 0 }, d1, { audio, bakeOffsetSec: 0 })
    expect(history.effectsFor(d0)).toEqual({ audio: null, bakeOffsetSec: 0 })
    expect(history.effectsFor(d1)?.audio).toBe(audio)
    expect(history.effectsFor(d2)).toBeUndefined()
  })

  it('a document an earlier bake made keeps that record when a later bake starts from it', () => {
    const history = createBakeHistory()
    const [d0, d1, d2] = [doc(), doc(), doc()]
    const first = { file, startSec: 0, muted: false }
    const second = { file, startSec: 3, muted: false }
    history.remember(d0, { audio: null, bakeOffsetSec: 0 }, d1, { audio: first, bakeOffsetSec: 0 })
    // The second bake started while the sound was muted; undoing it still lands on the first bake's.
    history.remember(d1, { audio: { ...first, muted: true }, bakeOffsetSec: 0 }, d2, {
      audio: second,
      bakeOffsetSec: 3
    })
    expect(history.effectsFor(d1)?.audio).toBe(first)
    expect(history.effectsFor(d2)).toEqual({ audio: second, bakeOffsetSec: 3 })
  })
})
