import type { DriverFrame } from '@shared/ipc/contract'
import { MimesisError } from '@shared/errors/mimesis-error'
import type { LocatedFfmpeg } from '../media/locate-ffmpeg'
import { readVideoFrame } from '../media/read-video-frame'
import type { DriverTrack } from '../drive/track-driver'
import { toDriveError } from './drive-errors'
import { fitFrameSize, projectLandmarks } from './driver-frames'

/**
 * The picture of tracked frame `index` of the clip at `path`, at most `maxSide` px, with that frame's mesh
 * in the picture's pixels (null where no face was tracked). One frame is decoded per call.
 */
export async function readDriverPicture(
  clip: { readonly path: string; readonly name: string; readonly track: DriverTrack },
  index: number,
  maxSide: number,
  ffmpeg: LocatedFfmpeg
): Promise<DriverFrame> {
  const { track } = clip
  const size = fitFrameSize(track.video.width, track.video.height, maxSide)
  const frameSec = track.times[index]!
  // Half a frame early: the decoder returns the first frame at or after the seek time.
  const seekSec = Math.max(0, frameSec - 0.5 / track.fps)
  let rgba: Uint8Array | null
  try {
    rgba =
      (await readVideoFrame({ inputPath: clip.path, seekSec, ...size, ffmpeg })) ??
      (await readVideoFrame({ inputPath: clip.path, seekSec: Math.max(0, seekSec - 1), ...size, ffmpeg }))
  } catch (error) {
    throw toDriveError(error, clip.name, false)
  }
  if (!rgba) {
    throw new MimesisError('driver-frame-missing', `No picture of ${clip.name} at ${frameSec.toFixed(2)} s.`)
  }
  const face = track.faces[index]
  return {
    ...size,
    rgba,
    timeSec: frameSec,
    landmarks: face ? projectLandmarks(face, track.width, track.height, size.width, size.height) : null
  }
}
