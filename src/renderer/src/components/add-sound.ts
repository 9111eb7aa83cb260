// *Add sound…*: a recording (or a video's sound) becomes the project's audio track, replacing any sound it
// had. Like a driver's sound, it is session state kept with the project on save, not an undoable edit.
import { useStudio } from '../store/studio-store'

/** Opens the sound dialog and sets the chosen sound to play from the document's start. */
export async function addSoundFromFile(): Promise<void> {
  const studio = useStudio.getState()
  try {
    const added = await window.mimesis.openSoundDialog()
    if (!added) return
    const replaced = useStudio.getState().audio
    useStudio.getState().setAudio({ file: added.file, startSec: 0, muted: false })
    const length = `${added.durationSec.toFixed(1)} s`
    studio.showNotice({
      tone: 'info',
      text:
        `Added the sound ${added.file.name} (${length}) from 0 s` +
        (replaced ? `, in place of ${replaced.file.name}.` : '.') +
        ' It is saved with the project and exported with the video; Generate ▸ Speech moves the mouth to it.'
    })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    studio.showNotice({ tone: 'error', text: `The sound could not be added: ${message}` })
  }
}
