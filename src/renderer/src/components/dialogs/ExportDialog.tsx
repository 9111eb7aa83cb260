import { useEffect } from 'react'
import { useExport } from '../../store/export-store'
import { ExportActions } from './ExportActions'
import { ExportForm } from './ExportForm'
import { ExportStatus } from './ExportStatus'
import { ModalDialog } from './ModalDialog'
import { useExportJob } from './use-export-job'
import '../../styles/export-dialog.css'

/**
 * Export: format (a video or a PNG sequence), size, frame rate, range and file, then a progress bar with the time left and a cancel
 * button. The document is only read: exporting (or failing to) never changes the project.
 */
export function ExportDialog() {
  const open = useExport((s) => s.open)
  if (!open) return null
  return <ExportDialogBody />
}

function ExportDialogBody() {
  const phase = useExport((s) => s.job.phase)
  const closeDialog = useExport((s) => s.closeDialog)
  const commands = useExportJob()

  // The buttons change with the phase (Export → Cancel export → Show in folder); keep focus on the
  // one that matters now instead of letting it fall to the page.
  useEffect(() => {
    window.document.querySelector<HTMLElement>('.export-dialog [data-autofocus]')?.focus()
  }, [phase])

  return (
    <ModalDialog
      title="Export"
      testId="export-dialog"
      className="export-dialog"
      onDismiss={phase === 'running' ? undefined : closeDialog}
      actions={<ExportActions commands={commands} />}
    >
      <ExportForm onChooseFile={() => void commands.chooseFile()} />
      <ExportStatus />
    </ModalDialog>
  )
}
