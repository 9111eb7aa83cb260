import { describe, expect, it } from 'vitest'
import {
  bindingAccelerator,
  bindingKeys,
  bindingMatches,
  type KeyBinding,
  type KeyPress
} from '@shared/actions/key-binding'
import {
  acceleratorOf,
  actionOfMenuCommand,
  specOf,
  STUDIO_ACTION_IDS
} from '@shared/actions/studio-action-list'
import { menuCommandSchema } from '@shared/ipc/contract'
import { helpGroups } from '../../../src/renderer/src/actions/help-groups'

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  code: key === ' ' ? 'Space' : `Key${key.toUpperCase()}`,
  mod: false,
  shift: false,
  alt: false,
  ...extra
})

/** The actions whose bindings match a press. */
const matching = (p: KeyPress) =>
  STUDIO_ACTION_IDS.filter((id) => specOf(id).keys?.some((b) => bindingMatches(b, p)))

describe('key bindings', () => {
  it.each([
    [press(' '), ['playPause']],
    [press('?', { shift: true }), ['showShortcuts']],
    [press('?'), ['showShortcuts']],
    [press('F1'), ['showShortcuts']],
    [press('z', { mod: true }), ['undo']],
    [press('Z', { mod: true, shift: true }), ['redo']],
    [press('o', { mod: true }), ['openProject']],
    [press('O', { mod: true, shift: true }), ['openPortrait']],
    [press('ArrowLeft'), ['frameBack']],
    [press('ArrowLeft', { shift: true }), ['secondBack']],
    [press('Backspace', { shift: true }), ['deleteKeys']],
    [press('k'), ['keyAtPlayhead']],
    [press('k', { mod: true }), []],
    [press('g', { alt: true }), []]
  ])('%o runs %o', (p, ids) => {
    expect(matching(p)).toEqual(ids)
  })

  it('no key press runs two actions', () => {
    const bindings = STUDIO_ACTION_IDS.flatMap((id) => (specOf(id).keys ?? []).map((b) => ({ id, b })))
    for (const { id, b } of bindings) {
      for (const shift of [false, true]) {
        if (b.shift !== 'any' && (b.shift ?? false) !== shift) continue
        const p: KeyPress = {
          key: b.key === 'Space' ? ' ' : b.key,
          code: b.key === 'Space' ? 'Space' : '',
          mod: b.mod ?? false,
          shift,
          alt: b.alt ?? false
        }
        expect(matching(p), `${id} ${JSON.stringify(b)}`).toEqual([id])
      }
    }
  })

  it('shows modifiers the platform way', () => {
    const b: KeyBinding = { key: 'Z', mod: true, shift: true }
    expect(bindingKeys(b, false)).toEqual(['Ctrl', 'Shift', 'Z'])
    expect(bindingKeys(b, true)).toEqual(['⌘', '⇧', 'Z'])
    expect(bindingKeys({ key: 'ArrowRight' }, false)).toEqual(['→'])
    expect(bindingAccelerator(b)).toBe('CmdOrCtrl+Shift+Z')
  })
})

describe('the native menu', () => {
  it('runs one action for every menu command, with the same keys as the key handler', () => {
    for (const command of menuCommandSchema.options) {
      expect(actionOfMenuCommand(command), command).toBeDefined()
    }
    expect(acceleratorOf('openPortrait')).toBe('CmdOrCtrl+Shift+O')
    expect(acceleratorOf('saveAs')).toBe('CmdOrCtrl+Shift+S')
    expect(acceleratorOf('showShortcuts')).toBe('F1')
    expect(acceleratorOf('savePerformance')).toBeUndefined()
  })
})

describe('the help overlay', () => {
  it('lists every action that has keys or a gesture, in its group', () => {
    const rows = helpGroups(false).flatMap((g) => g.rows.map((r) => r.action))
    for (const id of STUDIO_ACTION_IDS) {
      const spec = specOf(id)
      if (spec.keys || spec.gestures) expect(rows).toContain(spec.label)
      else expect(rows).not.toContain(spec.label)
    }
    const project = helpGroups(true).find((g) => g.title === 'Project')!
    expect(project.rows.find((r) => r.action === 'Redo')!.keys).toEqual([['⌘', '⇧', 'Z']])
    const timeline = helpGroups(true).find((g) => g.title === 'Timeline')!
    expect(timeline.rows.find((r) => r.action === 'Zoom in / out')!.keys).toEqual([['⌘', 'wheel']])
  })
})
