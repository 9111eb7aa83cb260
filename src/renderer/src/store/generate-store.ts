// The Generate dialog's state: what to generate, its parameters, seed and range. Never in undo history,
// never saved; the keys it writes go through useStudio's `commit` as one undo step.
import { create } from 'zustand'
import {
  DEFAULT_IDLE,
  MAX_SEED,
  type EmotionArc,
  type IdleLifeParams,
  type SpeechLayer
} from '@shared/generate'

export type GenerateKind = 'idle' | 'emotion' | 'speech'
export type GenerateRangeChoice = 'workArea' | 'selection' | 'custom'

export interface GenerateForm {
  kind: GenerateKind
  idle: IdleLifeParams
  /** The emotion timeline's blocks, document seconds (as typed: validated on generate). */
  emotions: EmotionArc[]
  /** The block the fields edit. */
  selectedEmotion: number
  /** Emotion or speech: idle life under it as well. */
  withIdle: boolean
  seed: number
  range: GenerateRangeChoice
  /** The custom range, document seconds. */
  from: number
  to: number
}

/**
 * What *Speech* reads: the project's sound's features on the document's frames, fetched from the core when the
 * dialog asks for speech (`key`: the sound's token, its start and the frame rate they were read for).
 */
export type SpeechSourceState =
  | { status: 'none' }
  | { status: 'loading'; key: string; name: string }
  | { status: 'failed'; key: string; name: string; message: string }
  | { status: 'ready'; key: string; name: string; layer: SpeechLayer }

export interface GenerateState {
  open: boolean
  form: GenerateForm
  speech: SpeechSourceState
  setSpeech(speech: SpeechSourceState): void
  openDialog(defaults: Partial<GenerateForm>): void
  closeDialog(): void
  setForm(patch: Partial<GenerateForm>): void
  setIdle(patch: Partial<IdleLifeParams>): void
  /** Changes one emotion block. */
  setEmotion(index: number, patch: Partial<EmotionArc>): void
  /** Adds a block and selects it. */
  addEmotion(arc: EmotionArc): void
  /** Removes a block (the last one stays: an emotion needs one). */
  removeEmotion(index: number): void
  selectEmotion(index: number): void
  /** A fresh seed from `random` (0 … 1), so the next Generate gives other motion. */
  newSeed(random?: () => number): void
}

export const DEFAULT_GENERATE_FORM: GenerateForm = {
  kind: 'idle',
  idle: DEFAULT_IDLE,
  emotions: [{ emotion: 'joy', onsetSec: 0, apexSec: 0, offsetSec: 0, intensity: 0.8 }],
  selectedEmotion: 0,
  withIdle: true,
  seed: 1,
  range: 'workArea',
  from: 0,
  to: 0
}

export const useGenerate = create<GenerateState>()((set) => ({
  open: false,
  form: DEFAULT_GENERATE_FORM,
  speech: { status: 'none' },
  setSpeech: (speech) => set({ speech }),
  openDialog: (defaults) => set((state) => ({ open: true, form: { ...state.form, ...defaults } })),
  closeDialog: () => set({ open: false }),
  setForm: (patch) => set((state) => ({ form: { ...state.form, ...patch } })),
  setIdle: (patch) => set((state) => ({ form: { ...state.form, idle: { ...state.form.idle, ...patch } } })),
  setEmotion: (index, patch) =>
    set((state) => ({
      form: {
        ...state.form,
        emotions: state.form.emotions.map((arc, i) => (i === index ? { ...arc, ...patch } : arc))
      }
    })),
  addEmotion: (arc) =>
    set((state) => ({
      form: {
        ...state.form,
        emotions: [...state.form.emotions, arc],
        selectedEmotion: state.form.emotions.length
      }
    })),
  removeEmotion: (index) =>
    set((state) => {
      if (state.form.emotions.length <= 1) return {}
      const emotions = state.form.emotions.filter((_, i) => i !== index)
      return { form: { ...state.form, emotions, selectedEmotion: Math.min(index, emotions.length - 1) } }
    }),
  selectEmotion: (index) => set((state) => ({ form: { ...state.form, selectedEmotion: index } })),
  newSeed: (random = Math.random) =>
    set((state) => ({ form: { ...state.form, seed: Math.floor(random() * (MAX_SEED + 1)) } }))
}))
