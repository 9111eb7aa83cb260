import type { DriveJob } from '../../store/drive-store'
import { formatEta } from './export-format'

/** The running job's bar, what it is doing, the percentage and the time left. */
export function DriveProgress({ job, label }: { job: Exclude<DriveJob, { phase: 'idle' }>; label: string }) {
  const percent = Math.round(job.fraction * 100)
  return (
    <div className="drive-dialog__status" data-testid="drive-status">
      <div
        className="progress"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        data-testid="drive-progress"
      >
        <div className="progress__fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="drive-dialog__progress-text">
        <span data-testid="drive-progress-message">{job.cancelling ? 'Cancelling…' : job.message}</span>
        <span>
          {percent}% · {formatEta(job.etaMs)}
        </span>
      </p>
    </div>
  )
}
