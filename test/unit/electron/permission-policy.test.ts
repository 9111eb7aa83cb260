import { describe, expect, it } from 'vitest'
import {
  allowPermission,
  createCameraGate,
  type PermissionQuery
} from '../../../src/main/electron/permission-policy'

const APP = 'file:///opt/mimesis/resources/app.asar/out/renderer/index.html'
const camera: PermissionQuery = {
  permission: 'media',
  mediaTypes: ['video'],
  requestingUrl: APP,
  isMainFrame: true
}
const live = { cameraOpen: true, devServerUrl: undefined }

describe('the session permission policy', () => {
  it('allows the camera for the app’s own top frame while Live mode is open', () => {
    expect(allowPermission(camera, live)).toBe(true)
    expect(
      allowPermission(
        { ...camera, requestingUrl: 'http://localhost:5173/' },
        { cameraOpen: true, devServerUrl: 'http://localhost:5173' }
      )
    ).toBe(true)
  })

  it('denies the camera while Live mode is closed', () => {
    expect(allowPermission(camera, { ...live, cameraOpen: false })).toBe(false)
  })

  it('denies the microphone, audio with video, and a media query that names nothing', () => {
    expect(allowPermission({ ...camera, mediaTypes: ['audio'] }, live)).toBe(false)
    expect(allowPermission({ ...camera, mediaTypes: ['video', 'audio'] }, live)).toBe(false)
    expect(allowPermission({ ...camera, mediaTypes: [] }, live)).toBe(false)
    expect(allowPermission({ ...camera, mediaTypes: ['unknown'] }, live)).toBe(false)
    expect(allowPermission({ ...camera, mediaTypes: undefined }, live)).toBe(false)
  })

  it('denies other pages, subframes and every other permission', () => {
    expect(allowPermission({ ...camera, requestingUrl: 'https://example.com/' }, live)).toBe(false)
    expect(allowPermission({ ...camera, requestingUrl: 'http://localhost:5173/' }, live)).toBe(false)
    expect(allowPermission({ ...camera, isMainFrame: false }, live)).toBe(false)
    for (const permission of [
      'geolocation',
      'notifications',
      'display-capture',
      'clipboard-read',
      'midi',
      'pointerLock',
      'fullscreen',
      'openExternal',
      'hid',
      'serial',
      'usb'
    ]) {
      expect(allowPermission({ ...camera, permission }, live), permission).toBe(false)
    }
  })

  it('opens and closes with Live mode', () => {
    const gate = createCameraGate()
    expect(gate.isOpen).toBe(false)
    gate.open()
    expect(gate.isOpen).toBe(true)
    gate.close()
    expect(gate.isOpen).toBe(false)
  })
})
