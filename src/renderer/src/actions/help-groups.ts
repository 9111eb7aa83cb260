// The help overlay's rows, built from the action table: every action with keys or gestures, by group.
import { bindingKeys } from '@shared/actions/key-binding'
import {
  ACTION_GROUPS,
  specOf,
  STUDIO_ACTION_IDS,
  type ActionGroup
} from '@shared/actions/studio-action-list'

export interface HelpRow {
  /** Alternatives; each is a list of keys pressed together (or a mouse gesture in words). */
  readonly keys: readonly (readonly string[])[]
  readonly action: string
}

export interface HelpGroup {
  readonly title: ActionGroup
  readonly rows: readonly HelpRow[]
}

const MAC_MODIFIERS: Readonly<Record<string, string>> = { Ctrl: '⌘', Shift: '⇧', Alt: '⌥' }

/** `mac` shows ⌘, ⇧ and ⌥ where other systems show Ctrl, Shift and Alt. */
export function helpGroups(mac: boolean): HelpGroup[] {
  return ACTION_GROUPS.map((title) => ({
    title,
    rows: STUDIO_ACTION_IDS.map(specOf)
      .filter((spec) => spec.group === title && (spec.keys || spec.gestures))
      .map((spec) => ({
        action: spec.label,
        keys: [
          ...(spec.keys ?? []).map((binding) => bindingKeys(binding, mac)),
          ...(spec.gestures ?? []).map((g) => g.map((k) => (mac ? (MAC_MODIFIERS[k] ?? k) : k)))
        ]
      }))
  }))
}

/** True on macOS (from the core's platform string, else the browser's). */
export function isMacPlatform(platform: string | undefined): boolean {
  if (platform) return platform.startsWith('darwin')
  // Through globalThis: this module is also imported by unit tests running in Node, which has no DOM types.
  const agent = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent
  return agent !== undefined && /Mac/i.test(agent)
}
