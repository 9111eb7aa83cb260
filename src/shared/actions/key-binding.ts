// Key bindings of the studio's actions: how one is matched against a key press, and how it is shown.

/** One key combination. `key` is a KeyboardEvent.key (case-insensitive), or 'Space' (matched on the code). */
export interface KeyBinding {
  readonly key: string
  /** Ctrl (Cmd on macOS). */
  readonly mod?: boolean
  /** Shift must be down (true), up (false, the default), or either ('any': a key such as ? that needs it). */
  readonly shift?: boolean | 'any'
  readonly alt?: boolean
}

/** What of a keydown event a binding looks at. */
export interface KeyPress {
  readonly key: string
  readonly code: string
  readonly mod: boolean
  readonly shift: boolean
  readonly alt: boolean
}

/** The fields of a DOM KeyboardEvent that a press is made of. */
export interface KeyEventLike {
  readonly key: string
  readonly code: string
  readonly ctrlKey: boolean
  readonly metaKey: boolean
  readonly shiftKey: boolean
  readonly altKey: boolean
}

export function keyPressOf(event: KeyEventLike): KeyPress {
  return {
    key: event.key,
    code: event.code,
    mod: event.ctrlKey || event.metaKey,
    shift: event.shiftKey,
    alt: event.altKey
  }
}

export function bindingMatches(binding: KeyBinding, press: KeyPress): boolean {
  const keyMatches =
    binding.key === 'Space' ? press.code === 'Space' : press.key.toLowerCase() === binding.key.toLowerCase()
  const shift = binding.shift ?? false
  return (
    keyMatches &&
    press.mod === (binding.mod ?? false) &&
    press.alt === (binding.alt ?? false) &&
    (shift === 'any' || press.shift === shift)
  )
}

const ARROWS: Readonly<Record<string, string>> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Escape: 'Esc'
}

/** The keys of a binding as the help overlay shows them; `mac` shows ⌘, ⇧ and ⌥ for Ctrl, Shift and Alt. */
export function bindingKeys(binding: KeyBinding, mac: boolean): string[] {
  const keys: string[] = []
  if (binding.mod) keys.push(mac ? '⌘' : 'Ctrl')
  if (binding.shift === true) keys.push(mac ? '⇧' : 'Shift')
  if (binding.alt) keys.push(mac ? '⌥' : 'Alt')
  const name = ARROWS[binding.key] ?? (binding.key.length === 1 ? binding.key.toUpperCase() : binding.key)
  keys.push(name)
  return keys
}

/** The binding as an Electron menu accelerator, e.g. 'CmdOrCtrl+Shift+O'. */
export function bindingAccelerator(binding: KeyBinding): string {
  const parts: string[] = []
  if (binding.mod) parts.push('CmdOrCtrl')
  if (binding.shift === true) parts.push('Shift')
  if (binding.alt) parts.push('Alt')
  parts.push(binding.key.length === 1 ? binding.key.toUpperCase() : binding.key)
  return parts.join('+')
}
