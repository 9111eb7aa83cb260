// Driving from a video: the tracked clip, the dialog's choices and its one job, the last performance
// and where it was baked. None of it is the document and none of it enters undo history: the bake
// itself is one `commit` in the studio store.
import { create } from 'zustand'
import type { DriveRegion, DriverSummary, FileRef } from '@shared/ipc/contract'
import type { Performance } from '@shared/performance/performance'

export type DriveMode = 'both' | 'expression' | 'pose'

export interface DriveOptions {
  mode: DriveMode
  regions: Record<DriveRegion, boolean>
  /** Multiplies every expression weight, 0..2. */
  intensity: number
  smooth: boolean
  /** One key per driver frame instead of the fewest within tolerance. */
  dense: boolean
}

export const DEFAULT_DRIVE_OPTIONS: DriveOptions = {
  mode: 'both',
  regions: { eyes: true, gaze: true, brows: true, mouth: true, jaw: true, nose: true },
  intensity: 1,
  smooth: true,
  dense: false
}

export type DriveJob =
  | { phase: 'idle' }
  | {
      phase: 'tracking' | 'baking'
      /** The clip being tracked, or the one being baked. */
      name: string
      fraction: number
      message: string
      etaMs: number | null
      cancelling: boolean
    }

/** A performance waiting for the answer to "lengthen the animation to fit the clip?". */
export interface PendingBake {
  performance: Performance
  /** Document time of the clip's time 0. */
  at: number
  /** Where it came from, for the notice: the clip's or the file's name. */
  label: string
  /** A bake of the tracked driver (moves the picture-in-picture's offset); else an applied file. */
  fromDriver: boolean
  /** The driver's sound, which becomes the project's audio track (starting at `at`); null: none. */
  audio: FileRef | null
}

export interface DriveState {
  open: boolean
  /** The tracked driving clip, kept after the dialog closes (for the picture-in-picture and re-bakes). */
  driver: DriverSummary | null
  /** The driver's reference (neutral) frame, seconds. */
  referenceSec: number
  options: DriveOptions
  job: DriveJob
  /** Document time where the last bake put the clip's time 0: the picture-in-picture follows it. */
  bakeOffsetSec: number
  /** The last performance made from the driver, for Save performance…. */
  lastPerformance: { performance: Performance; name: string } | null
  pendingBake: PendingBake | null
  openDialog(): void
  closeDialog(): void
  setDriver(driver: DriverSummary): void
  setReference(seconds: number): void
  setOptions(options: Partial<DriveOptions>): void
  setRegion(region: DriveRegion, on: boolean): void
  setJob(job: DriveJob): void
  setBakeOffset(seconds: number): void
  setLastPerformance(last: DriveState['lastPerformance']): void
  setPendingBake(pending: PendingBake | null): void
}

export const useDrive = create<DriveState>()((set) => ({
  open: false,
  driver: null,
  referenceSec: 0,
  options: DEFAULT_DRIVE_OPTIONS,
  job: { phase: 'idle' },
  bakeOffsetSec: 0,
  lastPerformance: null,
  pendingBake: null,
  openDialog: () => set({ open: true }),
  // A running job keeps the dialog: it closes once the job has ended.
  closeDialog: () => set((state) => (state.job.phase === 'idle' ? { open: false } : {})),
  setDriver: (driver) => set({ driver, referenceSec: driver.referenceSec }),
  setReference: (referenceSec) => set({ referenceSec }),
  setOptions: (options) => set((state) => ({ options: { ...state.options, ...options } })),
  setRegion: (region, on) =>
    set((state) => ({ options: { ...state.options, regions: { ...state.options.regions, [region]: on } } })),
  setJob: (job) => set({ job }),
  setBakeOffset: (bakeOffsetSec) => set({ bakeOffsetSec }),
  setLastPerformance: (lastPerformance) => set({ lastPerformance }),
  setPendingBake: (pendingBake) => set({ pendingBake })
}))
