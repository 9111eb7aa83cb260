import type { InvokeMethod } from '@shared/ipc/channels'
import { DRIVER_VIDEO_EXTENSIONS } from '@shared/ipc/contract'
import type { AppInfo, FileRef, InvokeResponse, ValidatedRequest } from '@shared/ipc/contract'
import type { AppPaths } from '../app/app-paths'
import type { Logger } from '../app/logger'
import type { FileGrants } from './file-grants'
import type { DialogPort, EventSink, LifecyclePort, ShellPort } from './ports'
import { loadPortrait } from '../portrait/load-portrait'
import { createPortraitLoader } from '../portrait/portrait-prefetch'
import { createProjectCommands } from '../studio/project-commands'
import { createAvatarSession } from '../studio/avatar-session'
import { createExportSession } from '../studio/export-session'
import { createDriveSession } from '../studio/drive-session'
import { createSoundFiles } from '../studio/sound-files'
import { ExportChoicesStore } from '../studio/export-choices-store'
import { createPerformanceFiles } from '../studio/performance-files'
import { createLiveSession } from '../studio/live-session'
import type { AvatarCalibration } from '../drive/calibrate-avatar'
import type { Avatar } from '../engine/engine'
import type { AutosaveSession } from '../studio/autosave-session'
import type { RecentProjects } from '../studio/recent-projects'
import { join } from 'node:path'
import { createAudioWaveforms } from '../studio/audio-waveforms'
import { defaultFfmpeg } from '../media/default-ffmpeg'

export const PORTRAIT_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp', 'tif', 'tiff', 'bmp', 'heic', 'avif']

/** Everything the handlers need, passed in so Electron, the test host and tests can wire their own. */
export interface CoreServices {
  runtime: AppInfo['runtime']
  appVersion: string
  development: boolean
  paths: AppPaths
  logger: Logger
  grants: FileGrants
  dialogs: DialogPort
  events: EventSink
  shell: ShellPort
  lifecycle: LifecyclePort
  /** This run's autosave and the recovery of crashed runs' work (`<userData>/autosave`). */
  autosave: AutosaveSession
  recentProjects: RecentProjects
  describeInference(): Promise<AppInfo['inference']>
  describeFfmpeg(): Promise<AppInfo['ffmpeg']>
}

export type Handler<M extends InvokeMethod> = (request: ValidatedRequest<M>) => Promise<InvokeResponse<M>>
export type HandlerMap = { [M in InvokeMethod]: Handler<M> }

export interface PrivilegedHandlers {
  importDroppedPath(request: { path: string }): Promise<FileRef>
}

