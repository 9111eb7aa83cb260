// The Generate dialog's fields: idle life's sliders, the emotion and its times, the speech's sound, the range
// and the seed.
import { useId } from 'react'
import {
  EMOTION_MIXTURES,
  EMOTION_NAMES,
  IDLE_LIMITS,
  type EmotionArc,
  type EmotionName,
  type GenerateRange
} from '@shared/generate'
import { useGenerate, type GenerateForm } from '../../store/generate-store'
import { useStudio } from '../../store/studio-store'
import { ChoiceRow } from './ChoiceRow'
import { EmotionTimeline } from './EmotionTimeline'

function Slider({
  label,
  value,
  min,
  max,
  step,
  format,
  onChange,
  disabled
}: {
  label: string
  value: number
  min: number
  max: number
  step: number
  format: (value: number) => string
  onChange: (value: number) => void
  disabled?: boolean
}) {
  const id = useId()
  return (
    <div className="export-dialog__row">
      <label className="export-dialog__label" htmlFor={id}>
        {label}
      </label>
      <div className="generate-dialog__slider">
        <input
          id={id}
          type="range"
          min={min}
          max={max}
          step={step}
          value={value}
          disabled={disabled}
          onChange={(event) => onChange(Number(event.target.value))}
        />
        <span className="generate-dialog__value">{format(value)}</span>
      </div>
    </div>
  )
}

/** Energy, blink rate and head motion. */
export function IdleFields({ disabled }: { disabled?: boolean }) {
  const idle = useGenerate((s) => s.form.idle)
  const setIdle = useGenerate((s) => s.setIdle)
  return (
    <>
      <Slider
        label="Energy"
        value={idle.energy}
        {...IDLE_LIMITS.energy}
        step={0.05}
        disabled={disabled}
        format={(v) => (v < 0.34 ? 'calm' : v > 0.66 ? 'lively' : 'steady')}
        onChange={(energy) => setIdle({ energy })}
      />
      <Slider
        label="Blink rate"
        value={idle.blinkRate}
        {...IDLE_LIMITS.blinkRate}
        step={1}
        disabled={disabled}
        format={(v) => `${v} /min`}
        onChange={(blinkRate) => setIdle({ blinkRate })}
      />
      <Slider
        label="Head motion"
        value={idle.headMotion}
        {...IDLE_LIMITS.headMotion}
        step={0.05}
        disabled={disabled}
        format={(v) => `${v.toFixed(2)}×`}
        onChange={(headMotion) => setIdle({ headMotion })}
      />
    </>
  )
}

function TimeInput({
  label,
  value,
  onChange
}: {
  label: string
  value: number
  onChange: (v: number) => void
}) {
  return (
    <input
      className="field"
      type="number"
      min={0}
      step={0.05}
      aria-label={label}
      value={Number.isFinite(value) ? value : ''}
      onChange={(event) => onChange(event.target.value === '' ? Number.NaN : Number(event.target.value))}
    />
  )
}

/**
 * The emotion timeline (blocks over the range), then the selected block's emotion, intensity and times (onset,
 * apex, offset in seconds).
 */
