// The frame pump: grabs the newest camera frame, downscales (and mirrors) it on a canvas, sends it, and
// shows the result. At most one frame is in flight: while the core works, camera frames are dropped,
// never queued, so what comes back is always the newest pose.
import { LIVE_FRAME_SIDE, type LiveFrameRequest, type LiveFrameResult } from '@shared/ipc/contract'
import { createLiveMeter, downscaledSize } from './live-frame-size'

export interface LivePumpDeps {
  readonly video: HTMLVideoElement
  /** What each frame is solved and rendered with, read when the frame is sent. */
  readonly request: () => Pick<LiveFrameRequest, 'preview' | 'options'> & { mirror: boolean }
  /** A result and the frame size it was read at; `meter` after it is drawn. */
  readonly onResult: (
    result: LiveFrameResult,
    frame: { width: number; height: number },
    meter: { fps: number; latencyMs: number }
  ) => void
  readonly onError: (error: unknown) => void
}

export interface LivePump {
  stop(): void
  /** Frames sent and results received so far (a take's frames are a subset of the results). */
  readonly counts: { sent: number; received: number }
}

export function startLivePump(deps: LivePumpDeps): LivePump {
  const canvas = document.createElement('canvas')
  const context = canvas.getContext('2d', { willReadFrequently: true })
  const meter = createLiveMeter()
  const counts = { sent: 0, received: 0 }
  let running = true
  let inFlight = false
  // Set by the video's frame callback when the camera has presented a frame not yet sent.
  let fresh = false
  let handle = 0
  // A new camera frame is sent at once when none is in flight, else as soon as the result is back: the
  // pump does not wait for an animation frame (rAF), which a busy compositor delivers late.
  const watchFrames = () => {
    if (!running) return
    fresh = true
    handle = deps.video.requestVideoFrameCallback(watchFrames)
    send()
  }

  const grab = (): LiveFrameRequest | null => {
    const { video } = deps
    if (!context || video.readyState < 2 || video.videoWidth === 0) return null
    // The same camera frame twice would be a repeated key; wait for a new one.
    if (!fresh) return null
    fresh = false
    const size = downscaledSize(video.videoWidth, video.videoHeight, LIVE_FRAME_SIDE)
    if (canvas.width !== size.width) canvas.width = size.width
    if (canvas.height !== size.height) canvas.height = size.height
    const settings = deps.request()
    context.setTransform(settings.mirror ? -1 : 1, 0, 0, 1, settings.mirror ? size.width : 0, 0)
    context.drawImage(video, 0, 0, size.width, size.height)
    const pixels = context.getImageData(0, 0, size.width, size.height)
    return {
      frame: { width: size.width, height: size.height, rgba: new Uint8Array(pixels.data.buffer) },
      capturedAtMs: performance.now(),
      preview: settings.preview,
      options: settings.options
    }
  }

  const send = () => {
    if (!running || inFlight) return
    const request = grab()
    if (!request) return
    inFlight = true
    counts.sent++
    window.mimesis
      .liveFrame(request)
      .then((result) => {
        counts.received++
        if (!running) return
        const size = { width: request.frame.width, height: request.frame.height }
        // The meter's time is taken when the result is handed to be drawn (drawn synchronously by onResult).
        deps.onResult(result, size, meter.add(request.capturedAtMs, performance.now()))
      })
      .catch((error: unknown) => {
        if (running) deps.onError(error)
      })
      .finally(() => {
        inFlight = false
        send()
      })
  }
  handle = deps.video.requestVideoFrameCallback(watchFrames)
  return {
    stop() {
      running = false
      deps.video.cancelVideoFrameCallback(handle)
    },
    counts
  }
}
