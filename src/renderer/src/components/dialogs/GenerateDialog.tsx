import { useId } from 'react'
import { useGenerate } from '../../store/generate-store'
import { useStudio } from '../../store/studio-store'
import { useTimelineSelection } from '../../store/timeline-selection-store'
import { commitGenerate, emotionsFor, formRange, planGenerate, selectionSpan } from '../generate-plan'
import { ChoiceRow } from './ChoiceRow'
import { addSoundFromFile } from '../add-sound'
import { useSpeechSource } from '../use-speech-source'
import { EmotionFields, IdleFields, RangeFields, SeedField, SpeechFields } from './GenerateFields'
import { ModalDialog } from './ModalDialog'
import '../../styles/generate-dialog.css'

/**
 * Generate: idle life, an emotion arc or speech from the project's sound over a range, written as ordinary keys
 * in one undo step.
 */
export function GenerateDialog() {
  const open = useGenerate((s) => s.open)
  if (!open) return null
  return <GenerateBody />
}

function GenerateBody() {
  const formId = useId()
  const form = useGenerate((s) => s.form)
  const setForm = useGenerate((s) => s.setForm)
  const close = useGenerate((s) => s.closeDialog)
  const document = useStudio((s) => s.document)
  const directions = useStudio((s) => s.directions)
  const selected = useTimelineSelection((s) => s.selected)
  const speech = useGenerate((s) => s.speech)
  useSpeechSource(form.kind === 'speech')
  const avatar = useStudio((s) => s.avatar)
  const motionScale = avatar.kind === 'ready' ? avatar.info.motionScale : undefined
  const plan = planGenerate(document, form, selected, directions, speech, motionScale)
  const hasSelection = selectionSpan(document, selected) !== null

  const onRange = (range: typeof form.range) => {
    const next = { ...form, range }
    const span = formRange(document, next, selected)
    setForm({ range, ...(span ? emotionsFor(form, span) : {}) })
  }

  const generate = () => {
    if (!plan.ok) return
    const keys = commitGenerate(plan.request)
    const { from, to } = plan.request.range
    const layered = form.withIdle ? ' over idle life' : ''
    const what =
      form.kind === 'idle'
        ? 'idle life'
        : form.kind === 'speech'
          ? `speech from ${speech.status === 'ready' ? speech.name : 'the sound'}${layered}`
          : `${[...new Set(form.emotions.map((arc) => arc.emotion))].join(', ')}${layered}`
    close()
    useStudio.getState().showNotice({
      tone: 'info',
      text: `Generated ${keys} keys of ${what} from ${from.toFixed(2)} to ${to.toFixed(2)} s (seed ${form.seed}). Undo (Ctrl+Z) takes them out again.`
    })
  }

  return (
    <ModalDialog
      title="Generate motion"
      testId="generate-dialog"
      className="export-dialog"
      onDismiss={close}
      actions={
        <>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button
            type="submit"
            form={formId}
            className="button button--primary"
            disabled={!plan.ok}
            data-testid="generate-run"
          >
            Generate
          </button>
        </>
      }
    >
      <form
        id={formId}
        onSubmit={(event) => {
          event.preventDefault()
          generate()
        }}
      >
        <div className="export-dialog__form">
          <ChoiceRow
            label="Generator"
            name="generate-kind"
            value={form.kind}
            options={[
              { value: 'idle', label: 'Idle life' },
              { value: 'emotion', label: 'Emotion' },
              { value: 'speech', label: 'Speech' }
            ]}
            onChange={(kind) => setForm({ kind })}
          />
          {form.kind === 'emotion' && <EmotionFields range={formRange(document, form, selected)} />}
          {form.kind === 'speech' && <SpeechFields onAddSound={() => void addSoundFromFile()} />}
          {(form.kind === 'idle' || form.withIdle) && <IdleFields />}
          <RangeFields hasSelection={hasSelection} onRange={onRange} />
          <SeedField />
          {plan.ok ? (
            <p className="export-dialog__summary">
              Keys of the generated tracks inside the range are replaced; the same seed gives the same keys.
            </p>
          ) : (
            <p className="export-dialog__summary export-dialog__summary--error" role="alert">
              {plan.problem}
            </p>
          )}
        </div>
      </form>
    </ModalDialog>
  )
}
