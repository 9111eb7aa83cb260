// Every code a Mimesis error can carry: stable for programs (the CLI's exit status, the studio's handling of
// a refused request), one union for the core, the CLI, the IPC layer and the renderer. Kebab-case; the
// upper-case codes are the project and file family's older names, kept because saved logs and scripts match
// them.

export const ERROR_CODES = [
  // Requests and transport
  'usage',
  'internal',
  'unknown-channel',
  'invalid-payload',
  'untrusted-sender',
  'core-restarted',
  'core-unavailable',
  'cancelled',
  // Input files
  'file-not-found',
  'folder-not-found',
  'input-not-found',
  'input-not-readable',
  'input-damaged',
  'not-a-file',
  'unknown-file',
  'unsupported-format',
  'image-too-small',
  'video-unreadable',
  'NOT_A_FILE',
  'FILE_TOO_LARGE',
  // Faces
  'no-face-found',
  'face-not-found',
  'face-too-small',
  'models-missing',
  // Engine and avatar
  'ENGINE_PACK_INVALID',
  'no-avatar',
  // Export and sound
  'export-busy',
  'export-cancelled',
  'export-failed',
  'export-format-limits',
  'output-not-writable',
  'output-exists',
  'disk-full',
  'ffmpeg-missing',
  'audio-not-found',
  'audio-extract-failed',
  'AUDIO_DAMAGED',
  'AUDIO_NOT_MP4',
  'AUDIO_TOO_LARGE',
  // Driving
  'no-driver',
  'drive-busy',
  'drive-cancelled',
  'drive-failed',
  'drive-calibration-failed',
  'driver-damaged',
  'driver-not-video',
  'driver-no-face',
  'driver-no-frames',
  'driver-face-not-found',
  'driver-frame-missing',
  'performance-invalid',
  'performance-too-large',
  'curves-invalid',
  'PERFORMANCE_FILE_INVALID',
  // Live capture
  'live-not-open',
  'live-busy',
  // Projects, autosave, recent files
  'PROJECT_JSON_INVALID',
  'PROJECT_FORMAT_INVALID',
  'PROJECT_FORMAT_NEWER',
  'PROJECT_TOO_LARGE',
  'PORTRAIT_MISSING',
  'PORTRAIT_DAMAGED',
  'DISK_FULL',
  'PERMISSION_DENIED',
  'READ_ONLY',
  'NOT_FOUND',
  'IO_FAILED',
  'recovery-gone',
  'recovery-portrait-missing',
  'recent-missing',
  'recent-unavailable',
  'recent-unknown'
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

const KNOWN: ReadonlySet<string> = new Set(ERROR_CODES)

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && KNOWN.has(code)
}
