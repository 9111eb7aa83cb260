import { runCaptured } from './run-captured'

export interface FfmpegBinaryInfo {
  version: string
  encoders: ReadonlySet<string>
  /** `-fps_mode` exists from ffmpeg 5.1; older builds (like the bundled static one) only know `-vsync`. */
  supportsFpsMode: boolean
}

/** Runs `ffmpeg -version`, `-encoders` and `-h long`; rejects with a readable reason when it cannot run. */
export async function inspectFfmpegBinary(path: string): Promise<FfmpegBinaryInfo> {
  const versionRun = await runCaptured(path, ['-hide_banner', '-version'])
  const match = /^ffmpeg version (\S+)/m.exec(versionRun.stdout)
  if (versionRun.code !== 0 || match == null) {
    throw new Error(`does not run as ffmpeg (exit ${versionRun.code ?? versionRun.signal})`)
  }
  const [encodersRun, helpRun] = await Promise.all([
    runCaptured(path, ['-hide_banner', '-encoders']),
    runCaptured(path, ['-hide_banner', '-h', 'long'])
  ])
  const encoders = new Set<string>()
  for (const line of encodersRun.stdout.split('\n')) {
    const enc = /^\s*[VAS][.A-Z]{5}\s+(\S+)/.exec(line)
    if (enc?.[1] != null) encoders.add(enc[1])
  }
  return {
    version: match[1] ?? 'unknown',
    encoders,
    supportsFpsMode: /^-fps_mode\s/m.test(helpRun.stdout)
  }
}
