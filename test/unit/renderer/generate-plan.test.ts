import { beforeEach, describe, expect, it } from 'vitest'
import { BUILTIN_EXPRESSION_DIRECTIONS } from '@shared/engine/expression-directions'
import { createDocument, keyId, seconds, setKey, trackIdFor, type AnimationDocument } from '@shared/timeline'
import {
  commitGenerate,
  openGenerateDialog,
  planGenerate,
  selectionSpan
} from '../../../src/renderer/src/components/generate-plan'
import { DEFAULT_GENERATE_FORM, useGenerate } from '../../../src/renderer/src/store/generate-store'
import { useStudio } from '../../../src/renderer/src/store/studio-store'

const initial = useStudio.getState()
const initialGenerate = useGenerate.getState()
const SMILE = trackIdFor('expression', 'smile')
const PUCKER = trackIdFor('expression', 'pucker')

function documentWithKeys(): AnimationDocument {
  let doc = createDocument({
    expressionNames: BUILTIN_EXPRESSION_DIRECTIONS.map((d) => d.name),
    settings: { durationSec: seconds(8), workArea: { in: seconds(1), out: seconds(5) } }
  })
  doc = setKey(doc, SMILE, seconds(0.5), 0.4, { newKeyId: () => keyId('before') }).document
  doc = setKey(doc, SMILE, seconds(3), 0.9, { newKeyId: () => keyId('inside') }).document
  doc = setKey(doc, PUCKER, seconds(2), 0.3, { newKeyId: () => keyId('pucker') }).document
  return doc
}

beforeEach(() => {
  useStudio.setState(initial, true)
  useGenerate.setState(initialGenerate, true)
})

describe('the Generate dialog’s plan', () => {
  it('generates idle life over the work area as one undo step that undo takes out whole', () => {
    const doc = documentWithKeys()
    useStudio.setState({ document: doc, past: [], future: [] })
    const plan = planGenerate(doc, DEFAULT_GENERATE_FORM, [], BUILTIN_EXPRESSION_DIRECTIONS)
    if (!plan.ok) throw new Error(plan.problem)
    expect(plan.request.range).toEqual({ from: 1, to: 5 })
    const keys = commitGenerate(plan.request)
    expect(keys).toBeGreaterThan(20)
    const after = useStudio.getState()
    expect(after.past).toEqual([doc])
    const smile = after.document.tracks.find((t) => t.id === SMILE)!
    expect(smile.keys.some((k) => k.id === keyId('before'))).toBe(true)
    expect(smile.keys.some((k) => k.id === keyId('inside'))).toBe(false)
    // Pucker is not an idle-life track: untouched.
    expect(after.document.tracks.find((t) => t.id === PUCKER)).toBe(doc.tracks.find((t) => t.id === PUCKER))
    after.undo()
    expect(useStudio.getState().document).toBe(doc)
    expect(useStudio.getState().past).toHaveLength(0)
  })

  it('builds an emotion request, with idle life under it when asked', () => {
    const doc = documentWithKeys()
    const form = {
      ...DEFAULT_GENERATE_FORM,
      kind: 'emotion' as const,
      emotion: 'fear' as const,
      onsetSec: 1.5,
      apexSec: 2,
      offsetSec: 4.5
    }
    const withIdle = planGenerate(doc, form, [], BUILTIN_EXPRESSION_DIRECTIONS)
    const alone = planGenerate(doc, { ...form, withIdle: false }, [], BUILTIN_EXPRESSION_DIRECTIONS)
    if (!withIdle.ok || !alone.ok) throw new Error('expected plans')
    expect(withIdle.request.settings.idle).not.toBeNull()
    expect(alone.request.settings.idle).toBeNull()
    expect(alone.request.settings.emotions).toEqual([
      {
        emotion: 'fear',
        onsetSec: 1.5,
        apexSec: 2,
        offsetSec: 4.5,
        intensity: DEFAULT_GENERATE_FORM.intensity
      }
    ])
  })

  it('says what is wrong instead of generating', () => {
    const doc = documentWithKeys()
    const bad = (patch: Partial<typeof DEFAULT_GENERATE_FORM>) => {
      const plan = planGenerate(
        doc,
        { ...DEFAULT_GENERATE_FORM, ...patch },
        [],
        BUILTIN_EXPRESSION_DIRECTIONS
      )
      return plan.ok ? null : plan.problem
    }
    expect(bad({ range: 'selection' })).toContain('Select keys')
    expect(bad({ range: 'custom', from: 2, to: 12 })).toContain('within the animation')
    expect(bad({ seed: Number.NaN })).toContain('seed')
    expect(bad({ kind: 'emotion', onsetSec: 3, apexSec: 2, offsetSec: 4 })).toContain('onset < apex < offset')
  })

  it('spans the selected keys', () => {
    const doc = documentWithKeys()
    const refs = [
      { trackId: SMILE, keyId: keyId('before') },
      { trackId: PUCKER, keyId: keyId('pucker') }
    ]
    expect(selectionSpan(doc, refs)).toEqual({ from: 0.5, to: 2 })
    expect(selectionSpan(doc, refs.slice(0, 1))).toBeNull()
  })

  it('opens only with a portrait, with times from the range', () => {
    expect(openGenerateDialog([])).toBe(false)
    expect(useGenerate.getState().open).toBe(false)
    expect(useStudio.getState().notice?.text).toContain('Open a portrait first')
  })

  it('draws a new seed', () => {
    useGenerate.getState().newSeed(() => 0.5)
    expect(useGenerate.getState().form.seed).toBe(2 ** 31)
  })
})
