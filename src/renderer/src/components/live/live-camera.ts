// The camera side of Live mode: listing the cameras, opening one (video only), and what to tell people
// when that fails.
import type { LiveCamera } from '../../store/live-store'

/** The cameras the system lists; labels are empty until the page has been granted the camera once. */
export async function listCameras(): Promise<LiveCamera[]> {
  const devices = await navigator.mediaDevices.enumerateDevices()
  return devices
    .filter((device) => device.kind === 'videoinput')
    .map((device, index) => ({ deviceId: device.deviceId, label: device.label || `Camera ${index + 1}` }))
}

/** Opens a camera (the system's default when `deviceId` is null), video only: no microphone is asked for. */
export function openCamera(deviceId: string | null): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) {
    return Promise.reject(new DOMException('No camera API', 'NotSupportedError'))
  }
  return navigator.mediaDevices.getUserMedia({
    audio: false,
    video: deviceId ? { deviceId: { exact: deviceId } } : { width: { ideal: 640 }, height: { ideal: 480 } }
  })
}

/** Why a camera could not be opened, for people: what happened and what to do. */
export function describeCameraError(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : ''
  switch (name) {
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera was found. Connect a camera, then choose it in the list.'
    case 'NotAllowedError':
    case 'SecurityError':
      return 'The camera was not allowed. Allow camera access for Mimesis Studio in the system settings, then open Live mode again.'
    case 'NotReadableError':
    case 'AbortError':
      return 'The camera is busy: another application is using it. Close that application, then choose the camera again.'
    case 'NotSupportedError':
      return 'This window cannot use a camera.'
    default:
      return `The camera could not be opened: ${error instanceof Error ? error.message : String(error)}`
  }
}
