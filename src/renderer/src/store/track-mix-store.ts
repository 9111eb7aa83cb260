// The timeline's view state for tracks: which groups are collapsed and what is muted or soloed. Never in
// undo history and never saved with the project: muting is a way to audition the preview (like a mixer's
// mute), not an edit, and export renders the document whole. Kept for the session, whatever is opened.
import { create } from 'zustand'
import type { TrackGroupId } from '../components/timeline/track-groups'
import { EMPTY_MIX, type TrackMix } from '../components/timeline/track-mix'

export interface TrackMixState extends TrackMix {
  readonly collapsed: ReadonlySet<TrackGroupId>
  toggleCollapsed(group: TrackGroupId): void
  toggleMute(target: { readonly track: string } | { readonly group: TrackGroupId }): void
  toggleSolo(target: { readonly track: string } | { readonly group: TrackGroupId }): void
  /** Unmutes and unsolos everything. */
  clearMix(): void
}

function toggled<T>(set: ReadonlySet<T>, value: T): ReadonlySet<T> {
  const next = new Set(set)
  if (!next.delete(value)) next.add(value)
  return next
}

export const useTrackMix = create<TrackMixState>()((set) => ({
  ...EMPTY_MIX,
  collapsed: new Set(),
  toggleCollapsed: (group) => set((state) => ({ collapsed: toggled(state.collapsed, group) })),
  toggleMute: (target) =>
    set((state) =>
      'track' in target
        ? { mutedTracks: toggled(state.mutedTracks, target.track) }
        : { mutedGroups: toggled(state.mutedGroups, target.group) }
    ),
  toggleSolo: (target) =>
    set((state) =>
      'track' in target
        ? { soloTracks: toggled(state.soloTracks, target.track) }
        : { soloGroups: toggled(state.soloGroups, target.group) }
    ),
  clearMix: () => set({ ...EMPTY_MIX })
}))

/** The mix part of the state (what the preview needs). */
export function mixOf(state: TrackMix): TrackMix {
  const { mutedTracks, soloTracks, mutedGroups, soloGroups } = state
  return { mutedTracks, soloTracks, mutedGroups, soloGroups }
}
