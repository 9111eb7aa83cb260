// How an image sequence's files are named. The sequence is a folder `<stem>/` holding `<stem>_00001.png`, … (frames
// counted from 1, zero-padded to 5 digits, more when a sequence has more frames), and with the depth pass
// `<stem>_depth_00001.png`, … and `<stem>_depth.json` (how its grey levels map to depth). Two distinct number patterns
// in one folder, as compositors (Nuke, After Effects, Resolve, Blender) group a folder's frames by prefix.

/** Digits of the frame number at the least: 99 999 frames, more than 600 s at 120 fps. */
export const SEQUENCE_MIN_DIGITS = 5

/** Digits of the frame numbers of a sequence of `frameCount` frames (numbered 1 … frameCount). */
export function sequenceDigits(frameCount: number): number {
  return Math.max(SEQUENCE_MIN_DIGITS, String(Math.max(1, Math.floor(frameCount))).length)
}

function frameNumber(index: number, digits: number): string {
  if (!Number.isInteger(index) || index < 0)
    throw new RangeError(`frame index must be 0 or more, got ${index}`)
  return String(index + 1).padStart(digits, '0')
}

/** The colour frame of 0-based `index`: `shot_00001.png` for index 0. */
export function sequenceFrameName(stem: string, index: number, digits = SEQUENCE_MIN_DIGITS): string {
  return `${stem}_${frameNumber(index, digits)}.png`
}

/** The depth frame of 0-based `index`: `shot_depth_00001.png` for index 0. */
export function depthFrameName(stem: string, index: number, digits = SEQUENCE_MIN_DIGITS): string {
  return `${stem}_depth_${frameNumber(index, digits)}.png`
}

/** The depth pass's description (`depth-encoding` in the core): `shot_depth.json`. */
export function depthSidecarName(stem: string): string {
  return `${stem}_depth.json`
}

/** The printf pattern of a sequence's colour or depth frames (`shot_%05d.png`), as ffmpeg and compositors read it. */
export function sequencePattern(stem: string, digits: number, pass: 'colour' | 'depth'): string {
  return `${stem}${pass === 'depth' ? '_depth' : ''}_%0${digits}d.png`
}

/**
 * Why `stem` cannot name a sequence's folder and files, or null when it can: it must be a plain name (no folder
 * separators, not `.` or `..`, no control characters) of at most 200 characters.
 */
export function sequenceStemProblem(stem: string): string | null {
  if (stem.trim() === '') return 'the name is empty'
  if (stem.length > 200) return 'the name is longer than 200 characters'
  if (/[\\/]/.test(stem)) return 'the name holds a folder separator'
  if (stem === '.' || stem === '..') return `"${stem}" is not a name`
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(stem)) return 'the name holds a control character'
  return null
}

/**
 * True for an entry an earlier export of an image sequence may have written: a PNG frame or a JSON sidecar. A
 * folder that holds only such files may be replaced (when the user agrees); anything else in it is someone's work.
 */
export function isSequenceFileName(name: string): boolean {
  return /\.(png|json)$/i.test(name) && !name.startsWith('.')
}
