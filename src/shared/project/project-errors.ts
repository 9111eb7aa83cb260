import { MimesisError } from '../errors/mimesis-error'
import { MAX_MESSAGE_CHARS, boundText } from '../text/bound-text'
import { PROJECT_FORMAT_VERSION } from './project-format'

/** Longest path and message of one issue, in characters: a key or value may be megabytes long. */
const MAX_ISSUE_PATH_CHARS = 120
const MAX_ISSUE_MESSAGE_CHARS = 200

/** One problem in a project file, located by its JSON path (e.g. `document.tracks[2].keys[0].time`). */
export interface ProjectIssue {
  readonly path: string
  readonly message: string
}

/** `a.b[2].c` from a path of keys and indices; `(root)` for the empty path. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else {
      const name = String(part)
      out += /^[A-Za-z_$][\w$]*$/.test(name) ? (out ? `.${name}` : name) : `[${JSON.stringify(name)}]`
    }
  }
  return out || '(root)'
}

/** The file is not a valid project (wrong shape or values). `issues` name the JSON paths at fault. */
export class ProjectFormatError extends MimesisError {
  readonly issues: readonly ProjectIssue[]
  constructor(issues: readonly ProjectIssue[], what = 'This file is not a valid Mimesis Studio project') {
    const bounded = issues.map((i) => ({
      path: boundText(i.path, MAX_ISSUE_PATH_CHARS),
      message: boundText(i.message, MAX_ISSUE_MESSAGE_CHARS)
    }))
    const listed = bounded
      .slice(0, 5)
      .map((i) => `${i.path}: ${i.message}`)
      .join('; ')
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''
    super('PROJECT_FORMAT_INVALID', boundText(`${what}: ${listed}`, MAX_MESSAGE_CHARS - more.length) + more)
    this.name = 'ProjectFormatError'
    this.issues = bounded
  }
}

/** The file was written by a newer app with a format version this app does not know. */
export class NewerProjectVersionError extends MimesisError {
  readonly fileVersion: number
  readonly supportedVersion = PROJECT_FORMAT_VERSION
  constructor(fileVersion: number) {
    super(
      'PROJECT_FORMAT_NEWER',
      `This project was made by a newer Mimesis Studio (format v${fileVersion}); update the app to open it. ` +
        `This version reads formats up to v${PROJECT_FORMAT_VERSION}.`
    )
    this.name = 'NewerProjectVersionError'
    this.fileVersion = fileVersion
  }
}
