// What each of the studio's actions does (the table of what they are is src/shared/actions). Every perform
// reads the stores when it runs, so the key handler, the native menu and the timeline's key menu share it.
import { allKeyRefs, copyKeys, existingKeyRefs, removeKeys } from '@shared/timeline'
import type { StudioActionId } from '@shared/actions/studio-action-list'
import { useExport } from '../store/export-store'
import { useOverlays } from '../store/overlay-store'
import { useStudio, type StudioState } from '../store/studio-store'
import { useTimelineSelection } from '../store/timeline-selection-store'
import { keyTracksAt, pasteAt } from '../components/timeline/timeline-commands'
import { tracksOf } from '../components/timeline/timeline-selection'
import type { DriveCommands } from '../components/use-drive-commands'
import { openGenerateDialog } from '../components/generate-plan'
import { addSoundFromFile } from '../components/add-sound'
import { openLiveMode } from '../components/live/live-takes'
import type { PortraitIntake } from '../components/use-portrait-intake'
import type { ProjectCommands } from '../components/use-project-commands'
import { resetView, toggleFrameHead } from '../components/viewport/frame-head'

/** The commands that open dialogs and files, from the hooks that own them. */
export interface StudioCommands {
  readonly intake: PortraitIntake
  readonly projects: ProjectCommands
  readonly drive: DriveCommands
}

/** Runs an action; false when it does not apply now (a key press then goes on as if it were not bound). */
export type Perform = (commands: StudioCommands) => boolean

const selectedKeys = () =>
  existingKeyRefs(useStudio.getState().document, useTimelineSelection.getState().selected)

/** Moves the playhead to `time(state)` (s), stopping playback; not without a portrait. */
const seek =
  (time: (studio: StudioState) => number): Perform =>
  () => {
    const studio = useStudio.getState()
    if (studio.portrait.kind !== 'ready') return false
    studio.setPlaying(false)
    studio.setPlayhead(time(studio))
    return true
  }

/** `frames` frames from the playhead (whole seconds when `seconds`), from the frame it is on. */
const step = (frames: number, seconds = false): Perform =>
  seek((studio) => {
    const { fps } = studio.document.settings
    const frame = Math.round(studio.playhead * fps)
    return (frame + frames * (seconds ? Math.round(fps) : 1)) / fps
  })

const gesture: Perform = () => false

export const PERFORM: Readonly<Record<StudioActionId, Perform>> = {
  playPause: () => {
    const studio = useStudio.getState()
    if (studio.portrait.kind === 'ready') studio.setPlaying(!studio.playing)
    return true
  },
  frameBack: step(-1),
  frameForward: step(1),
  secondBack: step(-1, true),
  secondForward: step(1, true),
  workAreaStart: seek((studio) => studio.document.settings.workArea.in),
  workAreaEnd: seek((studio) => studio.document.settings.workArea.out),

  keyAtPlayhead: () => {
    const studio = useStudio.getState()
    const { document } = keyTracksAt(studio.document, tracksOf(selectedKeys()), studio.playhead)
    studio.commit(() => document, { history: true })
    return true
  },
  deleteKeys: () => {
    const selected = selectedKeys()
    if (selected.length === 0) return false
    useStudio.getState().commit((doc) => removeKeys(doc, selected), { history: true })
    useTimelineSelection.getState().clearSelection()
    return true
  },
  copyKeys: () => {
    const selected = selectedKeys()
    if (selected.length === 0) return false
    useTimelineSelection.getState().setClipboard(copyKeys(useStudio.getState().document, selected))
    return true
  },
  pasteKeys: () => {
    const timeline = useTimelineSelection.getState()
    if (!timeline.clipboard) return false
    const studio = useStudio.getState()
    const { document, pasted } = pasteAt(studio.document, timeline.clipboard, studio.playhead)
    studio.commit(() => document, { history: true })
    timeline.select(pasted)
    return true
  },
  selectAllKeys: () => {
    useTimelineSelection.getState().select(allKeyRefs(useStudio.getState().document))
    return true
  },
  clearSelection: () => {
    if (selectedKeys().length === 0) return false
    useTimelineSelection.getState().clearSelection()
    return true
  },
  setInterpolation: gesture,
  keySlider: gesture,

  toggleCurveView: () => {
    const timeline = useTimelineSelection.getState()
    timeline.setCurveView(!timeline.curveView)
    return true
  },
  toggleKeyInSelection: gesture,
  boxSelect: gesture,
  moveWithoutSnap: gesture,
  moveCurveValue: gesture,
  zoomTimeline: gesture,
  scrollTimeline: gesture,
  playheadToKey: gesture,
  keyFocus: gesture,
  turnHead: gesture,
  panCamera: gesture,
  zoomCamera: gesture,
  resetCamera: gesture,

  frameHead: () => toggleFrameHead(),
  resetView: () => resetView(),
  undo: () => (useStudio.getState().undo(), true),
  redo: () => (useStudio.getState().redo(), true),
  save: ({ projects }) => (void projects.save(), true),
  saveAs: ({ projects }) => (void projects.save({ saveAs: true }), true),
  openProject: ({ projects }) => (void projects.open(), true),
  openPortrait: ({ intake }) => (intake.openDialog(), true),
  exportVideo: () => {
    if (useStudio.getState().avatar.kind === 'ready') useExport.getState().openDialog()
    return true
  },
  driveFromVideo: ({ drive }) => (drive.open(), true),
  liveMode: () => (openLiveMode(), true),
  savePerformance: ({ drive }) => (void drive.savePerformance(), true),
  applyPerformance: ({ drive }) => (void drive.applyPerformance(), true),
  importCurves: ({ drive }) => (void drive.importCurves(), true),
  generateMotion: () => (openGenerateDialog(useTimelineSelection.getState().selected), true),
  addSound: () => (void addSoundFromFile(), true),
  showShortcuts: () => (useOverlays.getState().setHelp(true), true)
}
