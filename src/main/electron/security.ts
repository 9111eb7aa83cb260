import { app, session, shell, type WebContents } from 'electron'
import { allowPermission, isAppUrl, type CameraGate } from './permission-policy'

/**
 * The renderer's Content-Security-Policy. Everything comes from the app bundle; frames arrive over IPC
 * and are drawn into canvases, so no remote origin is ever needed. `blob:`/`data:` images cover
 * thumbnails produced in the renderer.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "media-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'"
].join('; ')

export { isAppUrl }

/**
 * CSP, request filtering and permissions for the default session. Every permission is denied except the
 * camera for the app's own page while `camera` is open (Live mode; see `allowPermission`).
 */
export function applySessionSecurity(devServerUrl: string | undefined, camera: CameraGate): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const media = 'mediaTypes' in details ? details.mediaTypes : undefined
    callback(
      allowPermission(
        {
          permission,
          mediaTypes: media,
          requestingUrl: details.requestingUrl,
          isMainFrame: details.isMainFrame
        },
        { cameraOpen: camera.isOpen, devServerUrl }
      )
    )
  })
  ses.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    allowPermission(
      {
        permission,
        mediaTypes: details.mediaType ? [details.mediaType] : undefined,
        requestingUrl: details.requestingUrl ?? '',
        isMainFrame: details.isMainFrame
      },
      { cameraOpen: camera.isOpen, devServerUrl }
    )
  )
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] }
    })
  })
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed =
      isAppUrl(details.url, devServerUrl) ||
      details.url.startsWith('devtools://') ||
      details.url.startsWith('data:')
    callback({ cancel: !allowed && !(devServerUrl && details.url.startsWith('ws://localhost')) })
  })
}

/** No navigation away from the app and no new windows; http(s) links open in the user's browser. */
export function lockDownContents(contents: WebContents, devServerUrl: string | undefined): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
}

export function enforceGlobalSecurity(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith('file://') && !url.startsWith('http://localhost')) event.preventDefault()
    })
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
}
