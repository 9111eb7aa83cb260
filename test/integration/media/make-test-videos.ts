import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

function ffmpeg(bin: string, args: string[]): void {
  execFileSync(bin, ['-hide_banner', '-loglevel', 'error', '-y', ...args], {
    stdio: ['ignore', 'ignore', 'pipe']
  })
}

export function ffprobeJson(path: string, entries: string): unknown {
  return JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-show_entries', entries, '-of', 'json', path]).toString()
  )
}

/** 12 frames of testsrc, 64x48 at a constant 25 fps. */
export function makeConstantRateClip(dir: string): string {
  const out = join(dir, 'cfr.mp4')
  ffmpeg('ffmpeg', [
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=64x48:rate=25',
    '-frames:v',
    '12',
    '-pix_fmt',
    'yuv420p',
    out
  ])
  return out
}

export const VFR_TIMES = [0, 0.04, 0.08, 0.12, 0.16, 0.2, 0.3, 0.4, 0.5, 0.6]

/** 10 frames at the times in VFR_TIMES: 25 fps, then 10 fps. Time base 1/100 keeps them exact. */
export function makeVariableRateClip(dir: string): string {
  const out = join(dir, 'vfr.mp4')
  ffmpeg('ffmpeg', [
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=64x48:rate=100',
    '-frames:v',
    '10',
    '-vf',
    "setpts='if(lt(N\\,6)\\,N*0.04\\,0.2+(N-5)*0.1)/TB'",
    '-fps_mode',
    'passthrough',
    '-pix_fmt',
    'yuv420p',
    out
  ])
  return out
}

/**
 * A 64x48 blue clip with a red 16x16 square in its top-left corner, tagged with a 90 degree rotation.
 * Debian's ffmpeg 5.1 cannot write rotation metadata (no -display_rotation before 6.0); the older
 * bundled static ffmpeg still honours `-metadata:s:v rotate=`. Returns null when neither can.
 */
export function makeRotatedClip(dir: string, ffmpegPaths: readonly string[]): string | null {
  const plain = join(dir, 'upright.mp4')
  ffmpeg('ffmpeg', [
    '-f',
    'lavfi',
    '-i',
    'color=c=blue:s=64x48:r=25,drawbox=x=0:y=0:w=16:h=16:c=red:t=fill',
    '-frames:v',
    '3',
    '-pix_fmt',
    'yuv420p',
    plain
  ])
  const out = join(dir, 'rotated.mp4')
  for (const bin of ffmpegPaths) {
    try {
      ffmpeg(bin, ['-i', plain, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', out])
      const probe = JSON.stringify(ffprobeJson(out, 'stream_side_data=rotation'))
      if (/"rotation": ?(90|-270)/.test(probe)) return out
    } catch {
      // try the next ffmpeg
    }
  }
  return null
}

/** An MP4 with its index (moov) at the end, cut in half: the index is gone. */
export function makeTruncatedClip(dir: string): string {
  const whole = join(dir, 'whole.mp4')
  ffmpeg('ffmpeg', [
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=64x48:rate=25',
    '-frames:v',
    '30',
    '-pix_fmt',
    'yuv420p',
    whole
  ])
  const bytes = readFileSync(whole)
  const out = join(dir, 'truncated.mp4')
  writeFileSync(out, bytes.subarray(0, Math.floor(bytes.length / 2)))
  return out
}

export function makeAudioOnlyFile(dir: string): string {
  const out = join(dir, 'tone.m4a')
  ffmpeg('ffmpeg', ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=0.5', '-c:a', 'aac', out])
  return out
}

export function makeTextFile(dir: string): string {
  const out = join(dir, 'notes.mp4')
  writeFileSync(out, 'this is not a video\n')
  return out
}