export function EmotionFields({ range }: { range: GenerateRange | null }) {
  const emotions = useGenerate((s) => s.form.emotions)
  const index = useGenerate((s) => s.form.selectedEmotion)
  const { setEmotion, removeEmotion } = useGenerate.getState()
  const id = useId()
  const arc = emotions[index] ?? emotions[0]!
  const set = (patch: Partial<EmotionArc>) => setEmotion(index, patch)
  return (
    <>
      <div className="export-dialog__row">
        <span className="export-dialog__label">Emotions</span>
        <EmotionTimeline range={range} />
      </div>
      <div className="export-dialog__row">
        <label className="export-dialog__label" htmlFor={id}>
          Emotion
        </label>
        <select
          id={id}
          className="field"
          value={arc.emotion}
          onChange={(event) => set({ emotion: event.target.value as EmotionName })}
        >
          {EMOTION_NAMES.map((name) => (
            <option key={name} value={name}>
              {EMOTION_MIXTURES[name].label}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button"
          disabled={emotions.length < 2}
          onClick={() => removeEmotion(index)}
          title="Remove this emotion from the timeline (Delete on its block)"
        >
          Remove
        </button>
      </div>
      <Slider
        label="Intensity"
        value={arc.intensity}
        min={0}
        max={1}
        step={0.05}
        format={(v) => v.toFixed(2)}
        onChange={(intensity) => set({ intensity })}
      />
      <div className="export-dialog__row" role="group" aria-label="Emotion times in seconds">
        <span className="export-dialog__label">Onset, apex, offset</span>
        <div className="generate-dialog__times">
          <TimeInput label="Onset (s)" value={arc.onsetSec} onChange={(onsetSec) => set({ onsetSec })} />
          <TimeInput label="Apex (s)" value={arc.apexSec} onChange={(apexSec) => set({ apexSec })} />
          <TimeInput label="Offset (s)" value={arc.offsetSec} onChange={(offsetSec) => set({ offsetSec })} />s
        </div>
      </div>
      <IdleLayerField />
    </>
  )
}

/** Idle life layered under an emotion or speech. */
function IdleLayerField() {
  const withIdle = useGenerate((s) => s.form.withIdle)
  const setForm = useGenerate((s) => s.setForm)
  return (
    <div className="export-dialog__row">
      <span className="export-dialog__label">Layers</span>
      <label>
        <input
          type="checkbox"
          checked={withIdle}
          onChange={(event) => setForm({ withIdle: event.target.checked })}
        />{' '}
        Idle life under it
      </label>
    </div>
  )
}

/**
 * Speech: the project's sound and where it plays; the mouth, nods and brows follow its rhythm. Without a sound,
 * a button adds one.
 */
export function SpeechFields({ onAddSound }: { onAddSound: () => void }) {
  const audio = useStudio((s) => s.audio)
  return (
    <>
      <div className="export-dialog__row">
        <span className="export-dialog__label">Sound</span>
        {audio ? (
          <span data-testid="generate-speech-sound">
            {audio.file.name}, from {audio.startSec.toFixed(2)} s
          </span>
        ) : (
          <button type="button" className="button" onClick={onAddSound} data-testid="generate-add-sound">
            Add Sound…
          </button>
        )}
      </div>
      <IdleLayerField />
    </>
  )
}

/** Work area, the selected keys' span, or a range of its own. */
export function RangeFields({
  hasSelection,
  onRange
}: {
  hasSelection: boolean
  onRange: (choice: GenerateForm['range']) => void
}) {
  const form = useGenerate((s) => s.form)
  const setForm = useGenerate((s) => s.setForm)
  return (
    <>
      <ChoiceRow
        label="Range"
        name="generate-range"
        value={form.range}
        options={[
          { value: 'workArea', label: 'Work area' },
          {
            value: 'selection',
            label: 'Selected keys',
            disabled: !hasSelection,
            title: hasSelection ? undefined : 'Select keys that span at least two frames'
          },
          { value: 'custom', label: 'Custom' }
        ]}
        onChange={onRange}
      />
      {form.range === 'custom' && (
        <div className="export-dialog__row" role="group" aria-label="Custom range in seconds">
          <span className="export-dialog__label">From, to</span>
          <div className="generate-dialog__times">
            <TimeInput label="From (s)" value={form.from} onChange={(from) => setForm({ from })} />
            <TimeInput label="To (s)" value={form.to} onChange={(to) => setForm({ to })} />s
          </div>
        </div>
      )}
    </>
  )
}

/** The seed, typed or drawn anew. */
export function SeedField() {
  const seed = useGenerate((s) => s.form.seed)
  const setForm = useGenerate((s) => s.setForm)
  const newSeed = useGenerate((s) => s.newSeed)
  const id = useId()
  return (
    <div className="export-dialog__row">
      <label className="export-dialog__label" htmlFor={id}>
        Seed
      </label>
      <div className="generate-dialog__times">
        <input
          id={id}
          className="field"
          type="number"
          min={0}
          step={1}
          value={Number.isFinite(seed) ? seed : ''}
          data-testid="generate-seed"
          onChange={(event) =>
            setForm({ seed: event.target.value === '' ? Number.NaN : Number(event.target.value) })
          }
        />
        <button type="button" className="button" onClick={() => newSeed()}>
          New seed
        </button>
      </div>
    </div>
  )
}
