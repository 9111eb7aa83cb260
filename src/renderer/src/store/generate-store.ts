// The Generate dialog's state: what to generate, its parameters, seed and range. Never in undo history,
// never saved; the keys it writes go through useStudio's `commit` as one undo step.
import { create } from 'zustand'
import {
  DEFAULT_IDLE,
  MAX_SEED,
  type EmotionName,
  type IdleLifeParams,
  type SpeechLayer
} from '@shared/generate'

export type GenerateKind = 'idle' | 'emotion' | 'speech'
export type GenerateRangeChoice = 'workArea' | 'selection' | 'custom'

export interface GenerateForm {
  kind: GenerateKind
  idle: IdleLifeParams
  emotion: EmotionName
  intensity: number
  /** Emotion times, document seconds (as typed: validated on generate). */
  onsetSec: number
  apexSec: number
  offsetSec: number
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
  /** A fresh seed from `random` (0 … 1), so the next Generate gives other motion. */
  newSeed(random?: () => number): void
}

export const DEFAULT_GENERATE_FORM: GenerateForm = {
  kind: 'idle',
  idle: DEFAULT_IDLE,
  emotion: 'joy',
  intensity: 0.8,
  onsetSec: 0,
  apexSec: 0,
  offsetSec: 0,
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
  newSeed: (random = Math.random) =>
    set((state) => ({ form: { ...state.form, seed: Math.floor(random() * (MAX_SEED + 1)) } }))
}))
