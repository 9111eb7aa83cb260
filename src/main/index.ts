// Electron entry: windows, menus, dialogs and IPC wiring only. All real work lives in ./core, which
// never imports electron; here it runs in a separate core process (./core-process, started with
// utilityProcess.fork and restarted if it crashes), so long synchronous work never freezes the window.
import { app, BrowserWindow, dialog, Menu, shell } from 'electron'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { resolveAppPaths } from './core/app/app-paths'
import { createFileLogger } from './core/app/logger'
import type { DialogPort, EventSink } from './core/ipc/ports'
import { createCoreProxy } from './core-process/core-proxy'
import { createCoreSupervisor } from './core-process/core-supervisor'
import { eventChannels, invokeChannels } from '@shared/ipc/channels'
import type { RecentProject } from '@shared/ipc/contract'
import { buildMenu } from './electron/build-menu'
import { createCloseGuard } from './electron/close-guard'
import { createMainWindow } from './electron/create-main-window'
import { forkUtilityCore } from './electron/fork-utility-core'
import { registerIpc } from './electron/register-ipc'
import { createCameraGate } from './electron/permission-policy'
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
  const userDataDir = app.getPath('userData')
  const logger = createFileLogger(resolveAppPaths(userDataDir, resourcesDir).logs)
  logger.info('Mimesis Studio starting', { version: app.getVersion(), packaged: app.isPackaged })
  const rebuildMenu = async () => {
    const recent = await core.invoke(invokeChannels.listRecentProjects, undefined)
    const entries = recent.ok ? (recent.value as RecentProject[]) : []
    Menu.setApplicationMenu(buildMenu(events, () => mainWindow, entries))
  }
  const core = createCoreSupervisor({
    fork: forkUtilityCore(join(__dirname, 'core-process.js')),
    init: {
      runtime: 'electron',
      appVersion: app.getVersion(),
      development: !app.isPackaged,
      userDataDir,
      resourcesDir,
      autosaveSessionId: randomUUID()
    },
    host: {
      dialogs,
      events,
      shell: { showItemInFolder: (path) => shell.showItemInFolder(path) },
      lifecycle: closeGuard.lifecycle,
      recentProjectsChanged: () => void rebuildMenu()
    },
    logger
  })
  const camera = createCameraGate()
  applySessionSecurity(devServerUrl, camera)
  registerIpc(createCoreProxy(core, logger), logger, devServerUrl, camera)
  Menu.setApplicationMenu(buildMenu(events, () => mainWindow))
  void rebuildMenu()
  mainWindow = createMainWindow(devServerUrl)
  closeGuard.attach(mainWindow)
  // A page that reloads, crashes or closes has left Live mode: the camera is no longer granted.
  mainWindow.webContents.on('did-navigate', () => camera.close())
  mainWindow.webContents.on('render-process-gone', () => camera.close())
  mainWindow.on('closed', () => {
    camera.close()
    mainWindow = null
  })

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
    // The core marks the autosave clean (when the window closed properly) and flushes its log first.
    void core
      .stop(closeGuard.cleanExit)
      .catch((error: unknown) => logger.warn('Stopping the core failed', { error: String(error) }))
      .then(() => logger.flush())
      .finally(() => app.quit())
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
