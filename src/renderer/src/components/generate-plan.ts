// From the Generate dialog's form to one generator request, and the request baked as one undo step.
import {
  generateIntoDocument,
  rangeProblem,
  settingsProblem,
  type GenerateRange,
  type GenerateRequest
} from '@shared/generate'
import { existingKeyRefs, findKey, type AnimationDocument, type KeyRef } from '@shared/timeline'
import type { DirectionInfo } from '../store/direction-catalog'
import { fitBlocks } from './emotion-blocks'
import { useGenerate, type GenerateForm, type SpeechSourceState } from '../store/generate-store'
import { useStudio } from '../store/studio-store'

/** The time span of the selected keys, or null when they cover less than two frames. */
export function selectionSpan(
  document: AnimationDocument,
  selected: readonly KeyRef[]
): GenerateRange | null {
  const times = existingKeyRefs(document, selected).map((ref) => findKey(document, ref)!.time as number)
  if (times.length < 2) return null
  const span = { from: Math.min(...times), to: Math.max(...times) }
  return (span.to - span.from) * document.settings.fps >= 2 - 1e-6 ? span : null
}

/** The range the form names: the work area, the selected keys' span, or its own times. */
export function formRange(
  document: AnimationDocument,
  form: GenerateForm,
  selected: readonly KeyRef[]
): GenerateRange | null {
  if (form.range === 'workArea') {
    const { workArea } = document.settings
    return { from: workArea.in, to: workArea.out }
  }
  if (form.range === 'selection') return selectionSpan(document, selected)
  return { from: form.from, to: form.to }
}

/** The emotion blocks for a range: kept where they fit in it, else one block over it (see fitBlocks). */
export function emotionsFor(
  form: Pick<GenerateForm, 'emotions' | 'selectedEmotion'>,
  range: GenerateRange
): Pick<GenerateForm, 'emotions' | 'selectedEmotion'> {
  const emotions = fitBlocks(form.emotions, range)
  return { emotions, selectedEmotion: Math.min(form.selectedEmotion, emotions.length - 1) }
}

export type GeneratePlan = { ok: true; request: GenerateRequest } | { ok: false; problem: string }

/** Why *Speech* cannot run with the sound as it stands, or null when its features are ready. */
function speechProblem(speech: SpeechSourceState): string | null {
  switch (speech.status) {
    case 'none':
      return 'The project has no sound: add a voice recording with File ▸ Add Sound…, then generate speech.'
    case 'loading':
      return `Reading the speech in ${speech.name}…`
    case 'failed':
      return `The sound ${speech.name} could not be read: ${speech.message}`
    case 'ready':
      return null
  }
}

/** The request the form asks for, or what is wrong with it in words. */
export function planGenerate(
  document: AnimationDocument,
  form: GenerateForm,
  selected: readonly KeyRef[],
  directions: readonly DirectionInfo[],
  speech: SpeechSourceState = { status: 'none' },
  /** This face's share of generated motion by direction (AvatarInfo.motionScale). */
  amplitudes?: Readonly<Record<string, number>>
): GeneratePlan {
  const range = formRange(document, form, selected)
  if (!range)
    return { ok: false, problem: 'Select keys that span at least two frames, or choose another range.' }
  if (form.kind === 'emotion') {
    const outside = form.emotions.find(
      (arc) => arc.onsetSec < range.from - 1e-6 || arc.offsetSec > range.to + 1e-6
    )
    if (outside) {
      return {
        ok: false,
        problem: `The ${outside.emotion} block (${outside.onsetSec}–${outside.offsetSec} s) lies outside the range (${range.from}–${range.to} s): move it inside.`
      }
    }
  }
  if (form.kind === 'speech') {
    const problem = speechProblem(speech)
    if (problem) return { ok: false, problem }
  }
  const settings = {
    seed: form.seed,
    idle: form.kind === 'idle' || form.withIdle ? form.idle : null,
    emotions: form.kind === 'emotion' ? form.emotions : []
  }
  const { fps, durationSec } = document.settings
  const layer = form.kind === 'speech' && speech.status === 'ready' ? speech.layer : null
  const problem = settingsProblem(settings, layer !== null) ?? rangeProblem(range, durationSec, fps)
  if (problem) return { ok: false, problem }
  const request = {
    settings,
    range,
    directions,
    ...(layer ? { speech: layer } : {}),
    ...(amplitudes ? { amplitudes } : {})
  }
  return { ok: true, request }
}

/** Generates into the studio's document as one undo step; the number of keys written. */
export function commitGenerate(request: GenerateRequest): number {
  let keys = 0
  useStudio.getState().commit(
    (document) => {
      const outcome = generateIntoDocument(document, request)
      keys = outcome.keys
      return outcome.document
    },
    { history: true }
  )
  return keys
}

/**
 * Opens the Generate dialog with the custom range and the emotion's times set from the range it will
 * use. False (with a notice) until a portrait is open.
 */
export function openGenerateDialog(selected: readonly KeyRef[]): boolean {
  const studio = useStudio.getState()
  if (studio.portrait.kind !== 'ready') {
    studio.showNotice({
      tone: 'info',
      text: 'Open a portrait first: generated motion is keyed on its animation.'
    })
    return false
  }
  const { document } = studio
  const state = useGenerate.getState()
  const range =
    state.form.range === 'selection' && !selectionSpan(document, selected) ? 'workArea' : state.form.range
  const { workArea } = document.settings
  const span = formRange(document, { ...state.form, range }, selected) ?? {
    from: workArea.in,
    to: workArea.out
  }
  state.openDialog({
    range,
    ...(range === 'custom' ? {} : { from: span.from, to: span.to }),
    ...emotionsFor(state.form, span)
  })
  return true
}
