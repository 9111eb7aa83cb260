import { type VideoInputProblem } from './video-input-error'

/**
 * Decides, from ffmpeg's or ffprobe's stderr, whether a file that exists is not a video or is damaged. Pure.
 * "Invalid data found when processing input" means no demuxer recognised the file; a demuxer chosen
 * only from the file name ("detected only with low score") means the content is not that format at all.
 * A file whose video stream ffmpeg listed before it failed is a video cut short or damaged (an MP4 with its
 * index at the start, truncated), however the failure is worded.
 */
export function classifyVideoInputFailure(stderr: string): Exclude<VideoInputProblem, 'not-found'> {
  if (/detected only with low score/i.test(stderr)) return 'not-video'
  if (/Stream #\d+:\d+\S*: Video:/.test(stderr)) return 'corrupt'
  if (/matches no streams|does not contain any stream|no video stream/i.test(stderr)) return 'not-video'
  if (/Invalid data found when processing input/i.test(stderr) && !/moov atom not found/i.test(stderr)) {
    return 'not-video'
  }
  return 'corrupt'
}
