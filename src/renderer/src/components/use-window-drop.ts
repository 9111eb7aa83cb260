import { useEffect } from 'react'
import { isDriverVideoName } from './driver-video-file'
import type { DriveCommands } from './use-drive-commands'
import type { PortraitIntake } from './use-portrait-intake'

/**
 * Files dropped anywhere on the window (the viewport handles its own drops first): a video drives the
 * portrait, anything else is opened as a portrait. Without this the browser would try to open the file.
 */
export function useWindowDrop(intake: PortraitIntake, drive: DriveCommands): void {
  useEffect(() => {
    const onDragOver = (event: DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault()
    }
    const onDrop = (event: DragEvent) => {
      if (event.defaultPrevented) return
      const file = event.dataTransfer?.files[0]
      if (!file) return
      event.preventDefault()
      if (isDriverVideoName(file.name)) void drive.importFile(file)
      else void intake.importFile(file)
    }
    window.addEventListener('dragover', onDragOver)
    window.addEventListener('drop', onDrop)
    return () => {
      window.removeEventListener('dragover', onDragOver)
      window.removeEventListener('drop', onDrop)
    }
  }, [intake, drive])
}
