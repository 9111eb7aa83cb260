import { DRIVER_VIDEO_EXTENSIONS } from '@shared/ipc/contract'

/** Whether a dropped file's name says it is a video the studio can drive from. */
export function isDriverVideoName(name: string): boolean {
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? ''
  return (DRIVER_VIDEO_EXTENSIONS as readonly string[]).includes(extension)
}
