import { beforeEach, describe, expect, it } from 'vitest'
import { BUILTIN_EXPRESSION_DIRECTIONS } from '@shared/engine/expression-directions'
import { createDocument, keyId, seconds, setKey, trackIdFor, type AnimationDocument } from '@shared/timeline'
import {
  commitGenerate,
  openGenerateDialog,
  planGenerate,
  selectionSpan
} from '../../../src/renderer/src/components/generate-plan'
import {
  DEFAULT_GENERATE_FORM,
  useGenerate,
  type SpeechSourceState
} from '../../../src/renderer/src/store/generate-store'
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
    const fear = { emotion: 'fear' as const, onsetSec: 1.5, apexSec: 2, offsetSec: 4.5, intensity: 0.7 }
    const joy = { emotion: 'joy' as const, onsetSec: 1, apexSec: 1.2, offsetSec: 2, intensity: 0.5 }
    const form = { ...DEFAULT_GENERATE_FORM, kind: 'emotion' as const, emotions: [fear] }
    const withIdle = planGenerate(doc, form, [], BUILTIN_EXPRESSION_DIRECTIONS)
    const alone = planGenerate(doc, { ...form, withIdle: false }, [], BUILTIN_EXPRESSION_DIRECTIONS)
    if (!withIdle.ok || !alone.ok) throw new Error('expected plans')
    expect(withIdle.request.settings.idle).not.toBeNull()
    expect(alone.request.settings.idle).toBeNull()
    expect(alone.request.settings.emotions).toEqual([fear])
    // Every block of the emotion timeline becomes an arc; one outside the range is refused, named.
    const both = planGenerate(doc, { ...form, emotions: [fear, joy] }, [], BUILTIN_EXPRESSION_DIRECTIONS)
    if (!both.ok) throw new Error(both.problem)
    expect(both.request.settings.emotions).toEqual([fear, joy])
    const late = { ...joy, onsetSec: 4.5, apexSec: 5, offsetSec: 5.5 }
    expect(planGenerate(doc, { ...form, emotions: [late] }, [], BUILTIN_EXPRESSION_DIRECTIONS)).toEqual({
      ok: false,
      problem: 'The joy block (4.5–5.5 s) lies outside the range (1–5 s): move it inside.'
    })
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
    const backwards = { emotion: 'joy' as const, onsetSec: 3, apexSec: 2, offsetSec: 4, intensity: 1 }
    expect(bad({ kind: 'emotion', emotions: [backwards] })).toContain('onset < apex < offset')
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

  it('generates speech only from the project’s sound once its features are read, on its own', () => {
    const doc = documentWithKeys()
    useStudio.setState({ document: doc, past: [], future: [] })
    const form = { ...DEFAULT_GENERATE_FORM, kind: 'speech' as const, withIdle: false }
    const plan = (speech: SpeechSourceState) =>
      planGenerate(doc, form, [], BUILTIN_EXPRESSION_DIRECTIONS, speech)
    expect(plan({ status: 'none' })).toEqual({
      ok: false,
      problem: expect.stringContaining('no sound: add a voice recording with File ▸ Add Sound…')
    })
    expect(plan({ status: 'loading', key: 'k', name: 'voice.m4a' })).toEqual({
      ok: false,
      problem: 'Reading the speech in voice.m4a…'
    })
    expect(plan({ status: 'failed', key: 'k', name: 'voice.m4a', message: 'It is damaged.' })).toMatchObject({
      ok: false,
      problem: expect.stringContaining('could not be read: It is damaged.')
    })
    // 4 s of speech at the document's rate: voiced from 1.5 s with a syllable peak every 0.25 s.
    const { fps } = doc.settings
    const frames = 4 * fps
    const voiced = Uint8Array.from({ length: frames }, (_, i) => (i >= 1.5 * fps ? 1 : 0))
    const peaks = Array.from({ length: 10 }, (_, k) => Math.round((1.6 + 0.25 * k) * fps))
    const features = {
      fps,
      loudness: Float32Array.from(voiced, (v, i) => (v ? 0.5 + 0.5 * Math.cos(i) ** 2 : 0)),
      voiced,
      brightness: new Float32Array(frames).fill(0.5),
      peaks,
      onsets: [Math.round(1.5 * fps)],
      phraseEnds: [frames - 1]
    }
    const ready = plan({ status: 'ready', key: 'k', name: 'voice.m4a', layer: { features, startSec: 0 } })
    if (!ready.ok) throw new Error(ready.problem)
    expect(ready.request.speech?.features).toBe(features)
    expect(ready.request.settings.idle).toBeNull()
    expect(ready.request.settings.emotions).toEqual([])
    commitGenerate(ready.request)
    const jaw = useStudio
      .getState()
      .document.tracks.find((t) => t.id === trackIdFor('expression', 'jawOpen'))!
    // The mouth moves where the voice is, and not before it (1 s – 1.4 s is silent inside the range).
    const open = (from: number, to: number) =>
      Math.max(0, ...jaw.keys.filter((k) => k.time >= from && k.time <= to).map((k) => k.value))
    expect(open(1.6, 3.5)).toBeGreaterThan(0.2)
    expect(open(1.0, 1.35)).toBeLessThan(0.05)
  })
})
