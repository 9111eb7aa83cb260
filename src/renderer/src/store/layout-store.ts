// The studio's panel sizes, kept per user: the timeline's height and the inspector's width, saved in the
// renderer's localStorage (zustand's persist middleware) and restored on the next start. Never in undo
// history, never in a project: a layout belongs to the person and their screen, not to the document.
import { create } from 'zustand'
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware'

/** Sizes in CSS px, and their limits (the window can still squeeze a panel below its minimum). */
export const LAYOUT_LIMITS = {
  timelineHeight: { min: 120, max: 900, initial: 236 },
  inspectorWidth: { min: 240, max: 640, initial: 320 }
} as const

export type LayoutSize = keyof typeof LAYOUT_LIMITS

export interface LayoutState {
  readonly timelineHeight: number
  readonly inspectorWidth: number
  setSize(which: LayoutSize, px: number): void
  resetLayout(): void
}

/** `px` rounded and kept within the size's limits. */
export function clampSize(which: LayoutSize, px: number): number {
  const { min, max, initial } = LAYOUT_LIMITS[which]
  return Number.isFinite(px) ? Math.min(max, Math.max(min, Math.round(px))) : initial
}

export const LAYOUT_STORAGE_KEY = 'mimesis.layout'

/**
 * The page's localStorage, reached through globalThis so the store's unit tests type-check without the DOM
 * library; where there is none (Node), persist keeps the sizes in memory only.
 */
function pageStorage(): StateStorage {
  const storage = (globalThis as { localStorage?: StateStorage }).localStorage
  if (!storage) throw new Error('no localStorage here')
  return storage
}

export const useLayout = create<LayoutState>()(
  persist(
    (set) => ({
      timelineHeight: LAYOUT_LIMITS.timelineHeight.initial,
      inspectorWidth: LAYOUT_LIMITS.inspectorWidth.initial,
      setSize: (which, px) => set({ [which]: clampSize(which, px) }),
      resetLayout: () =>
        set({
          timelineHeight: LAYOUT_LIMITS.timelineHeight.initial,
          inspectorWidth: LAYOUT_LIMITS.inspectorWidth.initial
        })
    }),
    {
      name: LAYOUT_STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(pageStorage),
      partialize: (state) => ({ timelineHeight: state.timelineHeight, inspectorWidth: state.inspectorWidth }),
      // A stored size out of range (a hand-edited store, older limits) comes back clamped.
      merge: (stored, current) => {
        const sizes = (stored ?? {}) as Partial<Record<LayoutSize, unknown>>
        const read = (which: LayoutSize) =>
          typeof sizes[which] === 'number' ? clampSize(which, sizes[which]) : current[which]
        return { ...current, timelineHeight: read('timelineHeight'), inspectorWidth: read('inspectorWidth') }
      }
    }
  )
)
