import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron'
import { invokeChannels, privilegedChannels } from '@shared/ipc/channels'
import type { CoreProxy } from '../core-process/core-proxy'
import type { Logger } from '../core/app/logger'
import { isAppUrl, type CameraGate } from './permission-policy'

/** Accepts messages only from our own windows' top frames showing app content. */
function isTrustedSender(event: IpcMainInvokeEvent, devServerUrl: string | undefined): boolean {
  const frame = event.senderFrame
  if (!frame || frame.parent !== null) return false
  const owner = BrowserWindow.fromWebContents(event.sender)
  return owner !== null && isAppUrl(frame.url, devServerUrl)
}

/**
 * Answers the renderer's requests: the sender is checked here, the payload is checked against the
 * contract by the proxy, and the work itself runs in the core process.
 */
export function registerIpc(
  core: CoreProxy,
  logger: Logger,
  devServerUrl: string | undefined,
  camera: CameraGate
): void {
  const rejectUntrusted = (event: IpcMainInvokeEvent, channel: string) => {
    logger.warn('Rejected IPC from an untrusted sender', {
      channel,
      url: event.senderFrame?.url ?? 'unknown'
    })
    return { ok: false, error: { code: 'untrusted-sender', message: 'Request refused.' } }
  }
  for (const channel of Object.values(invokeChannels)) {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      if (!isTrustedSender(event, devServerUrl)) return rejectUntrusted(event, channel)
      // The camera is granted only while Live mode is open: from its opening to its closing.
      if (channel === invokeChannels.liveClose) camera.close()
      const reply = await core.invoke(channel, payload)
      if (channel === invokeChannels.liveOpen && reply.ok) camera.open()
      return reply
    })
  }
  for (const channel of Object.values(privilegedChannels)) {
    ipcMain.handle(channel, (event, payload: unknown) =>
      isTrustedSender(event, devServerUrl)
        ? core.privileged(channel, payload)
        : rejectUntrusted(event, channel)
    )
  }
}
