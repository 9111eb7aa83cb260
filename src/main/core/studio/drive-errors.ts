import { MimesisError } from '@shared/errors/mimesis-error'
import { DecodeCancelledError } from '../media/decode-cancelled-error'
import { VideoInputError } from '../media/video-input-error'

const VIDEO_KINDS = 'an MP4, MOV, WebM, MKV or AVI file'

/**
 * What the studio shows for each way tracking or driving can fail: a stable code and a message that
 * says what to do. `name` is the clip's file name (messages never show a path). Codes:
 * `drive-cancelled`, `driver-not-video`, `driver-damaged`, `file-not-found`, `ffmpeg-missing`, and the
 * core's own (`driver-no-face`, `driver-no-frames`, …), passed through.
 */
export function toDriveError(error: unknown, name: string, aborted: boolean): MimesisError {
  if (aborted || error instanceof DecodeCancelledError || isAbortError(error)) {
    return new MimesisError('drive-cancelled', 'Cancelled. Nothing was changed.')
  }
  if (error instanceof VideoInputError) {
    if (error.problem === 'not-found') {
      return new MimesisError('file-not-found', `The video "${name}" is no longer there. Choose it again.`)
    }
    if (error.problem === 'not-video') {
      return new MimesisError(
        'driver-not-video',
        `"${name}" is not a video the studio can read. Choose ${VIDEO_KINDS} that shows a face.`,
        { detail: error.message }
      )
    }
    return new MimesisError(
      'driver-damaged',
      `The video "${name}" is damaged or in a format that cannot be read. Re-export it as ${VIDEO_KINDS} (H.264 MP4 works everywhere).`,
      { detail: error.message }
    )
  }
  // The core's own (ffmpeg missing, no face, no frames…) say what to do already.
  if (error instanceof MimesisError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new MimesisError('drive-failed', `Driving from "${name}" failed: ${message}`)
}

function isAbortError(error: unknown): boolean {
  return (
    error instanceof Error && (error.name === 'AbortError' || ('code' in error && error.code === 'ABORT_ERR'))
  )
}
