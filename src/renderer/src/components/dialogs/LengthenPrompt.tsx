import { useDrive } from '../../store/drive-store'
import { useStudio } from '../../store/studio-store'
import { clipEnd, lengthenedDuration } from '../bake-plan'
import { formatClipTime } from '../drive-text'
import type { DriveCommands } from '../use-drive-commands'
import { ModalDialog } from './ModalDialog'

/** Asked once per bake when the clip runs past the animation's end: lengthen it, or keep its length. */
export function LengthenPrompt({ drive }: { drive: DriveCommands }) {
  const pending = useDrive((s) => s.pendingBake)
  const document = useStudio((s) => s.document)
  if (!pending) return null
  const end = clipEnd(pending.performance, pending.at)
  const to = lengthenedDuration(document, pending.performance, pending.at)
  return (
    <ModalDialog
      title="Lengthen the animation?"
      testId="lengthen-prompt"
      onDismiss={() => drive.answerLengthen(null)}
      actions={
        <>
          <button type="button" className="button" onClick={() => drive.answerLengthen(false)}>
            Keep length
          </button>
          <button
            type="button"
            className="button button--primary"
            onClick={() => drive.answerLengthen(true)}
            data-autofocus
          >
            Lengthen
          </button>
        </>
      }
    >
      <p>
        Baked at {formatClipTime(pending.at)}, <strong>{pending.label}</strong> runs to{' '}
        <strong>{formatClipTime(end)}</strong>, past the animation’s end at{' '}
        <strong>{formatClipTime(document.settings.durationSec)}</strong>.
      </p>
      <p>
        Lengthen the animation to {formatClipTime(to)} to fit the whole clip, or keep its length and leave out
        the motion past the end.
      </p>
    </ModalDialog>
  )
}
