// The export dialog and its one job. Nothing here touches the document: exporting never changes the
// project, and none of it enters undo history.
import { create } from 'zustand'
import type { ExportChoices } from '@shared/export/export-presets'
import type { OutputFormat } from '@shared/export/output-formats'
import type { ExportResult, FileRef, IpcError } from '@shared/ipc/contract'

export type { ExportChoices, ExportRangeChoice } from '@shared/export/export-presets'

export type ExportJob =
  | { phase: 'idle' }
  | { phase: 'running'; fraction: number; message: string; etaMs: number | null; cancelling: boolean }
  | { phase: 'done'; result: ExportResult }
  | { phase: 'cancelled' }
  /** The sequence's folder holds an earlier export: the user replaces it, or chooses another name. */
  | { phase: 'confirm-replace'; message: string }
  | { phase: 'failed'; error: IpcError }

export interface ExportState {
  open: boolean
  choices: ExportChoices
  /** The output file (a sequence's folder) chosen in the save dialog for this session; kept so re-exports overwrite it. */
  file: FileRef | null
  /** The format `file` was chosen for. */
  fileFormat: OutputFormat | null
  job: ExportJob
  openDialog(): void
  closeDialog(): void
  setChoices(choices: Partial<ExportChoices>): void
  setFile(file: FileRef | null, format?: OutputFormat): void
  setJob(job: ExportJob): void
}

export const useExport = create<ExportState>()((set) => ({
  open: false,
  choices: {
    size: 512,
    fps: 30,
    range: 'all',
    format: 'mp4-h264',
    transparent: true,
    bitDepth: 8,
    depthPass: false
  },
  file: null,
  fileFormat: null,
  job: { phase: 'idle' },
  openDialog: () =>
    set((state) => ({ open: true, job: state.job.phase === 'running' ? state.job : { phase: 'idle' } })),
  // A running export keeps the dialog: it closes only once the job has ended.
  closeDialog: () => set((state) => (state.job.phase === 'running' ? {} : { open: false })),
  // A file chosen for another format is dropped with a format change: its extension (or being a folder) would not match.
  setChoices: (choices) =>
    set((state) => {
      const next = { ...state.choices, ...choices }
      const fileFits = state.file == null || state.fileFormat === next.format
      return { choices: next, ...(fileFits ? {} : { file: null, fileFormat: null }) }
    }),
  setFile: (file, format) =>
    set((state) => ({ file, fileFormat: file ? (format ?? state.choices.format) : null })),
  setJob: (job) => set({ job })
}))
