// The studio's actions as data: one table from which the renderer's key handler, the help overlay, the
// timeline's key menu and the native menu's accelerators are all built. What each action does lives in the
// renderer (src/renderer/src/actions/perform-action.ts), keyed by id.
import type { MenuCommand } from '../ipc/contract'
import { bindingAccelerator, type KeyBinding } from './key-binding'

export const ACTION_GROUPS = ['Playback', 'Keys', 'Timeline', 'Viewport', 'Project'] as const
export type ActionGroup = (typeof ACTION_GROUPS)[number]

/** A modifier or key in a mouse gesture, in words; 'Ctrl', 'Shift' and 'Alt' are shown as ⌘, ⇧, ⌥ on macOS. */
export type GestureKeys = readonly string[]

export interface StudioActionSpec {
  readonly label: string
  readonly group: ActionGroup
  readonly keys?: readonly KeyBinding[]
  /** Mouse gestures (handled by the timeline's and the viewport's pointer code), listed in the help. */
  readonly gestures?: readonly GestureKeys[]
  /** The native menu command that runs it (see menuCommandSchema). */
  readonly menuCommand?: MenuCommand
  /** Short label in the timeline's key menu, where it is offered. */
  readonly keyMenuLabel?: string
  /** Skipped while a text field or a slider has focus (a focused slider keeps its arrow keys). */
  readonly yieldsToInputs?: boolean
}

const mod = true

