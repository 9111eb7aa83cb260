import { isErrorCode, type ErrorCode } from '@shared/errors/error-codes'
/**
 * Exit statuses of `mimesis`, after BSD sysexits where one fits, so scripts can tell failures apart:
 * 1 anything else, 64 bad usage, 65 unusable input data (no face, damaged project or image),
 * 66 input missing, 69 ffmpeg missing, 73 output cannot be created, 130 cancelled (Ctrl-C).
 */
export const EXIT_CODES = {
  failure: 1,
  usage: 64,
  dataError: 65,
  noInput: 66,
  unavailable: 69,
  cannotCreate: 73,
  interrupted: 130
} as const

const BY_ERROR_CODE: Readonly<Partial<Record<ErrorCode, number>>> = {
  usage: EXIT_CODES.usage,
  'export-format-limits': EXIT_CODES.usage,
  'no-face-found': EXIT_CODES.dataError,
  'face-not-found': EXIT_CODES.dataError,
  'face-too-small': EXIT_CODES.dataError,
  'driver-no-face': EXIT_CODES.dataError,
  'driver-no-frames': EXIT_CODES.dataError,
  'driver-face-not-found': EXIT_CODES.dataError,
  'drive-calibration-failed': EXIT_CODES.dataError,
  'unsupported-format': EXIT_CODES.dataError,
  'image-too-small': EXIT_CODES.dataError,
  'video-unreadable': EXIT_CODES.dataError,
  PROJECT_JSON_INVALID: EXIT_CODES.dataError,
  PROJECT_FORMAT_INVALID: EXIT_CODES.dataError,
  PROJECT_FORMAT_NEWER: EXIT_CODES.dataError,
  PROJECT_TOO_LARGE: EXIT_CODES.dataError,
  PORTRAIT_DAMAGED: EXIT_CODES.dataError,
  FILE_TOO_LARGE: EXIT_CODES.dataError,
  'input-not-found': EXIT_CODES.noInput,
  'file-not-found': EXIT_CODES.noInput,
  PORTRAIT_MISSING: EXIT_CODES.noInput,
  NOT_FOUND: EXIT_CODES.noInput,
  NOT_A_FILE: EXIT_CODES.noInput,
  'ffmpeg-missing': EXIT_CODES.unavailable,
  'output-not-writable': EXIT_CODES.cannotCreate,
  'output-exists': EXIT_CODES.cannotCreate,
  'disk-full': EXIT_CODES.cannotCreate,
  DISK_FULL: EXIT_CODES.cannotCreate,
  cancelled: EXIT_CODES.interrupted,
  'export-cancelled': EXIT_CODES.interrupted
}

/** The exit status for an error that reached the top of the command line. */
export function exitCodeFor(error: unknown): number {
  const code =
    typeof error === 'object' && error !== null && 'code' in error && isErrorCode(error.code)
      ? error.code
      : undefined
  return (code && BY_ERROR_CODE[code]) || EXIT_CODES.failure
}
