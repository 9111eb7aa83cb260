import type { AppInfo } from '@shared/ipc/contract'
import { locateFfmpeg } from '../media/locate-ffmpeg'

export async function describeFfmpegAvailability(configuredPath?: string): Promise<AppInfo['ffmpeg']> {
  try {
    const found = await locateFfmpeg(configuredPath === undefined ? {} : { configuredPath })
    return { available: true, detail: `${found.version} (${found.source}: ${found.path})` }
  } catch (error) {
    return { available: false, detail: error instanceof Error ? error.message : String(error) }
  }
}
