export interface ShowinfoFrame {
  n: number
  /** Seconds; null when the frame has no timestamp (NOPTS). */
  ptsTime: number | null
  width: number
  height: number
}

const SHOWINFO = /\bn:\s*(\d+)\s+pts:\s*(-?\d+|NOPTS)\s+pts_time:(\S+).*?\bs:(\d+)x(\d+)/

/** Parses one stderr line of ffmpeg's showinfo filter; null for any other line. Pure. */
export function parseShowinfoLine(line: string): ShowinfoFrame | null {
  if (!line.includes('showinfo')) return null
  const match = SHOWINFO.exec(line)
  if (match == null) return null
  const [, n = '', pts = '', ptsTime = '', width = '', height = ''] = match
  const time = Number.parseFloat(ptsTime)
  return {
    n: Number.parseInt(n, 10),
    ptsTime: pts === 'NOPTS' || !Number.isFinite(time) ? null : time,
    width: Number.parseInt(width, 10),
    height: Number.parseInt(height, 10)
  }
}
