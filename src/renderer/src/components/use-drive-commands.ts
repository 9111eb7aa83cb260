import { useCallback, useMemo } from 'react'
import { MimesisIpcError } from '@shared/ipc/api'
import type { FileRef, OpenedPerformance } from '@shared/ipc/contract'
import { useDrive, type PendingBake } from '../store/drive-store'
import { useStudio } from '../store/studio-store'
import { bakeHistory } from './bake-history'
import { bakePerformance, needsLengthen, type BakeOutcome } from './bake-plan'
import { formatClipTime } from './drive-text'

export interface DriveCommands {
  /** Drive from video…: the dialog with the tracked clip, or the file dialog when there is none yet. */
  open(): void
  /** Chooses a driving video in the file dialog and tracks it. */
  chooseVideo(): Promise<void>
  /** Tracks a video dropped onto the window. */
  importFile(file: File): Promise<void>
  /** Retargets the tracked clip with the dialog's options and bakes it at the playhead. */
  bake(): Promise<void>
  /** Cancels the running tracking or bake. */
  cancel(): void
  /** Tracks the same clip again, following its `faceIndex`-th largest face (0 = the largest). */
  followFace(faceIndex: number): Promise<void>
  savePerformance(): Promise<void>
  /** Reads a performance file and bakes it at the playhead. */
  applyPerformance(): Promise<void>
  /** Reads rig curves (Live Link Face CSV, or rig-curves JSON) and bakes them at the playhead. */
  importCurves(): Promise<void>
  /** The answer to "lengthen the animation to fit the clip?"; null drops the bake. */
  answerLengthen(lengthen: boolean | null): void
}

