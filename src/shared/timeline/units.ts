// Branded units. A brand is a compile-time tag only: at run time these are plain numbers, so they
// serialise to JSON unchanged. Brands stop a frame index being passed where seconds are expected.

declare const unitBrand: unique symbol

export type Brand<T, Name extends string> = T & { readonly [unitBrand]: Name }

/** Time on the document clock, in seconds from the start of the animation (0 = first frame). */
export type Seconds = Brand<number, 'Seconds'>
/** A frame index at the document's fps; may be fractional only where a function says so. */
export type Frames = Brand<number, 'Frames'>
/** An angle in degrees (camera yaw, pitch, roll). */
export type Degrees = Brand<number, 'Degrees'>
/** Frames per second; positive and finite. */
export type Fps = number

export const seconds = (value: number): Seconds => value as Seconds
export const frames = (value: number): Frames => value as Frames
export const degrees = (value: number): Degrees => value as Degrees

// Times that are meant to sit on a frame may carry float error (e.g. 7 / 30). Two times whose frame
// positions differ by less than this are the same frame.
const FRAME_EPSILON = 1e-6

/** Fractional frame position of `time` at `fps` (no snapping). */
export function secondsToFrames(time: Seconds, fps: Fps): Frames {
  return frames(time * fps)
}

/** Nearest whole frame to `time` at `fps` (ties round up, like Math.round). */
export function secondsToFrame(time: Seconds, fps: Fps): Frames {
  return frames(Math.round(time * fps))
}

/** Start time of frame `frame` at `fps`. */
export function framesToSeconds(frame: Frames, fps: Fps): Seconds {
  return seconds(frame / fps)
}

/** `time` moved to the start of its nearest frame at `fps`. */
export function snapToFrame(time: Seconds, fps: Fps): Seconds {
  return framesToSeconds(secondsToFrame(time, fps), fps)
}

/** True when two times fall on the same frame at `fps` (compared by nearest whole frame). */
export function isSameFrame(a: Seconds, b: Seconds, fps: Fps): boolean {
  return secondsToFrame(a, fps) === secondsToFrame(b, fps)
}

/** True when `time` is (within float error) exactly on a frame boundary at `fps`. */
export function isOnFrame(time: Seconds, fps: Fps): boolean {
  const f = time * fps
  return Math.abs(f - Math.round(f)) < FRAME_EPSILON
}

/** Number of frames needed to cover `duration` at `fps` (a 2 s clip at 30 fps has 60 frames). */
export function frameCount(duration: Seconds, fps: Fps): number {
  return Math.max(0, Math.round(duration * fps))
}
