// The recent projects list as main reports it (ids and names; the paths stay in main). Session state:
// never in undo history, never saved by the renderer.
import { create } from 'zustand'
import type { RecentProject } from '@shared/ipc/contract'

export interface RecentState {
  projects: RecentProject[]
  /** An id being opened, so its entry shows as busy. */
  opening: string | null
  refresh(): Promise<void>
  setOpening(id: string | null): void
}

export const useRecent = create<RecentState>()((set) => ({
  projects: [],
  opening: null,
  refresh: async () => {
    try {
      set({ projects: await window.mimesis.listRecentProjects() })
    } catch {
      // The list is a convenience; without it the studio works the same.
    }
  },
  setOpening: (opening) => set({ opening })
}))