function codeOf(error: unknown): string {
  return error instanceof MimesisIpcError ? error.code : 'internal'
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

const notify = (tone: 'info' | 'error', text: string) => useStudio.getState().showNotice({ tone, text })

/** False (and says why) until there is a head to drive. */
function requireAvatar(): boolean {
  if (useStudio.getState().avatar.kind === 'ready') return true
  notify('info', 'Open a portrait first: the video drives the portrait’s head, once it is built.')
  return false
}

/** Bakes as one undo step; the notice says how many keys went in and how to take them out. */
function commitBake(pending: PendingBake, lengthen: boolean): void {
  const result: { outcome?: BakeOutcome } = {}
  const before = useStudio.getState()
  const was = { audio: before.audio, bakeOffsetSec: useDrive.getState().bakeOffsetSec }
  useStudio.getState().commit(
    (document) => {
      result.outcome = bakePerformance(document, pending.performance, pending.at, lengthen)
      return result.outcome.document
    },
    { history: true }
  )
  const drive = useDrive.getState()
  drive.setPendingBake(null)
  if (pending.fromDriver) drive.setBakeOffset(pending.at)
  if (pending.audio)
    useStudio.getState().setAudio({ file: pending.audio, startSec: pending.at, muted: false })
  const after = useStudio.getState()
  if (after.document !== before.document) {
    bakeHistory.remember(before.document, was, after.document, {
      audio: after.audio,
      bakeOffsetSec: useDrive.getState().bakeOffsetSec
    })
  }
  const outcome = result.outcome
  if (!outcome) return
  const skipped =
    outcome.skipped.length > 0
      ? ` ${outcome.skipped.length} track(s) this head has no slider for were left out (${outcome.skipped.slice(0, 3).join(', ')}).`
      : ''
  const sound = pending.audio ? ' Its sound is now the project’s audio track.' : ''
  notify(
    'info',
    `Baked ${outcome.keys} keys from ${pending.label} at ${formatClipTime(pending.at)}.${sound}${skipped} Undo (Ctrl+Z) takes it out again.`
  )
}

/** Bakes now, or first asks whether to lengthen the animation when the clip runs past its end. */
function planBake(pending: PendingBake): void {
  if (needsLengthen(useStudio.getState().document, pending.performance, pending.at)) {
    useDrive.getState().setPendingBake(pending)
  } else {
    commitBake(pending, false)
  }
}

/** The tracked driver's sound as a granted .m4a; a failure is reported and the bake goes on silent. */
async function driverSound(): Promise<FileRef | null> {
  const { job, setJob } = useDrive.getState()
  if (job.phase !== 'idle') setJob({ ...job, message: 'Extracting the sound…', etaMs: null })
  try {
    return (await window.mimesis.driverAudio())?.file ?? null
  } catch (error) {
    notify('error', `The clip’s sound could not be extracted, so the bake has none: ${messageOf(error)}`)
    return null
  }
}

/** The clip tracked last, so that another of its faces can be followed without choosing the file again. */
let trackedFile: FileRef | null = null

async function track(file: FileRef, faceIndex = 0): Promise<void> {
  const drive = useDrive.getState()
  if (drive.job.phase !== 'idle') return
  drive.setJob({
    phase: 'tracking',
    name: file.name,
    fraction: 0,
    message: `Reading ${file.name}…`,
    etaMs: null,
    cancelling: false
  })
  drive.openDialog()
  try {
    const summary = await window.mimesis.trackDriver({ token: file.token, faceIndex })
    trackedFile = file
    useDrive.getState().setDriver(summary)
    useDrive.getState().setBakeOffset(0)
    useDrive.getState().setJob({ phase: 'idle' })
  } catch (error) {
    useDrive.getState().setJob({ phase: 'idle' })
    useDrive.getState().closeDialog()
    if (codeOf(error) === 'drive-cancelled') {
      notify('info', `Tracking ${file.name} was cancelled. Nothing was changed.`)
    } else {
      notify('error', `${file.name} cannot drive the portrait: ${messageOf(error)}`)
    }
  }
}

/**
 * Reads a performance file or rig curves (`open`, null: the dialog was cancelled) and bakes it at the playhead as one
 * undo step; a failure is reported after `failure`.
 */
async function bakeOpenedFile(open: () => Promise<OpenedPerformance | null>, failure: string): Promise<void> {
  if (useStudio.getState().portrait.kind !== 'ready') {
    notify('info', 'Open a portrait first: a performance is applied to the portrait’s animation.')
    return
  }
  try {
    const opened = await open()
    if (!opened) return
    useDrive.getState().setLastPerformance({ performance: opened.performance, name: opened.file.name })
    planBake({
      performance: opened.performance,
      at: useStudio.getState().playhead,
      label: opened.file.name,
      fromDriver: false,
      audio: null
    })
  } catch (error) {
    notify('error', `${failure}: ${messageOf(error)}`)
  }
}

/** Drive from video, save and apply performances: what the menu, the top bar and drops call. */
export function useDriveCommands(): DriveCommands {
  const chooseVideo = useCallback(async () => {
    if (!requireAvatar()) return
    try {
      const file = await window.mimesis.openDriverDialog()
      if (file) await track(file)
    } catch (error) {
      notify('error', `The video could not be opened: ${messageOf(error)}`)
    }
  }, [])

  const open = useCallback(() => {
    if (!requireAvatar()) return
    if (useDrive.getState().driver) useDrive.getState().openDialog()
    else void chooseVideo()
  }, [chooseVideo])

  const importFile = useCallback(async (file: File) => {
    if (!requireAvatar()) return
    try {
      await track(await window.mimesis.importDroppedFile(file))
    } catch (error) {
      notify('error', `The video could not be opened: ${messageOf(error)}`)
    }
  }, [])

  const bake = useCallback(async () => {
    const drive = useDrive.getState()
    const { driver, options, referenceSec } = drive
    if (!driver || drive.job.phase !== 'idle' || !requireAvatar()) return
    drive.setJob({
      phase: 'baking',
      name: driver.name,
      fraction: 0,
      message: 'Preparing…',
      etaMs: null,
      cancelling: false
    })
    try {
      const result = await window.mimesis.driveAvatar({
        mode: options.mode,
        intensity: options.intensity,
        gains: {},
        regions: options.regions,
        referenceSec,
        smoothing: options.smooth,
        dense: options.dense
      })
      const audio = driver.hasAudio ? await driverSound() : null
      const after = useDrive.getState()
      after.setJob({ phase: 'idle' })
      after.setLastPerformance({ performance: result.performance, name: driver.name })
      after.closeDialog()
      planBake({
        performance: result.performance,
        at: useStudio.getState().playhead,
        label: driver.name,
        fromDriver: true,
        audio
      })
    } catch (error) {
      useDrive.getState().setJob({ phase: 'idle' })
      if (codeOf(error) === 'drive-cancelled') return
      useDrive.getState().closeDialog()
      notify('error', `The bake did not finish: ${messageOf(error)}`)
    }
  }, [])

  const followFace = useCallback(async (faceIndex: number) => {
    if (trackedFile) await track(trackedFile, faceIndex)
  }, [])

  const cancel = useCallback(() => {
    const { job, setJob } = useDrive.getState()
    if (job.phase === 'idle' || job.cancelling) return
    setJob({ ...job, cancelling: true })
    void window.mimesis.cancelDrive().catch(() => undefined)
  }, [])

  const savePerformance = useCallback(async () => {
    const last = useDrive.getState().lastPerformance
    if (!last) {
      notify('info', 'Nothing to save yet: bake a performance with Drive from video… first.')
      return
    }
    try {
      const file = await window.mimesis.savePerformance({
        performance: last.performance,
        defaultName: last.name
      })
      if (file) notify('info', `Saved ${file.name}`)
    } catch (error) {
      notify('error', `The performance was not saved: ${messageOf(error)}`)
    }
  }, [])

  const applyPerformance = useCallback(
    () => bakeOpenedFile(() => window.mimesis.openPerformance(), 'The performance could not be applied'),
    []
  )

  const importCurves = useCallback(
    () => bakeOpenedFile(() => window.mimesis.importCurves(), 'The curves could not be imported'),
    []
  )

  const answerLengthen = useCallback((lengthen: boolean | null) => {
    const pending = useDrive.getState().pendingBake
    if (!pending) return
    if (lengthen === null) useDrive.getState().setPendingBake(null)
    else commitBake(pending, lengthen)
  }, [])

  return useMemo(
    () => ({
      open,
      chooseVideo,
      importFile,
      bake,
      cancel,
      followFace,
      savePerformance,
      applyPerformance,
      importCurves,
      answerLengthen
    }),
    [
      open,
      chooseVideo,
      importFile,
      bake,
      cancel,
      followFace,
      savePerformance,
      applyPerformance,
      importCurves,
      answerLengthen
    ]
  )
}
