import { useExport } from '../../store/export-store'
import type { ExportJobCommands } from './use-export-job'

/**
 * The export dialog's buttons, by phase: Export → Cancel export → Show in folder, Done, Export again; and when a
 * sequence's folder already holds an earlier export, Replace, Choose another name… or Don't replace.
 */
export function ExportActions({ commands }: { commands: ExportJobCommands }) {
  const job = useExport((s) => s.job)
  const closeDialog = useExport((s) => s.closeDialog)
  const setJob = useExport((s) => s.setJob)
  if (job.phase === 'running')
    return (
      <button
        type="button"
        className="button"
        onClick={commands.cancel}
        disabled={job.cancelling}
        data-autofocus
        data-testid="export-cancel"
      >
        {job.cancelling ? 'Cancelling…' : 'Cancel export'}
      </button>
    )
  if (job.phase === 'confirm-replace')
    return (
      <>
        <button type="button" className="button" onClick={() => setJob({ phase: 'idle' })}>
          Don't replace
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void commands.chooseFile().then((file) => file && setJob({ phase: 'idle' }))}
        >
          Choose another name…
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={() => void commands.start({ replaceExisting: true })}
          data-autofocus
          data-testid="export-replace"
        >
          Replace
        </button>
      </>
    )
  const finished = job.phase === 'done' || job.phase === 'failed' || job.phase === 'cancelled'
  return (
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
        onClick={() => void commands.start()}
        data-autofocus={job.phase === 'done' ? undefined : true}
        data-testid="export-start"
      >
        {finished ? 'Export again' : 'Export'}
      </button>
    </>
  )
}
