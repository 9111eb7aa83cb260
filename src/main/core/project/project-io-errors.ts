import { MimesisError } from '@shared/errors/mimesis-error'
// Typed errors of project I/O. Each carries a stable `code` the IPC layer can forward and the UI can
// switch on, and a message that says what happened and what the user can do.

export type ProjectIoErrorCode = 'DISK_FULL' | 'PERMISSION_DENIED' | 'READ_ONLY' | 'NOT_FOUND' | 'IO_FAILED'

/** A file-system failure while reading or writing a project (or an autosave / recent-files list). */
export class ProjectIoError extends MimesisError {
  declare readonly code: ProjectIoErrorCode
  readonly path: string
  /** The Node error code (ENOSPC, EACCES, ...) when there was one. */
  readonly systemCode: string | undefined
  constructor(code: ProjectIoErrorCode, path: string, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { cause: options.cause })
    this.name = 'ProjectIoError'
    this.path = path
    this.systemCode = systemCodeOf(options.cause)
  }
}

export function systemCodeOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code
  }
  return undefined
}

/** Wraps a Node fs error into a `ProjectIoError` whose message says what to do. `action` is e.g. 'save the project'. */
export function describeFsError(error: unknown, path: string, action: string): ProjectIoError {
  if (error instanceof ProjectIoError) return error
  const system = systemCodeOf(error)
  switch (system) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new ProjectIoError(
        'DISK_FULL',
        path,
        `Could not ${action}: the disk holding ${path} is full. Free some space or save to another drive; the previous file was left untouched.`,
        { cause: error }
      )
    case 'EACCES':
    case 'EPERM':
      return new ProjectIoError(
        'PERMISSION_DENIED',
        path,
        `Could not ${action}: no permission to write ${path}. Choose another folder, or check the folder's permissions (on Windows, also antivirus "controlled folder access").`,
        { cause: error }
      )
    case 'EROFS':
      return new ProjectIoError(
        'READ_ONLY',
        path,
        `Could not ${action}: ${path} is on a read-only drive. Save to another location.`,
        { cause: error }
      )
    case 'ENOENT':
    case 'ENOTDIR':
      return new ProjectIoError(
        'NOT_FOUND',
        path,
        `Could not ${action}: ${path} or its folder does not exist.`,
        { cause: error }
      )
    default: {
      const detail = error instanceof Error ? error.message : String(error)
      return new ProjectIoError('IO_FAILED', path, `Could not ${action} (${path}): ${detail}`, {
        cause: error
      })
    }
  }
}

/** The project file is bigger than the app is willing to read into memory. */
export class ProjectTooLargeError extends MimesisError {
  constructor(
    readonly path: string,
    readonly sizeBytes: number,
    readonly limitBytes: number
  ) {
    super(
      'PROJECT_TOO_LARGE',
      `${path} is ${formatMiB(sizeBytes)}, more than the ${formatMiB(limitBytes)} a project file may have. ` +
        'It is probably not a Mimesis Studio project, or it is damaged.'
    )
    this.name = 'ProjectTooLargeError'
  }
}

/** The file is not valid JSON; `line` and `column` are 1-based. */
export class ProjectJsonError extends MimesisError {
  constructor(
    readonly path: string,
    readonly line: number,
    readonly column: number,
    detail: string
  ) {
    super(
      'PROJECT_JSON_INVALID',
      `${path} is not a valid project file: JSON syntax error at line ${line}, column ${column}: ${detail}. ` +
        'Open an earlier copy of the project, or repair the file there in a text editor.'
    )
    this.name = 'ProjectJsonError'
  }
}

/**
 * A referenced portrait is missing or is not the same image any more. The UI asks the user to locate
 * it, then calls `relinkPortrait` / loads again.
 */
export class PortraitMissingError extends MimesisError {
  constructor(
    /** Absolute path where the portrait was expected. */
    readonly portraitPath: string,
    /** 'missing': no file there; 'changed': a file is there but its SHA-256 differs. */
    readonly reason: 'missing' | 'changed',
    readonly expectedSha256: string,
    readonly projectPath: string
  ) {
    super(
      'PORTRAIT_MISSING',
      reason === 'missing'
        ? `The portrait of this project was not found at ${portraitPath}. Locate the image to continue.`
        : `The portrait at ${portraitPath} is not the image this project was made with (its contents changed). Locate the original image to continue.`
    )
    this.name = 'PortraitMissingError'
  }
}

function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
}
