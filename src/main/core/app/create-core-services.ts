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
}

export function createCoreServices(options: CoreServicesOptions): CoreServices {
  const paths = resolveAppPaths(options.userDataDir, options.resourcesDir)
  const logger = createFileLogger(paths.logs, { echo: options.echoLogs ?? false })
  const grants = new FileGrants()
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
      store: new AutosaveStore(paths.autosave),
      grants,
      appVersion: options.appVersion,
      portraitCacheDir: join(paths.userData, 'portraits')
    }),
    recentProjects: new RecentProjects(new RecentFiles(paths.userData)),
    describeInference: async () => describeInference(),
    describeFfmpeg: () => describeFfmpegAvailability()
  }
}
