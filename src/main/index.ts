// Electron entry: windows, menus and IPC wiring only. All real work lives in ./core, which never
// imports electron and is shared with the CLI and the renderer test host.
import { app, BrowserWindow, dialog, Menu, shell } from 'electron'
import { join } from 'node:path'
import { createCoreServices } from './core/app/create-core-services'
import { createHandlers, createPrivilegedHandlers } from './core/ipc/create-handlers'
import type { DialogPort, EventSink } from './core/ipc/ports'
import { eventChannels } from '@shared/ipc/channels'
import { buildMenu } from './electron/build-menu'
import { createCloseGuard } from './electron/close-guard'
import { createMainWindow } from './electron/create-main-window'
import { registerIpc } from './electron/register-ipc'
import { applySessionSecurity, enforceGlobalSecurity } from './electron/security'

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined
let mainWindow: BrowserWindow | null = null

const dialogs: DialogPort = {
  async openFile({ title, filters }) {
    const options = { title, filters, properties: ['openFile' as const] }
    const result = mainWindow
      ? await dialog.showOpenDialog(mainWindow, options)
      : await dialog.showOpenDialog(options)
    return result.canceled ? null : (result.filePaths[0] ?? null)
  },
  async saveFile({ title, defaultName, filters }) {
    const options = { title, defaultPath: defaultName, filters }
    const result = mainWindow
      ? await dialog.showSaveDialog(mainWindow, options)
      : await dialog.showSaveDialog(options)
    return result.canceled ? null : (result.filePath ?? null)
  }
}

const events: EventSink = {
  emit(method, payload) {
    mainWindow?.webContents.send(eventChannels[method], payload)
  }
}

if (!app.requestSingleInstanceLock()) app.quit()

enforceGlobalSecurity()

const closeGuard = createCloseGuard(() => events.emit('onCloseRequested', undefined))

void app.whenReady().then(() => {
  const resourcesDir = app.isPackaged
    ? join(process.resourcesPath, 'resources')
    : join(app.getAppPath(), 'resources')
  const services = createCoreServices({
    runtime: 'electron',
    appVersion: app.getVersion(),
    development: !app.isPackaged,
    userDataDir: app.getPath('userData'),
    resourcesDir,
    dialogs,
    events,
    shell: { showItemInFolder: (path) => shell.showItemInFolder(path) },
    lifecycle: closeGuard.lifecycle
  })
  services.logger.info('Mimesis Studio starting', { version: app.getVersion(), packaged: app.isPackaged })
  applySessionSecurity(devServerUrl)
  registerIpc(createHandlers(services), createPrivilegedHandlers(services), services.logger, devServerUrl)
  const rebuildMenu = async () =>
    Menu.setApplicationMenu(buildMenu(events, () => mainWindow, await services.recentProjects.list()))
  Menu.setApplicationMenu(buildMenu(events, () => mainWindow))
  void rebuildMenu()
  services.recentProjects.onChange(() => void rebuildMenu())
  mainWindow = createMainWindow(devServerUrl)
  closeGuard.attach(mainWindow)
  mainWindow.on('closed', () => (mainWindow = null))

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore()
    mainWindow?.focus()
  })
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length !== 0) return
    mainWindow = createMainWindow(devServerUrl)
    closeGuard.attach(mainWindow)
  })
  // A clean exit (the renderer agreed to close) removes this run's autosave; otherwise it stays for
  // recovery on the next start.
  let exiting = false
  app.on('will-quit', (event) => {
    if (exiting) return
    event.preventDefault()
    exiting = true
    void (closeGuard.cleanExit ? services.autosave.markCleanExit() : Promise.resolve())
      .catch((error: unknown) => services.logger.warn('Autosave clean-up failed', { error: String(error) }))
      .then(() => services.logger.flush())
      .finally(() => app.quit())
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
