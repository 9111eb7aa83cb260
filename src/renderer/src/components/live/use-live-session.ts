import { useEffect, useRef, useState, type RefObject } from 'react'
import type { LiveFrameResult } from '@shared/ipc/contract'
import { MimesisIpcError } from '@shared/ipc/api'
import { useDrive } from '../../store/drive-store'
import { useLive } from '../../store/live-store'
import { useStudio } from '../../store/studio-store'
import { describeCameraError, listCameras, openCamera } from './live-camera'
import { previewSize } from './live-frame-size'
import { startLivePump } from './live-pump'
import { stopTake } from './live-takes'

/** The newest result, with the size of the camera frame it was read at (for the mesh overlay). */
export interface LiveView {
  readonly result: LiveFrameResult
  readonly frame: { readonly width: number; readonly height: number }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** Opens Live mode in the core (the avatar's calibration) once per opening of the panel; false on failure. */
function useCoreLive(): boolean {
  const [ready, setReady] = useState(false)
  useEffect(() => {
    let alive = true
    useLive.getState().setStatus({ kind: 'starting', message: 'Calibrating the head…' })
    window.mimesis
      .liveOpen()
      .then(() => alive && setReady(true))
      .catch((error: unknown) => {
        if (!alive) return
        useLive.getState().closeLive()
        useStudio
          .getState()
          .showNotice({ tone: 'error', text: `Live mode did not open: ${messageOf(error)}` })
      })
    return () => {
      alive = false
      // A take still recording is kept: stopped and baked before Live mode closes.
      void stopTake('Live mode closed.').finally(() => void window.mimesis.liveClose().catch(() => undefined))
    }
  }, [])
  return ready
}

/**
 * The camera and the frame pump while the Live panel is open: the core's Live mode, the chosen camera
 * (video only), and one frame in flight at a time. A camera that stops (unplugged, taken by another
 * application) ends the take so far, which is kept.
 */
export function useLiveSession(video: RefObject<HTMLVideoElement | null>): LiveView | null {
  const coreReady = useCoreLive()
  const deviceId = useLive((s) => s.deviceId)
  const [view, setView] = useState<LiveView | null>(null)
  const streamRef = useRef<MediaStream | null>(null)

  useEffect(() => {
    if (!coreReady) return
    const element = video.current
    if (!element) return
    let alive = true
    let pump: ReturnType<typeof startLivePump> | null = null
    const live = useLive.getState()
    live.setStatus({ kind: 'starting', message: 'Opening the camera…' })
    const lost = (message: string) => {
      pump?.stop()
      useLive.getState().setStatus({ kind: 'no-camera', message })
      void stopTake('The camera stopped; the take so far is kept.')
    }
    openCamera(deviceId)
      .then(async (stream) => {
        if (!alive) return stream.getTracks().forEach((track) => track.stop())
        streamRef.current = stream
        const track = stream.getVideoTracks()[0]
        track?.addEventListener('ended', () =>
          lost('The camera stopped (unplugged, or taken by another application). Choose a camera to go on.')
        )
        const cameras = await listCameras()
        useLive.getState().setCameras(cameras, track?.getSettings().deviceId ?? deviceId)
        element.srcObject = stream
        await element.play()
        if (!alive) return
        useLive.getState().setStatus({ kind: 'live' })
        pump = startLivePump({
          video: element,
          request: () => {
            const studio = useStudio.getState()
            const avatar = studio.avatar.kind === 'ready' ? studio.avatar.info : { width: 512, height: 512 }
            const { options } = useDrive.getState()
            const { mirror, previewSide } = useLive.getState()
            return {
              mirror,
              preview: previewSize(avatar, previewSide),
              options: { mode: options.mode, intensity: options.intensity, regions: options.regions }
            }
          },
          onResult: (result, frame, meter) => {
            setView({ result, frame })
            const state = useLive.getState()
            state.setFrameFacts({
              neutral: result.neutral,
              faceFound: result.face != null,
              dark: result.dark
            })
            state.setMeters({ ...meter, timing: result.timing })
            if (result.take && state.recording.phase === 'recording') {
              state.setRecording({
                phase: 'recording',
                frames: result.take.frames,
                seconds: result.take.seconds
              })
              if (result.take.full) void stopTake('The punch-in range is full.')
            }
          },
          onError: (error) => {
            if (error instanceof MimesisIpcError && error.code === 'live-not-open') {
              pump?.stop()
              useLive.getState().closeLive()
              useStudio.getState().showNotice({
                tone: 'info',
                text: 'Live mode closed: the portrait or the engine changed. Open Live… again.'
              })
            }
          }
        })
      })
      .catch((error: unknown) => {
        if (alive) useLive.getState().setStatus({ kind: 'no-camera', message: describeCameraError(error) })
        // The list is offered even so: another camera may work.
        void listCameras()
          .then((cameras) => alive && useLive.getState().setCameras(cameras, deviceId))
          .catch(() => undefined)
      })
    return () => {
      alive = false
      pump?.stop()
      streamRef.current?.getTracks().forEach((track) => track.stop())
      streamRef.current = null
      element.srcObject = null
    }
  }, [coreReady, deviceId, video])

  return view
}
