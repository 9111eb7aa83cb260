import { useEffect } from 'react'
import type { DriverSummary } from '@shared/ipc/contract'
import { useDrive } from '../../store/drive-store'
import { useStudio } from '../../store/studio-store'
import { DriveOptionsForm } from './DriveOptionsForm'
import { DriveProgress } from './DriveProgress'
import { DriverReferencePicker } from './DriverReferencePicker'
import { describeDriver, describeGaps, formatClipTime } from '../drive-text'
import type { DriveCommands } from '../use-drive-commands'
import { ModalDialog } from './ModalDialog'
import '../../styles/drive-dialog.css'

/**
 * Drive from video: tracking progress (with Cancel) while the face is found in every frame, then the
 * driver's picture with its reference frame, the options, the stretches without a face, and Bake.
 */
export function DriveDialog({ drive }: { drive: DriveCommands }) {
  const open = useDrive((s) => s.open)
  return open ? <DriveDialogBody drive={drive} /> : null
}

function DriveDialogBody({ drive }: { drive: DriveCommands }) {
  const job = useDrive((s) => s.job)
  const driver = useDrive((s) => s.driver)
  const closeDialog = useDrive((s) => s.closeDialog)

  // The buttons change with the phase; keep focus on the one that matters now.
  useEffect(() => {
    window.document.querySelector<HTMLElement>('.drive-dialog [data-autofocus]')?.focus()
  }, [job.phase])

  if (job.phase === 'tracking' || !driver) {
    return (
      <ModalDialog
        title={job.phase === 'tracking' ? `Tracking ${job.name}` : 'Drive from video'}
        testId="drive-dialog"
        className="drive-dialog drive-dialog--tracking"
        actions={
          <button
            type="button"
            className="button"
            onClick={job.phase === 'idle' ? closeDialog : drive.cancel}
            disabled={job.phase !== 'idle' && job.cancelling}
            data-autofocus
            data-testid="drive-cancel"
          >
            {job.phase !== 'idle' && job.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        }
      >
        <p>
          Finding the face in every frame of the clip. Only its motion is kept: not the picture, and not the
          person’s face shape.
        </p>
        {job.phase !== 'idle' && <DriveProgress job={job} label="Tracking progress" />}
      </ModalDialog>
    )
  }

  const baking = job.phase === 'baking'
  return (
    <ModalDialog
      title="Drive from video"
      wide
      testId="drive-dialog"
      className="drive-dialog"
      onDismiss={baking ? undefined : closeDialog}
      actions={
        baking ? (
          <button
            type="button"
            className="button"
            onClick={drive.cancel}
            disabled={job.cancelling}
            data-autofocus
            data-testid="drive-cancel"
          >
            {job.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : (
          <>
            <button
              type="button"
              className="button drive-dialog__other"
              onClick={() => void drive.chooseVideo()}
            >
              Choose another video…
            </button>
            <button type="button" className="button" onClick={closeDialog}>
              Close
            </button>
            <BakeButton onBake={() => void drive.bake()} />
          </>
        )
      }
    >
      <div className="drive-dialog__layout">
        <DriverReferencePicker driver={driver} disabled={baking} />
        <fieldset className="drive-dialog__form" disabled={baking}>
          <DriveOptionsForm />
          <DriveSummary driver={driver} />
          <FacePicker driver={driver} onPick={(index) => void drive.followFace(index)} />
        </fieldset>
      </div>
      {baking && <DriveProgress job={job} label="Bake progress" />}
    </ModalDialog>
  )
}

function BakeButton({ onBake }: { onBake: () => void }) {
  const playhead = useStudio((s) => s.playhead)
  return (
    <button
      type="button"
      className="button button--primary"
      onClick={onBake}
      data-autofocus
      data-testid="drive-bake"
      title="Bake the motion into the timeline as keys, starting at the playhead (one undo step)"
    >
      Bake at {formatClipTime(playhead)}
    </button>
  )
}

/** The clip in one line, where the bake will go, and the stretches without a face. */
function DriveSummary({ driver }: { driver: DriverSummary }) {
  const playhead = useStudio((s) => s.playhead)
  const duration = useStudio((s) => s.document.settings.durationSec)
  const end = playhead + driver.durationSec
  const gaps = describeGaps(driver.gaps)
  return (
    <div className="drive-summary" data-testid="drive-summary">
      <p className="drive-summary__clip">
        <strong>{driver.name}</strong> · {describeDriver(driver)}
      </p>
      {driver.warning ? (
        <p className="drive-summary__warning" role="status" data-testid="drive-warning">
          {driver.warning}
        </p>
      ) : null}
      <p>
        Replaces the keys of the driven tracks from {formatClipTime(playhead)} to {formatClipTime(end)}
        {end > duration + 1e-6 ? ` (the animation ends at ${formatClipTime(duration)})` : ''}.
      </p>
      {gaps.map((line) => (
        <p key={line} className="drive-summary__gap" data-testid="drive-gap">
          {line}
        </p>
      ))}
    </div>
  )
}

/** A clip that shows several faces: which one drives (1 = the largest), as the portrait intake offers. */
function FacePicker({ driver, onPick }: { driver: DriverSummary; onPick: (faceIndex: number) => void }) {
  if (driver.facesAtStart < 2) return null
  const count = Math.min(driver.facesAtStart, 8)
  return (
    <div className="drive-faces" role="group" aria-label="Face to follow" data-testid="drive-faces">
      <span>
        This clip shows {driver.facesAtStart} faces; face {driver.faceIndex + 1}
        {driver.faceIndex === 0 ? ' (the largest)' : ''} drives the portrait.
      </span>
      {Array.from({ length: count }, (_, i) => (
        <button
          key={i}
          type="button"
          className="button"
          aria-pressed={i === driver.faceIndex}
          disabled={i === driver.faceIndex}
          onClick={() => onPick(i)}
          data-testid={`drive-face-${i + 1}`}
        >
          Face {i + 1}
        </button>
      ))}
    </div>
  )
}
