// Runs sandboxed in an isolated world. It exposes exactly one typed function per contract channel
// (plus importDroppedFile) on window.mimesis and never exposes ipcRenderer itself.
import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { createMimesisApi, type InvokeEnvelope } from '@shared/ipc/api'
import { privilegedChannels } from '@shared/ipc/channels'

const api = createMimesisApi<File>({
  invoke: (channel, request) => ipcRenderer.invoke(channel, request) as Promise<InvokeEnvelope>,
  subscribe(channel, listener) {
    const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload)
    ipcRenderer.on(channel, wrapped)
    return () => ipcRenderer.removeListener(channel, wrapped)
  },
  async importDroppedFile(file) {
    // Only a real File from a drop has a path; one made in page script has none and is refused.
    const path = webUtils.getPathForFile(file)
    if (!path) {
      return {
        ok: false,
        error: { code: 'not-a-local-file', message: 'Only files from your computer can be dropped.' }
      }
    }
    return (await ipcRenderer.invoke(privilegedChannels.importDroppedPath, { path })) as InvokeEnvelope
  }
})

contextBridge.exposeInMainWorld('mimesis', api)
