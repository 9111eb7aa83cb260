import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import type { MenuCommand, RecentProject } from '@shared/ipc/contract'
import { acceleratorOf, actionOfMenuCommand } from '@shared/actions/studio-action-list'
import type { EventSink } from '../core/ipc/ports'

/** `recent` fills File › Open Recent; the menu is rebuilt whenever that list changes. */
export function buildMenu(
  events: EventSink,
  getWindow: () => BrowserWindow | null,
  recent: readonly RecentProject[] = []
): Menu {
  const send = (command: MenuCommand) => () => {
    if (getWindow()) events.emit('onMenuCommand', command)
  }
  // A command's accelerator is its action's first key binding, from the one action table.
  const item = (label: string, command: MenuCommand): MenuItemConstructorOptions => {
    const action = actionOfMenuCommand(command)
    const accelerator = action ? acceleratorOf(action) : undefined
    return { label, ...(accelerator ? { accelerator } : {}), click: send(command) }
  }
  const openRecent: MenuItemConstructorOptions[] =
    recent.length === 0
      ? [{ label: 'No Recent Projects', enabled: false }]
      : recent.map((entry) => ({
          label: `${entry.name}  —  ${entry.folder}`,
          click: () => {
            if (getWindow()) events.emit('onOpenRecent', { id: entry.id })
          }
        }))
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        item('Open Portrait…', 'open-portrait'),
        item('Open Project…', 'open-project'),
        { label: 'Open Recent', submenu: openRecent },
        { type: 'separator' },
        item('Save Project', 'save-project'),
        item('Save Project As…', 'save-project-as'),
        { type: 'separator' },
        item('Export Video…', 'export'),
        { type: 'separator' },
        item('Drive from Video…', 'drive-from-video'),
        item('Live…', 'live-mode'),
        item('Save Performance…', 'save-performance'),
        item('Apply Performance…', 'apply-performance'),
        item('Import Curves…', 'import-curves'),
        item('Generate Motion…', 'generate-motion'),
        item('Add Sound…', 'add-sound'),
        { type: 'separator' },
        { role: process.platform === 'darwin' ? 'close' : 'quit' }
      ]
    },
    {
      label: 'Edit',
      submenu: [
        item('Undo', 'undo'),
        item('Redo', 'redo'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' }
      ]
    },
    { label: 'View', submenu: [{ role: 'togglefullscreen' }, { role: 'toggleDevTools' }] },
    {
      label: 'Help',
      // F1 here; '?' is handled in the renderer, which knows when the user is typing into a field.
      submenu: [item('Keyboard Shortcuts', 'show-shortcuts')]
    }
  ]
  return Menu.buildFromTemplate(template)
}
