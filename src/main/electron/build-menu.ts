import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import type { MenuCommand, RecentProject } from '@shared/ipc/contract'
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
        { label: 'Open Portrait…', accelerator: 'CmdOrCtrl+Shift+O', click: send('open-portrait') },
        { label: 'Open Project…', accelerator: 'CmdOrCtrl+O', click: send('open-project') },
        { label: 'Open Recent', submenu: openRecent },
        { type: 'separator' },
        { label: 'Save Project', accelerator: 'CmdOrCtrl+S', click: send('save-project') },
        { label: 'Save Project As…', accelerator: 'CmdOrCtrl+Shift+S', click: send('save-project-as') },
        { type: 'separator' },
        { label: 'Export Video…', accelerator: 'CmdOrCtrl+E', click: send('export') },
        { type: 'separator' },
        { label: 'Drive from Video…', accelerator: 'CmdOrCtrl+Shift+D', click: send('drive-from-video') },
        { label: 'Save Performance…', click: send('save-performance') },
        { label: 'Apply Performance…', click: send('apply-performance') },
        { type: 'separator' },
        { role: process.platform === 'darwin' ? 'close' : 'quit' }
      ]
    },
    {
      label: 'Edit',
      submenu: [
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: send('undo') },
        { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', click: send('redo') },
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
      submenu: [{ label: 'Keyboard Shortcuts', accelerator: 'F1', click: send('show-shortcuts') }]
    }
  ]
  return Menu.buildFromTemplate(template)
}
