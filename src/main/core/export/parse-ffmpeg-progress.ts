export interface FfmpegProgress {
  /** Frames the encoder has finished, from the latest complete progress block. */
  frame: number | null
  fps: number | null
  outTimeSec: number | null
  totalSizeBytes: number | null
  /** Encoding speed relative to real time, e.g. 2.5 for "2.5x". */
  speed: number | null
  /** True once ffmpeg wrote `progress=end`. */
  ended: boolean
  /** Lines that are not progress key=value pairs: with `-loglevel error` these are ffmpeg's error messages. */
  messages: string[]
}

const KEY_VALUE = /^([a-z_0-9]+)=(.*)$/

/** Parses stderr of `ffmpeg -progress pipe:2`. Pure; incomplete trailing lines are ignored. */
export function parseFfmpegProgress(output: string): FfmpegProgress {
  const result: FfmpegProgress = {
    frame: null,
    fps: null,
    outTimeSec: null,
    totalSizeBytes: null,
    speed: null,
    ended: false,
    messages: []
  }
  let block = new Map<string, string>()
  const lines = output.split(/\r?\n/)
  lines.pop()
  for (const raw of lines) {
    const line = raw.trim()
    if (line === '') continue
    const kv = KEY_VALUE.exec(line)
    if (kv == null) {
      result.messages.push(line)
      continue
    }
    const [, key = '', value = ''] = kv
    block.set(key, value.trim())
    if (key === 'progress') {
      applyBlock(result, block)
      result.ended = value.trim() === 'end'
      block = new Map()
    }
  }
  return result
}

function applyBlock(result: FfmpegProgress, block: Map<string, string>): void {
  const num = (key: string): number | null => {
    const text = block.get(key)
    if (text == null) return null
    const value = Number.parseFloat(text)
    return Number.isFinite(value) ? value : null
  }
  result.frame = num('frame') ?? result.frame
  result.fps = num('fps') ?? result.fps
  const outTimeUs = num('out_time_us') ?? num('out_time_ms')
  if (outTimeUs != null) result.outTimeSec = outTimeUs / 1e6
  result.totalSizeBytes = num('total_size') ?? result.totalSizeBytes
  result.speed = num('speed') ?? result.speed
}
