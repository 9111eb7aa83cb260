import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron'
import { invokeChannels, privilegedChannels } from '@shared/ipc/channels'
import type { HandlerMap, PrivilegedHandlers } from '../core/ipc/create-handlers'
import { dispatchInvoke, dispatchPrivileged } from '../core/ipc/dispatch'
import type { Logger } from '../core/app/logger'
import { isAppUrl } from './security'

/** Accepts messages only from our own windows' top frames showing app content. */
function isTrustedSender(event: IpcMainInvokeEvent, devServerUrl: string | undefined): boolean {
  const frame = event.senderFrame
  if (!frame || frame.parent !== null) return false
  const owner = BrowserWindow.fromWebContents(event.sender)
  return owner !== null && isAppUrl(frame.url, devServerUrl)
}

export function registerIpc(
  handlers: HandlerMap,
  privileged: PrivilegedHandlers,
  logger: Logger,
  devServerUrl: string | undefined
): void {
  const rejectUntrusted = (event: IpcMainInvokeEvent, channel: string) => {
    logger.warn('Rejected IPC from an untrusted sender', {
      channel,
      url: event.senderFrame?.url ?? 'unknown'
    })
    return { ok: false, error: { code: 'untrusted-sender', message: 'Request refused.' } }
  }
  for (const channel of Object.values(invokeChannels)) {
    ipcMain.handle(channel, (event, payload: unknown) =>
      isTrustedSender(event, devServerUrl)
        ? dispatchInvoke(handlers, channel, payload, logger)
        : rejectUntrusted(event, channel)
    )
  }
  for (const channel of Object.values(privilegedChannels)) {
    ipcMain.handle(channel, (event, payload: unknown) =>
      isTrustedSender(event, devServerUrl)
        ? dispatchPrivileged(privileged, channel, payload, logger)
        : rejectUntrusted(event, channel)
    )
  }
}
