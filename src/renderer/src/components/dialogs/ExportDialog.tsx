import { useEffect } from 'react'
import { MimesisIpcError } from '@shared/ipc/api'
import { EXPORT_FRAME_RATES, EXPORT_SIZES } from '@shared/ipc/contract'
import { frameCount, seconds } from '@shared/timeline'
import { useExport, type ExportRangeChoice } from '../../store/export-store'
import { useStudio } from '../../store/studio-store'
import { ModalDialog } from './ModalDialog'
import { audioRequest } from '../audio-track'
import '../../styles/export-dialog.css'

/** "about 12 s left", "about 2 min 5 s left"; a rough wording, as the rate settles during an export. */
export function formatEta(ms: number | null): string {
  if (ms === null) return 'estimating time left…'
  const total = Math.max(1, Math.round(ms / 1000))
  if (total < 60) return `about ${total} s left`
  return `about ${Math.floor(total / 60)} min ${total % 60} s left`
}

/** 0 s, 2.5 s, 3.04 s: seconds with at most two decimals. */
export function formatSeconds(value: number): string {
  return `${Number(value.toFixed(2))} s`
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

function describe(error: unknown): { code: string; message: string } {
  if (error instanceof MimesisIpcError) return { code: error.code, message: error.message }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) }
}

/**
 * Export: size, frame rate, range and file, then a progress bar with the time left and a cancel
 * button. The document is only read: exporting (or failing to) never changes the project.
 */
export function ExportDialog() {
  const open = useExport((s) => s.open)
  if (!open) return null
  return <ExportDialogBody />
}

function ExportDialogBody() {
  const { choices, file, job, setChoices, setFile, setJob, closeDialog } = useExport()
  const document = useStudio((s) => s.document)
  const portrait = useStudio((s) => s.portrait)
  const project = useStudio((s) => s.project)
  const audio = useStudio((s) => s.audio)
  const running = job.phase === 'running'
  const { settings } = document
  const workAreaIsWhole = settings.workArea.in <= 0 && settings.workArea.out >= settings.durationSec
  const rangeStart = choices.range === 'work-area' ? settings.workArea.in : 0
  const rangeEnd = choices.range === 'work-area' ? settings.workArea.out : settings.durationSec
  const frames = Math.max(1, frameCount(seconds(rangeEnd - rangeStart), choices.fps))

  // Each time the dialog opens, the choices start from the animation's settings (Animation settings in
  // the timeline); a running export keeps the choices it was started with.
  useEffect(() => {
    if (useExport.getState().job.phase === 'running') return
    const { width, fps, workArea, durationSec } = useStudio.getState().document.settings
    const size = EXPORT_SIZES.find((s) => s === width) ?? 512
    const rate = EXPORT_FRAME_RATES.find((r) => r === fps) ?? 30
    setChoices({
      size,
      fps: rate,
      range: workArea.in > 0 || workArea.out < durationSec ? 'work-area' : 'all'
    })
  }, [setChoices])

  useEffect(
    () =>
      window.mimesis.onJobProgress((progress) => {
        if (progress.kind !== 'export') return
        const current = useExport.getState().job
        if (current.phase !== 'running') return
        setJob({ ...current, fraction: progress.fraction, message: progress.message, etaMs: progress.etaMs })
      }),
    [setJob]
  )

  // The buttons change with the phase (Export → Cancel export → Show in folder); keep focus on the
  // one that matters now instead of letting it fall to the page.
  useEffect(() => {
    window.document.querySelector<HTMLElement>('.export-dialog [data-autofocus]')?.focus()
  }, [job.phase])

  const defaultName = (project?.file.name ?? (portrait.kind === 'ready' ? portrait.file.name : 'animation'))
    .replace(/\.[^.]+$/, '')
    .concat('.mp4')

  const chooseFile = async () => {
    try {
      const chosen = await window.mimesis.chooseExportFile({ defaultName: file?.name ?? defaultName })
      if (chosen) setFile(chosen)
      return chosen
    } catch (error) {
      setJob({ phase: 'failed', error: describe(error) })
      return null
    }
  }

  const start = async () => {
    const output = file ?? (await chooseFile())
    if (!output) return
    setJob({ phase: 'running', fraction: 0, message: 'Starting…', etaMs: null, cancelling: false })
    try {
      const result = await window.mimesis.startExport({
        outputToken: output.token,
        document: useStudio.getState().document,
        width: choices.size,
        height: choices.size,
        fps: choices.fps,
        range: choices.range,
        audio: audioRequest(useStudio.getState().audio)
      })
      setJob({ phase: 'done', result })
    } catch (error) {
      const failure = describe(error)
      setJob(
        failure.code === 'export-cancelled' ? { phase: 'cancelled' } : { phase: 'failed', error: failure }
      )
    }
  }

  const cancel = () => {
    if (job.phase !== 'running') return
    setJob({ ...job, cancelling: true })
    void window.mimesis.cancelExport()
  }

  return (
    <ModalDialog
      title="Export video"
      testId="export-dialog"
      className="export-dialog"
      onDismiss={running ? undefined : closeDialog}
      actions={
        <>
          {running ? (
            <button
              type="button"
              className="button"
              onClick={cancel}
              disabled={job.cancelling}
              data-autofocus
              data-testid="export-cancel"
            >
              {job.cancelling ? 'Cancelling…' : 'Cancel export'}
            </button>
          ) : (
            <>
              {job.phase === 'done' && (
                <button
                  type="button"
                  className="button"
                  onClick={() => void window.mimesis.showInFolder({ token: job.result.file.token })}
                >
                  Show in folder
                </button>
              )}
              <button type="button" className="button" onClick={closeDialog}>
                {job.phase === 'done' ? 'Done' : 'Close'}
              </button>
              <button
                type="button"
                className="button button--primary"
                onClick={() => void start()}
                data-autofocus={job.phase === 'done' ? undefined : true}
                data-testid="export-start"
              >
                {job.phase === 'done' || job.phase === 'failed' || job.phase === 'cancelled'
                  ? 'Export again'
                  : 'Export'}
              </button>
            </>
          )}
        </>
      }
    >
      <fieldset className="export-dialog__form" disabled={running}>
        <ChoiceRow
          label="Size"
          name="export-size"
          value={choices.size}
          options={EXPORT_SIZES.map((size) => ({ value: size, label: `${size} × ${size}` }))}
          onChange={(size) => setChoices({ size })}
        />
        <ChoiceRow
          label="Frame rate"
          name="export-fps"
          value={choices.fps}
          options={EXPORT_FRAME_RATES.map((fps) => ({ value: fps, label: `${fps} fps` }))}
          onChange={(fps) => setChoices({ fps })}
        />
        <ChoiceRow<ExportRangeChoice>
          label="Range"
          name="export-range"
          value={choices.range}
          options={[
            {
              value: 'all',
              label: `Whole animation · ${formatSeconds(settings.durationSec)}`
            },
            {
              value: 'work-area',
              label: `Work area · ${Number(settings.workArea.in.toFixed(2))}–${formatSeconds(settings.workArea.out)}`,
              disabled: workAreaIsWhole,
              title: workAreaIsWhole ? 'The work area covers the whole animation' : undefined
            }
          ]}
          onChange={(range) => setChoices({ range })}
        />
        <div className="export-dialog__row">
          <span className="export-dialog__label">File</span>
          <div className="export-dialog__file">
            <span
              className={file ? 'export-dialog__filename' : 'export-dialog__filename--none'}
              data-testid="export-file"
            >
              {file ? file.name : 'Chosen when you export'}
            </span>
            <button type="button" className="button" onClick={() => void chooseFile()}>
              Choose…
            </button>
          </div>
        </div>
        <p className="export-dialog__summary" data-testid="export-summary">
          {frames} frames · {formatSeconds(frames / choices.fps)} · H.264 MP4
          {audio && !audio.muted ? ' with sound' : ''}
        </p>
      </fieldset>

      <ExportStatus />
    </ModalDialog>
  )
}

