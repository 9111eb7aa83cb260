import { useEffect } from 'react'
import { useRecent } from '../store/recent-store'
import type { ProjectCommands } from './use-project-commands'

/** Loads the recent list once, and opens what the native menu's Open Recent submenu asks for. */
export function useRecentProjects(projects: ProjectCommands): void {
  useEffect(() => {
    void useRecent.getState().refresh()
  }, [])
  useEffect(() => window.mimesis.onOpenRecent(({ id }) => void projects.openRecent(id)), [projects])
}
