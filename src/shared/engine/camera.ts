/**
 * Camera of one rendered frame. Same conventions as the timeline's camera tracks
 * (`src/shared/timeline/track-definitions.ts`):
 * - yaw, pitch, roll: degrees of head-orbit rotation about the head's centre, in the source camera's
 *   axes; 0 = the source photo's view. Positive yaw turns the camera to the subject's left (the face
 *   turns toward image left), positive pitch looks from above, positive roll tilts clockwise as seen in
 *   the output. Only the head (and the neck, fading out) rotates; the background and torso stay.
 * - zoom: multiplier of the source framing (2 = twice as close); applies to the whole frame.
 * - panX, panY: offset of the whole frame as a fraction of the output width / height; +x right, +y down.
 */
export interface EngineCamera {
  readonly yaw: number
  readonly pitch: number
  readonly roll: number
  readonly zoom: number
  readonly panX: number
  readonly panY: number
}

export const SOURCE_CAMERA: EngineCamera = { yaw: 0, pitch: 0, roll: 0, zoom: 1, panX: 0, panY: 0 }

/** Supported range of the built-in engine; outside it the output degrades (holes, stretching). */
export const CAMERA_SUPPORTED_RANGE = {
  yaw: 35,
  pitch: 25,
  roll: 30
} as const

/** The camera as the renderer's `camera` input: [yaw, pitch, roll (degrees), zoom, panX, panY]. */
export function cameraVector(camera: Partial<EngineCamera>): Float32Array {
  const c = { ...SOURCE_CAMERA, ...camera }
  return Float32Array.from([c.yaw, c.pitch, c.roll, c.zoom, c.panX, c.panY])
}