function ExportStatus() {
  const job = useExport((s) => s.job)
  if (job.phase === 'idle') return null
  if (job.phase === 'running') {
    const percent = Math.round(job.fraction * 100)
    return (
      <div className="export-dialog__status" data-testid="export-status">
        <div
          className="progress"
          role="progressbar"
          aria-label="Export progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          data-testid="export-progress"
        >
          <div className="progress__fill" style={{ width: `${percent}%` }} />
        </div>
        <p className="export-dialog__progress-text">
          <span>{job.cancelling ? 'Cancelling…' : job.message}</span>
          <span>
            {percent}% · {formatEta(job.etaMs)}
          </span>
        </p>
      </div>
    )
  }
  if (job.phase === 'done') {
    const { result } = job
    return (
      <div
        className="export-dialog__status export-dialog__status--done"
        role="status"
        data-testid="export-status"
      >
        Saved <strong>{result.file.name}</strong>: {result.frameCount} frames, {formatBytes(result.bytes)}, in{' '}
        {(result.elapsedMs / 1000).toFixed(1)} s.
      </div>
    )
  }
  if (job.phase === 'cancelled') {
    return (
      <div className="export-dialog__status" role="status" data-testid="export-status">
        Export cancelled. No file was written.
      </div>
    )
  }
  return (
    <div
      className="export-dialog__status export-dialog__status--error"
      role="alert"
      data-testid="export-status"
    >
      <strong>The export failed.</strong> {job.error.message}
      <span className="export-dialog__note">Your project is unchanged.</span>
    </div>
  )
}

interface Choice<T> {
  value: T
  label: string
  disabled?: boolean
  title?: string | undefined
}

function ChoiceRow<T extends string | number>({
  label,
  name,
  value,
  options,
  onChange
}: {
  label: string
  name: string
  value: T
  options: Choice<T>[]
  onChange: (value: T) => void
}) {
  return (
    <div className="export-dialog__row" role="radiogroup" aria-label={label}>
      <span className="export-dialog__label">{label}</span>
      <div className="segmented">
        {options.map((option) => (
          <label
            key={String(option.value)}
            className={`segmented__option${option.value === value ? ' segmented__option--on' : ''}${option.disabled ? ' segmented__option--disabled' : ''}`}
            title={option.title}
          >
            <input
              type="radio"
              name={name}
              value={String(option.value)}
              checked={option.value === value}
              disabled={option.disabled}
              onChange={() => onChange(option.value)}
            />
            {option.label}
          </label>
        ))}
      </div>
    </div>
  )
}
