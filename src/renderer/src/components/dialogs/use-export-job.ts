// The export dialog's job: its choices start from the animation's settings, progress events update it, and
// it chooses the file, starts and cancels the export through the core.
import { useEffect } from 'react'
import { withinFormatLimits } from '@shared/export/export-presets'
import { OUTPUT_FORMATS, isImageSequence } from '@shared/export/output-formats'
import { MimesisIpcError } from '@shared/ipc/api'
import { EXPORT_FRAME_RATES, EXPORT_SIZES, type FileRef } from '@shared/ipc/contract'
import { packDocument } from '@shared/timeline'
import { useExport } from '../../store/export-store'
import { useStudio } from '../../store/studio-store'
import { audioRequest } from '../audio-track'

function describe(error: unknown): { code: string; message: string } {
  if (error instanceof MimesisIpcError) return { code: error.code, message: error.message }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) }
}

export interface ExportJobCommands {
  chooseFile(): Promise<FileRef | null>
  /** Starts the export; `replaceExisting` after the user agreed to replace a sequence's folder. */
  start(options?: { replaceExisting?: boolean }): Promise<void>
  cancel(): void
}

export function useExportJob(): ExportJobCommands {
  const setChoices = useExport((s) => s.setChoices)
  const setJob = useExport((s) => s.setJob)

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
    // Then, for a saved project, the choices of its last export when the core remembers some.
    const project = useStudio.getState().project
    if (!project) return
    let current = true
    void window.mimesis
      .loadExportChoices({ projectToken: project.file.token })
      .then((remembered) => {
        if (current && remembered && useExport.getState().job.phase !== 'running') {
          setChoices(withinFormatLimits(remembered))
        }
      })
      .catch(() => undefined)
    return () => {
      current = false
    }
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

  const chooseFile = async () => {
    const { file, setFile } = useExport.getState()
    const { project, portrait } = useStudio.getState()
    const { format } = useExport.getState().choices
    const defaultName = (project?.file.name ?? (portrait.kind === 'ready' ? portrait.file.name : 'animation'))
      .replace(/\.[^.]+$/, '')
      .concat(OUTPUT_FORMATS[format].extension)
    try {
      const chosen = await window.mimesis.chooseExportFile({ defaultName: file?.name ?? defaultName, format })
      if (chosen) setFile(chosen, format)
      return chosen
    } catch (error) {
      setJob({ phase: 'failed', error: describe(error) })
      return null
    }
  }

  const start = async ({ replaceExisting = false }: { replaceExisting?: boolean } = {}) => {
    const output = useExport.getState().file ?? (await chooseFile())
    if (!output) return
    const { choices } = useExport.getState()
    const sequence = isImageSequence(choices.format)
    // A folder (a PNG or OBJ sequence) replaces an earlier export in it only when the user agrees.
    const folder = OUTPUT_FORMATS[choices.format].folder
    setJob({ phase: 'running', fraction: 0, message: 'Starting…', etaMs: null, cancelling: false })
    // Remembered for a saved project's next export (outside the project file); a failure to remember is no failure.
    const project = useStudio.getState().project
    if (project) {
      void window.mimesis
        .saveExportChoices({ projectToken: project.file.token, choices })
        .catch(() => undefined)
    }
    try {
      const result = await window.mimesis.startExport({
        outputToken: output.token,
        document: packDocument(useStudio.getState().document),
        width: choices.size,
        height: choices.size,
        fps: choices.fps,
        range: choices.range,
        format: choices.format,
        transparent: OUTPUT_FORMATS[choices.format].keepsAlpha && choices.transparent,
        ...(sequence ? { pngBitDepth: choices.bitDepth, depthPass: choices.depthPass } : {}),
        ...(folder ? { replaceExisting } : {}),
        audio: audioRequest(useStudio.getState().audio)
      })
      setJob({ phase: 'done', result })
    } catch (error) {
      const failure = describe(error)
      setJob(
        failure.code === 'export-cancelled'
          ? { phase: 'cancelled' }
          : failure.code === 'output-exists' && folder && !replaceExisting
            ? { phase: 'confirm-replace', message: failure.message }
            : { phase: 'failed', error: failure }
      )
    }
  }

  const cancel = () => {
    const { job } = useExport.getState()
    if (job.phase !== 'running') return
    setJob({ ...job, cancelling: true })
    void window.mimesis.cancelExport()
  }

  return { chooseFile, start, cancel }
}
