import { describe, expect, it } from 'vitest'
import { isErrorCode } from '@shared/errors/error-codes'
import { MimesisError } from '@shared/errors/mimesis-error'
import { NewerProjectVersionError, ProjectFormatError } from '@shared/project/project-errors'
import { PerformanceFileError } from '@shared/performance/performance-file'
import { NoFaceFoundError } from '../../../src/main/core/analysis/analysis-errors'
import { DiskFullError } from '../../../src/main/core/export/disk-full-error'
import { ExportCancelledError } from '../../../src/main/core/export/export-cancelled-error'
import { ExportFailedError } from '../../../src/main/core/export/export-failed-error'
import { OutputExistsError } from '../../../src/main/core/export/output-exists-error'
import { OutputNotWritableError } from '../../../src/main/core/export/output-not-writable-error'
import { UnsupportedImageError } from '../../../src/main/core/image/image-errors'
import { toEnvelopeError } from '../../../src/main/core/ipc/dispatch'
import { DecodeCancelledError } from '../../../src/main/core/media/decode-cancelled-error'
import { FfmpegNotFoundError } from '../../../src/main/core/media/ffmpeg-not-found-error'
import { VideoInputError } from '../../../src/main/core/media/video-input-error'
import {
  PortraitMissingError,
  ProjectIoError,
  ProjectJsonError,
  ProjectTooLargeError
} from '../../../src/main/core/project/project-io-errors'
import { exitCodeFor } from '../../../src/main/cli/exit-code'

describe('one error family', () => {
  const domainErrors: [string, Error][] = [
    ['project format', new ProjectFormatError([{ path: 'format', message: 'wrong' }])],
    ['newer project', new NewerProjectVersionError(99)],
    ['performance file', new PerformanceFileError('tracks', 'bad')],
    ['no face', new NoFaceFoundError('x.png')],
    ['disk full', new DiskFullError('/o/x.mp4', 10, 5)],
    ['export cancelled', new ExportCancelledError('/o/x.mp4')],
    ['export failed', new ExportFailedError('ffmpeg exited', '/o/x.mp4', 'tail')],
    ['output not writable', new OutputNotWritableError('/o/x.mp4', 'read-only')],
    ['output exists', new OutputExistsError('/o/shot', 3, 'Pass --overwrite.')],
    ['image', new UnsupportedImageError('x.png', 'bad header')],
    ['decode cancelled', new DecodeCancelledError('/v.mp4')],
    ['ffmpeg missing', new FfmpegNotFoundError('ffmpeg', [])],
    ['video input', new VideoInputError('corrupt', '/v.mp4', '')],
    ['project io', new ProjectIoError('DISK_FULL', '/p.mimesis', 'full')],
    ['project json', new ProjectJsonError('/p.mimesis', 1, 2, 'x')],
    ['project too large', new ProjectTooLargeError('/p.mimesis', 10, 5)],
    ['portrait missing', new PortraitMissingError('/a.png', 'missing', 'abc', '/p.mimesis')]
  ]

  it.each(domainErrors)('%s is a MimesisError with a listed code that crosses IPC as is', (_, error) => {
    expect(error).toBeInstanceOf(MimesisError)
    const { code } = error as MimesisError
    expect(isErrorCode(code)).toBe(true)
    const envelope = toEnvelopeError(error)
    expect(envelope).toMatchObject({ ok: false, error: { code, message: error.message } })
  })

  it('anything else is a bug: "internal" over IPC, exit status 1 from the CLI, whatever code it carries', () => {
    const stray = Object.assign(new Error('boom'), { code: 'disk-full' })
    expect(toEnvelopeError(stray)).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(exitCodeFor(new MimesisError('disk-full', 'full'))).toBe(73)
    expect(exitCodeFor(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe(1)
  })

  it('an ffmpeg failure keeps its reason as the message and ffmpeg’s last words as the detail', () => {
    const error = new ExportFailedError('ffmpeg exited with code 1.', '/o/x.mp4', 'Conversion failed!')
    expect(error.message).toBe('ffmpeg exited with code 1.')
    expect(error.detail).toBe('Conversion failed!')
  })
})
