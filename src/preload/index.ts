// Runs sandboxed in an isolated world. It exposes window.mimesisTransport: invoke and subscribe for
// the contract's channels only (anything else is refused here, and main validates again), plus the
// dropped-file import. It never exposes ipcRenderer itself. The renderer builds window.mimesis on top
// (see @shared/ipc/api), so errors keep their codes across the context bridge.
import { contextBridge, ipcRenderer, webUtils } from 'electron'
import {
  isEventChannel,
  isInvokeChannel,
  unknownChannelEnvelope,
  type ApiTransport,
  type InvokeEnvelope
} from '@shared/ipc/api'
import { privilegedChannels } from '@shared/ipc/channels'

const transport: ApiTransport<File> = {
  async invoke(channel, request) {
    if (!isInvokeChannel(channel)) return unknownChannelEnvelope(channel)
    return (await ipcRenderer.invoke(channel, request)) as InvokeEnvelope
  },
  subscribe(channel, listener) {
    if (!isEventChannel(channel)) throw new Error(`Unknown event channel "${String(channel)}".`)
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
}

contextBridge.exposeInMainWorld('mimesisTransport', transport)
