import { useExport } from '../../store/export-store'
import { formatBytes, formatEta } from './export-format'

/** The export's progress (with the time left), its result, its cancellation or its error. */
export function ExportStatus() {
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
        Saved <strong>{result.file.name}</strong>
        {result.files === undefined ? '' : ` (a folder of ${result.files} files)`}: {result.frameCount}{' '}
        frames, {formatBytes(result.bytes)}, in {(result.elapsedMs / 1000).toFixed(1)} s.
      </div>
    )
  }
  if (job.phase === 'confirm-replace') {
    return (
      <div className="export-dialog__status" role="alert" data-testid="export-status">
        {job.message} The folder is replaced only once the new sequence is complete.
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
