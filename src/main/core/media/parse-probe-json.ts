import { type VideoInfo } from './video-info'

interface ProbeStream {
  codec_type?: string
  codec_name?: string
  width?: number
  height?: number
  r_frame_rate?: string
  avg_frame_rate?: string
  duration?: string
  nb_frames?: string
  /** With `-count_packets`: packets read through the whole file. */
  nb_read_packets?: string
  disposition?: { attached_pic?: number }
  tags?: Record<string, string>
  side_data_list?: Array<{ rotation?: number }>
}

interface ProbeJson {
  streams?: ProbeStream[]
  format?: { duration?: string }
}

/** Reads `ffprobe -print_format json -show_format -show_streams` output. Null when there is no video stream. Pure. */
export function parseProbeJson(text: string): VideoInfo | null {
  const json = JSON.parse(text) as ProbeJson
  const streams = json.streams ?? []
  const video = streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1)
  if (video == null || !video.width || !video.height) return null
  const avgFps = parseRate(video.avg_frame_rate) ?? parseRate(video.r_frame_rate)
  const nominalFps = parseRate(video.r_frame_rate)
  const durationSec = positive(video.duration) ?? positive(json.format?.duration)
  const nbFrames = positive(video.nb_frames)
  const rotation = normalizeRotation(
    video.side_data_list?.find((d) => d.rotation != null)?.rotation ??
      // The legacy tag counts clockwise; the display matrix counterclockwise.
      (video.tags?.rotate != null ? -Number(video.tags.rotate) : 0)
  )
  const swap = rotation === 90 || rotation === 270
  const packetCount = video.nb_read_packets == null ? Number.NaN : Number(video.nb_read_packets)
  return {
    width: swap ? video.height : video.width,
    height: swap ? video.width : video.height,
    durationSec,
    frameCountEstimate:
      nbFrames != null
        ? Math.round(nbFrames)
        : durationSec != null && avgFps != null
          ? Math.round(durationSec * avgFps)
          : null,
    avgFps,
    isVariableFrameRate:
      avgFps != null && nominalFps != null && Math.abs(avgFps - nominalFps) / nominalFps > 0.01,
    hasAudio: streams.some((s) => s.codec_type === 'audio'),
    codec: video.codec_name ?? 'unknown',
    rotation,
    ...(Number.isInteger(packetCount) && packetCount >= 0 ? { packetCount } : {})
  }
}

export function normalizeRotation(degrees: number): 0 | 90 | 180 | 270 {
  if (!Number.isFinite(degrees)) return 0
  const quarter = ((Math.round(degrees / 90) % 4) + 4) % 4
  return ([0, 90, 180, 270] as const)[quarter] ?? 0
}

function parseRate(rate: string | undefined): number | null {
  if (rate == null) return null
  const [num, den = '1'] = rate.split('/')
  const value = Number(num) / Number(den)
  return Number.isFinite(value) && value > 0 ? value : null
}

function positive(text: string | undefined): number | null {
  if (text == null) return null
  const value = Number.parseFloat(text)
  return Number.isFinite(value) && value > 0 ? value : null
}
