import { type VideoInputProblem } from './video-input-error'

/**
 * Decides, from ffmpeg's or ffprobe's stderr, whether a file that exists is not a video or is damaged. Pure.
 * "Invalid data found when processing input" means no demuxer recognised the file; a demuxer chosen
 * only from the file name ("detected only with low score") means the content is not that format at all.
 */
export function classifyVideoInputFailure(stderr: string): Exclude<VideoInputProblem, 'not-found'> {
  if (/detected only with low score/i.test(stderr)) return 'not-video'
  if (/matches no streams|does not contain any stream|no video stream/i.test(stderr)) return 'not-video'
  if (/Invalid data found when processing input/i.test(stderr) && !/moov atom not found/i.test(stderr)) {
    return 'not-video'
  }
  return 'corrupt'
}
