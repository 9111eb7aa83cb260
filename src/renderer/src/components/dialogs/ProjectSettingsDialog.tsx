import { useId, useState } from 'react'
import { EXPORT_FRAME_RATES, EXPORT_SIZES } from '@shared/ipc/contract'
import { seconds, setSettings, setWorkArea, type AnimationDocument } from '@shared/timeline'
import { useStudio } from '../../store/studio-store'
import { ModalDialog } from './ModalDialog'
import { create } from 'zustand'

/** Longest animation the settings dialog offers, in seconds (the document model allows more). */
const MAX_DURATION_INPUT = 600

export const useProjectSettingsDialog = create<{ open: boolean; setOpen(open: boolean): void }>()((set) => ({
  open: false,
  setOpen: (open) => set({ open })
}))

export interface SettingsChoice {
  fps: number
  durationSec: number
  size: number
}

/**
 * The document with new settings, as one edit. A work area that covered the whole animation keeps
 * covering it when the duration changes; a trimmed one is kept (clamped into the new duration).
 */
export function applySettings(doc: AnimationDocument, choice: SettingsChoice): AnimationDocument {
  const { workArea, durationSec } = doc.settings
  const wasWhole = workArea.in <= 0 && workArea.out >= durationSec
  let next = setSettings(doc, {
    fps: choice.fps,
    durationSec: seconds(choice.durationSec),
    width: choice.size,
    height: choice.size
  })
  if (wasWhole) next = setWorkArea(next, seconds(0), next.settings.durationSec)
  return next
}

/** Frame rate, duration and output size of the animation: one undoable change. */
export function ProjectSettingsDialog() {
  const open = useProjectSettingsDialog((s) => s.open)
  if (!open) return null
  return <ProjectSettingsBody />
}

function ProjectSettingsBody() {
  const formId = useId()
  const setOpen = useProjectSettingsDialog((s) => s.setOpen)
  const settings = useStudio((s) => s.document.settings)
  const commit = useStudio((s) => s.commit)
  const [fps, setFps] = useState(settings.fps)
  const [duration, setDuration] = useState(String(settings.durationSec))
  const [size, setSize] = useState(settings.width)
  const durationValue = Number(duration)
  const durationOk =
    Number.isFinite(durationValue) && durationValue >= 0.1 && durationValue <= MAX_DURATION_INPUT
  const fpsChoices: readonly number[] = EXPORT_FRAME_RATES.includes(settings.fps as 24)
    ? EXPORT_FRAME_RATES
    : [...EXPORT_FRAME_RATES, settings.fps].sort((a, b) => a - b)
  const sizeChoices: readonly number[] = EXPORT_SIZES.includes(settings.width as 512)
    ? EXPORT_SIZES
    : [...EXPORT_SIZES, settings.width].sort((a, b) => a - b)

  const apply = () => {
    if (!durationOk) return
    commit((doc) => applySettings(doc, { fps, durationSec: durationValue, size }), { history: true })
    const { playhead, setPlayhead } = useStudio.getState()
    setPlayhead(playhead)
    setOpen(false)
  }

  return (
    <ModalDialog
      title="Animation settings"
      testId="project-settings"
      className="export-dialog"
      onDismiss={() => setOpen(false)}
      actions={
        <>
          <button type="button" className="button" onClick={() => setOpen(false)}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button button--primary" disabled={!durationOk}>
            Apply
          </button>
        </>
      }
    >
      <form
        id={formId}
        onSubmit={(event) => {
          event.preventDefault()
          apply()
        }}
      >
        <div className="export-dialog__form">
          <label className="export-dialog__row">
            <span className="export-dialog__label">Frame rate</span>
            <select className="field" value={fps} onChange={(event) => setFps(Number(event.target.value))}>
              {fpsChoices.map((rate) => (
                <option key={rate} value={rate}>
                  {rate} fps
                </option>
              ))}
            </select>
          </label>
          <label className="export-dialog__row">
            <span className="export-dialog__label">Duration</span>
            <span className="field-with-unit">
              <input
                className="field"
                type="number"
                min={0.1}
                max={MAX_DURATION_INPUT}
                step={0.1}
                value={duration}
                aria-invalid={!durationOk}
                data-autofocus
                onChange={(event) => setDuration(event.target.value)}
              />
              s
            </span>
          </label>
          {!durationOk && (
            <p className="export-dialog__summary export-dialog__summary--error" role="alert">
              Enter a duration from 0.1 to {MAX_DURATION_INPUT} seconds.
            </p>
          )}
          <label className="export-dialog__row">
            <span className="export-dialog__label">Output size</span>
            <select className="field" value={size} onChange={(event) => setSize(Number(event.target.value))}>
              {sizeChoices.map((side) => (
                <option key={side} value={side}>
                  {side} × {side}
                </option>
              ))}
            </select>
          </label>
          <p className="export-dialog__summary">
            Keys keep their times in seconds. Exports start from these settings.
          </p>
        </div>
      </form>
    </ModalDialog>
  )
}
