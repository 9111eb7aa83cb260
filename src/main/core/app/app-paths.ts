import { homedir } from 'node:os'
import { join } from 'node:path'

/** Where the studio keeps its files. Electron passes app.getPath('userData'); the CLI and test host pass their own. */
export interface AppPaths {
  userData: string
  logs: string
  autosave: string
  projects: string
  /** Generated models and engine packs (`models/`, `packs/`). */
  resources: string
  models: string
}

export function resolveAppPaths(userData: string, resourcesDir: string): AppPaths {
  return {
    userData,
    logs: join(userData, 'logs'),
    autosave: join(userData, 'autosave'),
    projects: join(homedir(), 'Mimesis Projects'),
    resources: resourcesDir,
    models: join(resourcesDir, 'models')
  }
}

/** The per-user data folder the Electron build uses, for the CLI and docs to agree with it. */
export function defaultUserDataDir(appName = 'Mimesis Studio'): string {
  switch (process.platform) {
    case 'win32':
      return join(process.env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), appName)
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', appName)
    default:
      return join(process.env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), appName)
  }
}