export function createHandlers(services: CoreServices): HandlerMap {
  const { logger, grants, dialogs, paths } = services
  const projects = createProjectCommands({
    grants,
    dialogs,
    appVersion: services.appVersion,
    portraitCacheDir: join(paths.userData, 'portraits'),
    recent: services.recentProjects
  })
  // An opened project's portrait is decoded and analysed while its document travels to the renderer.
  const portraits = createPortraitLoader((path) => loadPortrait(path, { modelsDir: paths.models }))
  const prefetchPortraitOf = <T extends { portrait: FileRef } | null>(opened: T): T => {
    if (opened) portraits.prefetch(grants.resolve(opened.portrait.token))
    return opened
  }
  const avatars = createAvatarSession({
    resourcesDir: paths.resources,
    log: (message) => logger.info(message)
  })
  const waveforms = createAudioWaveforms({ ffmpeg: defaultFfmpeg })
  const exports = createExportSession({ avatars, grants, dialogs, events: services.events, logger })
  // One calibration per avatar for driving and Live mode (about 1.5 s of renders each).
  const calibrations = new WeakMap<Avatar, AvatarCalibration>()
  const drives = createDriveSession({
    avatars,
    events: services.events,
    logger,
    modelsDir: paths.models,
    audioDir: join(paths.userData, 'audio'),
    calibrations
  })
  const live = createLiveSession({ avatars, logger, modelsDir: paths.models, calibrations })
  const performances = createPerformanceFiles({ grants, dialogs })
  const sounds = createSoundFiles({ grants, dialogs, audioDir: join(paths.userData, 'audio') })
  const exportChoices = new ExportChoicesStore(paths.userData)
  return {
    async getAppInfo() {
      const [inference, ffmpeg] = await Promise.all([services.describeInference(), services.describeFfmpeg()])
      return {
        name: 'Mimesis Studio',
        version: services.appVersion,
        platform: `${process.platform}-${process.arch}`,
        runtime: services.runtime,
        paths: { userData: paths.userData, logs: paths.logs, projects: paths.projects },
        inference,
        ffmpeg,
        development: services.development
      }
    },
    async openPortraitDialog() {
      const path = await dialogs.openFile({
        title: 'Open a portrait photo',
        filters: [{ name: 'Images', extensions: PORTRAIT_EXTENSIONS }]
      })
      return path === null ? null : grants.grant(path)
    },
    async loadPortrait({ token }) {
      return portraits.load(grants.resolve(token))
    },
    buildAvatar: ({ token, faceIndex }) => avatars.build(grants.resolve(token), faceIndex),
    renderPreview: (request) => avatars.render(request),
    saveProject: (request) => projects.save(request),
    openProject: async () => prefetchPortraitOf(await projects.open()),
    async writeLog(entry) {
      logger.log(entry.level, `[renderer] ${entry.message}`, entry.context)
      return undefined
    },
    chooseExportFile: ({ defaultName, format }) => exports.chooseFile(defaultName, format),
    startExport: (request) => exports.start(request),
    cancelExport: async () => exports.cancel(),
    async showInFolder({ token }) {
      services.shell.showItemInFolder(grants.resolve(token))
      return undefined
    },
    writeAutosave: (request) => services.autosave.write(request),
    async clearAutosave() {
      await services.autosave.clear()
      return undefined
    },
    listRecoverable: () => services.autosave.list(),
    recoverAutosave: async ({ id }) => prefetchPortraitOf(await services.autosave.recover(id)),
    async discardRecoverable({ id }) {
      await services.autosave.discard(id)
      return undefined
    },
    listRecentProjects: () => services.recentProjects.list(),
    openRecentProject: async ({ id }) => prefetchPortraitOf(await projects.openRecent(id)),
    async confirmClose() {
      services.lifecycle.closeConfirmed()
      return undefined
    },
    async openDriverDialog() {
      const path = await dialogs.openFile({
        title: 'Drive from a video',
        filters: [{ name: 'Videos', extensions: [...DRIVER_VIDEO_EXTENSIONS] }]
      })
      return path === null ? null : grants.grant(path)
    },
    trackDriver: ({ token, faceIndex }) => drives.track(grants.resolve(token), faceIndex ?? 0),
    cancelDrive: async () => drives.cancel(),
    driveAvatar: (request) => drives.drive(request),
    driverFrame: ({ timeSec, maxSide }) => drives.frame(timeSec, maxSide),
    async driverAudio() {
      const sound = await drives.audio()
      return sound ? { file: await grants.grant(sound.path), durationSec: sound.durationSec } : null
    },
    audioWaveform: ({ token }) => waveforms.of(grants.resolve(token)),
    savePerformance: ({ performance, defaultName }) => performances.save(performance, defaultName),
    openPerformance: () => performances.open(),
    openSoundDialog: () => sounds.open(),
    speechFeatures: ({ token, fps }) => sounds.speech({ token }, fps),
    importCurves: () => performances.importCurves(),
    loadExportChoices: ({ projectToken }) =>
      exportChoices.get(ExportChoicesStore.keyFor(grants.resolve(projectToken))),
    async saveExportChoices({ projectToken, choices }) {
      await exportChoices.set(ExportChoicesStore.keyFor(grants.resolve(projectToken)), choices)
      return undefined
    },
    liveOpen: () => live.open(),
    liveFrame: (request) => live.frame(request),
    liveSetNeutral: () => live.setNeutral(),
    liveRecord: ({ mode, maxSec }) => live.record(mode, maxSec),
    liveStop: () => live.stop(),
    liveClose: () => live.close()
  }
}

export function createPrivilegedHandlers(services: CoreServices): PrivilegedHandlers {
  return {
    importDroppedPath: ({ path }) => services.grants.grant(path)
  }
}
