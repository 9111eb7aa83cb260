import type { CoreServices } from '../ipc/create-handlers'
import { FileGrants } from '../ipc/file-grants'
import type { DialogPort, EventSink, ShellPort } from '../ipc/ports'
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
  echoLogs?: boolean
}

export function createCoreServices(options: CoreServicesOptions): CoreServices {
  const paths = resolveAppPaths(options.userDataDir, options.resourcesDir)
  const logger = createFileLogger(paths.logs, { echo: options.echoLogs ?? false })
  return {
    runtime: options.runtime,
    appVersion: options.appVersion,
    development: options.development,
    paths,
    logger,
    grants: new FileGrants(),
    dialogs: options.dialogs,
    events: options.events,
    shell: options.shell,
    describeInference: async () => describeInference(),
    describeFfmpeg: () => describeFfmpegAvailability()
  }
}
