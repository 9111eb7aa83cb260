import { createCoreServices } from '../core/app/create-core-services'
import { createHandlers, createPrivilegedHandlers } from '../core/ipc/create-handlers'
import type { CoreInit } from './core-protocol'
import type { CoreHostLink, CoreRuntime } from './core-server'

/**
 * The real core: the same services and handlers Electron's main process used to run, with dialogs, the
 * shell and events reaching the window-owning process through the host link. Grants made by an earlier
 * core of this run are adopted first, so the renderer's file tokens keep working after a restart.
 */
export function buildCoreRuntime(init: CoreInit, host: CoreHostLink): CoreRuntime {
  const services = createCoreServices({
    runtime: init.runtime,
    appVersion: init.appVersion,
    development: init.development,
    userDataDir: init.userDataDir,
    resourcesDir: init.resourcesDir,
    dialogs: host.dialogs,
    events: host.events,
    shell: host.shell,
    lifecycle: host.lifecycle,
    logFileName: 'core.log',
    onGrant: host.onGrant,
    autosaveSessionId: init.autosaveSessionId
  })
  for (const [token, path] of init.grants) services.grants.adopt(token, path)
  services.recentProjects.onChange(() => host.recentProjectsChanged())
  services.logger.info('Core process started', { pid: process.pid, adoptedGrants: init.grants.length })
  return {
    handlers: createHandlers(services),
    privileged: createPrivilegedHandlers(services),
    logger: services.logger,
    async shutdown(cleanExit) {
      if (cleanExit) {
        await services.autosave
          .markCleanExit()
          .catch((error: unknown) =>
            services.logger.warn('Autosave clean-up failed', { error: String(error) })
          )
      }
      await services.logger.flush()
    }
  }
}