export const STUDIO_ACTIONS = {
  playPause: { label: 'Play / pause', group: 'Playback', keys: [{ key: 'Space' }] },
  frameBack: {
    label: 'Previous frame',
    group: 'Playback',
    keys: [{ key: 'ArrowLeft' }],
    yieldsToInputs: true
  },
  frameForward: {
    label: 'Next frame',
    group: 'Playback',
    keys: [{ key: 'ArrowRight' }],
    yieldsToInputs: true
  },
  secondBack: {
    label: 'One second back',
    group: 'Playback',
    keys: [{ key: 'ArrowLeft', shift: true }],
    yieldsToInputs: true
  },
  secondForward: {
    label: 'One second forward',
    group: 'Playback',
    keys: [{ key: 'ArrowRight', shift: true }],
    yieldsToInputs: true
  },
  workAreaStart: {
    label: 'Start of the work area',
    group: 'Playback',
    keys: [{ key: 'Home' }],
    yieldsToInputs: true
  },
  workAreaEnd: {
    label: 'End of the work area',
    group: 'Playback',
    keys: [{ key: 'End' }],
    yieldsToInputs: true
  },

  keyAtPlayhead: {
    label: "Key the selected keys' tracks (or every track) at the playhead",
    group: 'Keys',
    keys: [{ key: 'K' }],
    keyMenuLabel: 'Key their tracks at the playhead'
  },
  deleteKeys: {
    label: 'Delete the selected keys',
    group: 'Keys',
    keys: [
      { key: 'Delete', shift: 'any' },
      { key: 'Backspace', shift: 'any' }
    ],
    keyMenuLabel: 'Delete'
  },
  copyKeys: {
    label: 'Copy the selected keys',
    group: 'Keys',
    keys: [{ key: 'C', mod }],
    keyMenuLabel: 'Copy'
  },
  pasteKeys: {
    label: 'Paste them at the playhead',
    group: 'Keys',
    keys: [{ key: 'V', mod }],
    keyMenuLabel: 'Paste at the playhead'
  },
  selectAllKeys: { label: 'Select every key', group: 'Keys', keys: [{ key: 'A', mod }] },
  clearSelection: { label: 'Clear the selection', group: 'Keys', keys: [{ key: 'Escape' }] },
  setInterpolation: { label: 'Set its interpolation', group: 'Keys', gestures: [['Right-click a key']] },
  keySlider: {
    label: 'Key that slider at the playhead, or remove its key',
    group: 'Keys',
    gestures: [['◆ beside a slider']]
  },

  toggleCurveView: {
    label: 'Curve view on / off (one track, with Bézier handles)',
    group: 'Timeline',
    keys: [{ key: 'G' }]
  },
  toggleKeyInSelection: {
    label: 'Add a key to the selection, or take it out',
    group: 'Timeline',
    gestures: [['Shift', 'click']]
  },
  boxSelect: { label: 'Select keys in a box', group: 'Timeline', gestures: [['Drag on empty space']] },
  moveWithoutSnap: {
    label: 'Move keys without snapping to other keys',
    group: 'Timeline',
    gestures: [['Alt', 'drag']]
  },
  moveCurveValue: {
    label: 'Change only its value',
    group: 'Timeline',
    gestures: [['Shift', 'drag a curve key']]
  },
  zoomTimeline: { label: 'Zoom in / out', group: 'Timeline', gestures: [['Ctrl', 'wheel']] },
  scrollTimeline: { label: 'Scroll in time', group: 'Timeline', gestures: [['Shift', 'wheel']] },
  playheadToKey: { label: 'Move the playhead to it', group: 'Timeline', gestures: [['Double-click a key']] },
  keyFocus: {
    label:
      'Move between keys: ← → along a track, ↑ ↓ across tracks; Shift adds, Enter moves the playhead there',
    group: 'Timeline',
    gestures: [['Tab to the keys', 'arrows']]
  },

  turnHead: {
    label: 'Turn the head (yaw and pitch) at the playhead',
    group: 'Viewport',
    gestures: [['Drag the preview']]
  },
  panCamera: { label: 'Pan the camera', group: 'Viewport', gestures: [['Shift', 'drag']] },
  zoomCamera: { label: 'Zoom the camera', group: 'Viewport', gestures: [['Alt', 'drag'], ['Wheel']] },
  resetCamera: { label: 'Reset the camera', group: 'Viewport', gestures: [['Double-click the preview']] },
  frameHead: {
    label: 'Frame the head (the view only; again to see the whole picture)',
    group: 'Viewport',
    keys: [{ key: 'F' }],
    yieldsToInputs: true
  },
  resetView: { label: 'Show the whole picture', group: 'Viewport', keys: [{ key: 'Home', shift: true }] },

  undo: { label: 'Undo', group: 'Project', keys: [{ key: 'Z', mod }], menuCommand: 'undo' },
  redo: { label: 'Redo', group: 'Project', keys: [{ key: 'Z', mod, shift: true }], menuCommand: 'redo' },
  save: {
    label: 'Save the project',
    group: 'Project',
    keys: [{ key: 'S', mod }],
    menuCommand: 'save-project'
  },
  saveAs: {
    label: 'Save as…',
    group: 'Project',
    keys: [{ key: 'S', mod, shift: true }],
    menuCommand: 'save-project-as'
  },
  openProject: {
    label: 'Open a project',
    group: 'Project',
    keys: [{ key: 'O', mod }],
    menuCommand: 'open-project'
  },
  openPortrait: {
    label: 'Open a portrait',
    group: 'Project',
    keys: [{ key: 'O', mod, shift: true }],
    menuCommand: 'open-portrait'
  },
  exportVideo: {
    label: 'Export a video',
    group: 'Project',
    keys: [{ key: 'E', mod }],
    menuCommand: 'export'
  },
  driveFromVideo: {
    label: 'Drive the portrait from a video',
    group: 'Project',
    keys: [{ key: 'D', mod, shift: true }],
    menuCommand: 'drive-from-video'
  },
  liveMode: {
    label: 'Perform it live from a camera',
    group: 'Project',
    keys: [{ key: 'L', mod, shift: true }],
    menuCommand: 'live-mode'
  },
  savePerformance: {
    label: 'Save the driven performance',
    group: 'Project',
    menuCommand: 'save-performance'
  },
  applyPerformance: {
    label: 'Apply a saved performance',
    group: 'Project',
    menuCommand: 'apply-performance'
  },
  importCurves: {
    label: 'Import rig curves (Live Link Face CSV, or JSON)',
    group: 'Project',
    menuCommand: 'import-curves'
  },
  generateMotion: {
    label: 'Generate idle life, an emotion, or speech from the sound',
    group: 'Project',
    keys: [{ key: 'G', mod, shift: true }],
    menuCommand: 'generate-motion'
  },
  addSound: {
    label: 'Add a sound to the project (a voice, music, or a video’s sound)',
    group: 'Project',
    menuCommand: 'add-sound'
  },
  showShortcuts: {
    label: 'This list (Esc closes it)',
    group: 'Project',
    keys: [{ key: 'F1' }, { key: '?', shift: 'any' }],
    menuCommand: 'show-shortcuts'
  }
} as const satisfies Record<string, StudioActionSpec>

export type StudioActionId = keyof typeof STUDIO_ACTIONS

export const STUDIO_ACTION_IDS = Object.keys(STUDIO_ACTIONS) as StudioActionId[]

/** The action a native menu command runs. */
export function actionOfMenuCommand(command: MenuCommand): StudioActionId | undefined {
  return STUDIO_ACTION_IDS.find((id) => specOf(id).menuCommand === command)
}

export function specOf(id: StudioActionId): StudioActionSpec {
  return STUDIO_ACTIONS[id]
}

/** The native menu accelerator of an action: its first key binding ('CmdOrCtrl+Shift+O'). */
export function acceleratorOf(id: StudioActionId): string | undefined {
  const binding = specOf(id).keys?.[0]
  return binding ? bindingAccelerator(binding) : undefined
}
