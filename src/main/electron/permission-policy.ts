// The session's permission policy as pure functions (no electron import), so it is tested without the
// Electron binary: security.ts hands Electron's permission handlers to them.

/** True for URLs that belong to the app itself: the packaged renderer, or the dev server in development. */
export function isAppUrl(url: string, devServerUrl: string | undefined): boolean {
  if (devServerUrl && url.startsWith(devServerUrl)) return true
  return url.startsWith('file://')
}

/** Whether the camera may be granted now: open while Live mode is open, closed otherwise. */
export interface CameraGate {
  readonly isOpen: boolean
  open(): void
  close(): void
}

export function createCameraGate(): CameraGate {
  let open = false
  return {
    get isOpen() {
      return open
    },
    open: () => void (open = true),
    close: () => void (open = false)
  }
}

/** A permission request or check, as Electron's handlers describe it. */
export interface PermissionQuery {
  /** Electron's permission name ('media', 'geolocation', 'notifications', …). */
  readonly permission: string
  /**
   * For 'media': what is asked for. A request lists its kinds (`mediaTypes`: 'video', 'audio'); a check
   * names one (`mediaType`: 'video', 'audio' or 'unknown'). Absent for other permissions.
   */
  readonly mediaTypes?: readonly string[]
  readonly requestingUrl: string
  readonly isMainFrame: boolean
}

/**
 * Allows exactly one thing: video capture (the camera, no microphone, no screen) for the app's own page
 * in its top frame, while Live mode is open. Everything else is denied.
 */
export function allowPermission(
  query: PermissionQuery,
  context: { readonly cameraOpen: boolean; readonly devServerUrl: string | undefined }
): boolean {
  if (!context.cameraOpen || query.permission !== 'media' || !query.isMainFrame) return false
  if (!isAppUrl(query.requestingUrl, context.devServerUrl)) return false
  const kinds = query.mediaTypes ?? []
  return kinds.length > 0 && kinds.every((kind) => kind === 'video')
}
