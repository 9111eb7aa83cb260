import type { CoreServices } from '../ipc/create-handlers'
import { FileGrants } from '../ipc/file-grants'
import type { DialogPort, EventSink, LifecyclePort, ShellPort } from '../ipc/ports'
import { AutosaveStore, RecentFiles } from '../project'
import { createAutosaveSession } from '../studio/autosave-session'
import { RecentProjects } from '../studio/recent-projects'
import { join } from 'node:path'
import { resolveAppPaths } from './app-paths'
import { describeFfmpegAvailability } from './describe-ffmpeg'
import { describeInference } from './describe-inference'
import { createFileLogger } from './logger'

export interface CoreServicesOptions {
  runtime: CoreServices['runtime']
  appVersion: string
  development: boolean
  userDataDir: string
  resourcesDir: string
  dialogs: DialogPort
  events: EventSink
  shell: ShellPort
  /** Defaults to doing nothing (no window to close). */
  lifecycle?: LifecyclePort
  echoLogs?: boolean
  /** The log file under `<userData>/logs`; the core process writes its own (`core.log`). */
  logFileName?: string
  /** Hears of every file grant (the core process mirrors them to main). */
  onGrant?: (token: string, path: string) => void
  /**
   * This run's autosave session. Main picks it once per app run, so a restarted core process keeps
   * writing the same autosave instead of leaving the previous one behind as "crashed" work.
   */
  autosaveSessionId?: string
}

export function createCoreServices(options: CoreServicesOptions): CoreServices {
  const paths = resolveAppPaths(options.userDataDir, options.resourcesDir)
  const logger = createFileLogger(paths.logs, {
    echo: options.echoLogs ?? false,
    fileName: options.logFileName
  })
  const grants = new FileGrants(options.onGrant)
  return {
    runtime: options.runtime,
    appVersion: options.appVersion,
    development: options.development,
    paths,
    logger,
    grants,
    dialogs: options.dialogs,
    events: options.events,
    shell: options.shell,
    lifecycle: options.lifecycle ?? { closeConfirmed: () => undefined },
    autosave: createAutosaveSession({
      store: new AutosaveStore(paths.autosave, { sessionId: options.autosaveSessionId }),
      grants,
      appVersion: options.appVersion,
      portraitCacheDir: join(paths.userData, 'portraits')
    }),
    recentProjects: new RecentProjects(new RecentFiles(paths.userData)),
    describeInference: async () => describeInference(),
    describeFfmpeg: () => describeFfmpegAvailability()
  }
}
