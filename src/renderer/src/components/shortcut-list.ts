// Every keyboard shortcut and mouse gesture of the studio, in one list that the help overlay shows.
// The handlers live in use-shortcuts.ts (global), use-timeline-keys.ts (timeline), the timeline's
// pointer code and use-viewport-orbit.ts (preview); when one changes, change its line here.

export interface Shortcut {
  /** Alternatives; each is a list of keys pressed together (or a mouse gesture in words). */
  readonly keys: readonly (readonly string[])[]
  readonly action: string
}

export interface ShortcutGroup {
  readonly title: string
  readonly shortcuts: readonly Shortcut[]
}

/** `mac` shows ⌘, ⇧ and ⌥ where other systems show Ctrl, Shift and Alt. */
export function shortcutGroups(mac: boolean): ShortcutGroup[] {
  const mod = mac ? '⌘' : 'Ctrl'
  const shift = mac ? '⇧' : 'Shift'
  const alt = mac ? '⌥' : 'Alt'
  return [
    {
      title: 'Playback',
      shortcuts: [
        { keys: [['Space']], action: 'Play / pause' },
        { keys: [['←'], ['→']], action: 'Previous / next frame' },
        {
          keys: [
            [shift, '←'],
            [shift, '→']
          ],
          action: 'One second back / forward'
        },
        { keys: [['Home'], ['End']], action: 'Start / end of the work area' }
      ]
    },
    {
      title: 'Keys',
      shortcuts: [
        { keys: [['K']], action: "Key the selected keys' tracks (or every track) at the playhead" },
        { keys: [['Delete'], ['Backspace']], action: 'Delete the selected keys' },
        { keys: [[mod, 'C']], action: 'Copy the selected keys' },
        { keys: [[mod, 'V']], action: 'Paste them at the playhead' },
        { keys: [[mod, 'A']], action: 'Select every key' },
        { keys: [['Esc']], action: 'Clear the selection' },
        { keys: [['Right-click a key']], action: 'Set its interpolation' },
        { keys: [['◆ beside a slider']], action: 'Key that slider at the playhead, or remove its key' }
      ]
    },
    {
      title: 'Timeline',
      shortcuts: [
        { keys: [['G']], action: 'Curve view on / off (one track, with Bézier handles)' },
        { keys: [[shift, 'click']], action: 'Add a key to the selection, or take it out' },
        { keys: [['Drag on empty space']], action: 'Select keys in a box' },
        { keys: [[alt, 'drag']], action: 'Move keys without snapping to other keys' },
        { keys: [[shift, 'drag a curve key']], action: 'Change only its value' },
        { keys: [[mod, 'wheel']], action: 'Zoom in / out' },
        { keys: [[shift, 'wheel']], action: 'Scroll in time' },
        { keys: [['Double-click a key']], action: 'Move the playhead to it' }
      ]
    },
    {
      title: 'Viewport',
      shortcuts: [
        { keys: [['Drag the preview']], action: 'Turn the head (yaw and pitch) at the playhead' },
        { keys: [[shift, 'drag']], action: 'Pan the camera' },
        { keys: [[alt, 'drag'], ['Wheel']], action: 'Zoom the camera' },
        { keys: [['Double-click the preview']], action: 'Reset the camera' }
      ]
    },
    {
      title: 'Project',
      shortcuts: [
        { keys: [[mod, 'Z']], action: 'Undo' },
        { keys: [[mod, shift, 'Z']], action: 'Redo' },
        { keys: [[mod, 'S']], action: 'Save the project' },
        { keys: [[mod, shift, 'S']], action: 'Save as…' },
        { keys: [[mod, 'O']], action: 'Open a project' },
        { keys: [[mod, shift, 'O']], action: 'Open a portrait' },
        { keys: [[mod, 'E']], action: 'Export a video' },
        { keys: [[mod, shift, 'D']], action: 'Drive the portrait from a video' },
        { keys: [['?'], ['F1']], action: 'This list (Esc closes it)' }
      ]
    }
  ]
}

/** True on macOS (from the core's platform string, else the browser's). */
export function isMacPlatform(platform: string | undefined): boolean {
  if (platform) return platform.startsWith('darwin')
  return typeof navigator !== 'undefined' && /Mac/i.test(navigator.userAgent)
}
