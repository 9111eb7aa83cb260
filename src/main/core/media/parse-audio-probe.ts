import { parseShowinfoLine } from './parse-showinfo-line'

export interface ProbedAudioStream {
  /** ffmpeg's decoder name, e.g. 'aac', 'opus', 'pcm_s16le'. */
  codec: string
  /** Hz; null when the banner does not say. */
  sampleRate: number | null
  /** null when the layout is not one this parser knows. */
  channels: number | null
}

export interface AudioProbe {
  /** ffmpeg opened the file as media (it printed `Input #0`). */
  opened: boolean
  /** The first audio stream of input #0, or null when it has none. */
  audio: ProbedAudioStream | null
  /** Input #0 has a video stream other than cover art. */
  hasVideo: boolean
  /** Presentation time of the first decoded video frame, seconds; null when none was decoded. */
  firstVideoFrameSec: number | null
  /** The container's duration from the banner (10 ms precision), seconds; null when unknown. */
  durationSec: number | null
}

const CHANNELS_BY_LAYOUT: Readonly<Record<string, number>> = {
  mono: 1,
  stereo: 2,
  '2.1': 3,
  '3.0': 3,
  quad: 4,
  '4.0': 4,
  '5.0': 5,
  '5.1': 6,
  '6.1': 7,
  '7.1': 8
}

/** Reads the stderr of an ffmpeg run with `buildAudioProbeArgs`. Pure; works with ffmpeg 4 and 5 banners. */
export function parseAudioProbe(stderr: string): AudioProbe {
  const lines = stderr.split(/\r?\n/)
  const inputAt = lines.findIndex((l) => /^Input #0\b/.test(l))
  const input: string[] = []
  if (inputAt >= 0) {
    for (const line of lines.slice(inputAt + 1)) {
      if (/^(Input #|Output #|Stream mapping:)/.test(line)) break
      input.push(line)
    }
  }
  const streams = input.filter((l) => /^\s*Stream #0:\d+/.test(l))
  const audioLine = streams.find((l) => /: Audio: /.test(l))
  const duration = /Duration:\s*(\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(input.join('\n'))
  let firstVideoFrameSec: number | null = null
  for (const line of lines) {
    const frame = parseShowinfoLine(line)
    if (frame != null) {
      firstVideoFrameSec = frame.ptsTime
      break
    }
  }
  return {
    opened: inputAt >= 0,
    audio: audioLine == null ? null : parseAudioStreamLine(audioLine),
    hasVideo: streams.some((l) => /: Video: /.test(l) && !/\(attached pic\)/.test(l)),
    firstVideoFrameSec,
    durationSec:
      duration == null ? null : Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3])
  }
}

/** `Stream #0:1(und): Audio: aac (LC) (mp4a / 0x6134706D), 48000 Hz, stereo, fltp, 160 kb/s` -> parts. */
function parseAudioStreamLine(line: string): ProbedAudioStream {
  const codec = /: Audio: (\w+)/.exec(line)?.[1] ?? 'unknown'
  const rate = /, (\d+) Hz, ([^,]+)/.exec(line)
  const layout = rate?.[2]?.trim() ?? ''
  const counted = /^(\d+) channels\b/.exec(layout)
  const channels =
    counted != null ? Number(counted[1]) : (CHANNELS_BY_LAYOUT[layout.replace(/\(.*\)$/, '')] ?? null)
  return { codec, sampleRate: rate == null ? null : Number(rate[1]), channels }
}
