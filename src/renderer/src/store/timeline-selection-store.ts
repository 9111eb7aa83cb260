// Ephemeral dope-sheet state: selected keys, the key clipboard, zoom and scroll. Never in undo history,
// never saved. Document edits still go through useStudio's `commit`.
import { create } from 'zustand'
import {
  existingKeyRefs,
  moveKeys,
  type AnimationDocument,
  type KeyClipboard,
  type KeyRef,
  type MoveKeysOptions,
  type Seconds,
  type TrackId
} from '@shared/timeline'
import type { TimelineZoom } from '../components/timeline/timeline-geometry'
import { sameRefs } from '../components/timeline/timeline-selection'

export interface TimelineSelectionState {
  selected: KeyRef[]
  clipboard: KeyClipboard | null
  zoom: TimelineZoom
  /** The lanes show one track's value over time (the curve view) instead of the dope sheet. */
  curveView: boolean
  /** The track the curve view shows; null picks the selected key's track, else the first keyed one. */
  curveTrack: TrackId | null
  /**
   * The key that has keyboard focus in the key lanes, with its time (s) when focused, so focus finds its
   * way on after the key is deleted or merged away.
   */
  focusedKey: { readonly ref: KeyRef; readonly time: number } | null
  /** Only tracks whose name holds this are shown (empty: every track). */
  trackFilter: string
  /**
   * A key drag under way: the lanes draw the dragged keys moved by `shift` (s, each then on its frame) and
   * the preview renders `moveKeys(origin, refs, delta, options)`; the document takes the move once, on
   * release (one undo step), instead of at every pointer move.
   */
  keyDrag: KeyDrag | null
  /** The ruler is being scrubbed (pressed and dragged): what follows the playhead slowly waits for it to rest. */
  scrubbing: boolean
  setKeyDrag(drag: KeyDrag | null): void
  setScrubbing(scrubbing: boolean): void
  select(refs: readonly KeyRef[]): void
  clearSelection(): void
  /** Drops refs to keys that no longer exist (after undo, delete or a merge). */
  prune(doc: AnimationDocument): void
  setClipboard(clipboard: KeyClipboard | null): void
  setZoom(zoom: TimelineZoom): void
  setCurveView(on: boolean): void
  setCurveTrack(trackId: TrackId | null): void
  setFocusedKey(focused: { readonly ref: KeyRef; readonly time: number } | null): void
  setTrackFilter(filter: string): void
}

export interface KeyDrag {
  readonly origin: AnimationDocument
  readonly refs: readonly KeyRef[]
  readonly delta: Seconds
  readonly options: MoveKeysOptions
  /** What `moveShift` makes of `delta`: snapped, and limited so no key goes before 0 s. */
  readonly shift: number
}

const dragged = new WeakMap<KeyDrag, AnimationDocument>()

/**
 * The document as a drag shows it (`moveKeys` of its origin), made once per drag state: the preview, the
 * group summaries and the release all ask for the same one.
 */
export function draggedDocument(drag: KeyDrag): AnimationDocument {
  let doc = dragged.get(drag)
  if (!doc) dragged.set(drag, (doc = moveKeys(drag.origin, drag.refs, drag.delta, drag.options)))
  return doc
}

export const useTimelineSelection = create<TimelineSelectionState>()((set) => ({
  selected: [],
  clipboard: null,
  zoom: { zoom: 1, start: 0 },
  curveView: false,
  curveTrack: null,
  focusedKey: null,
  trackFilter: '',
  keyDrag: null,
  scrubbing: false,
  setKeyDrag: (keyDrag) => set({ keyDrag }),
  setScrubbing: (scrubbing) => set((state) => (state.scrubbing === scrubbing ? {} : { scrubbing })),
  select: (refs) => set((state) => (sameRefs(state.selected, refs) ? {} : { selected: [...refs] })),
  clearSelection: () => set((state) => (state.selected.length === 0 ? {} : { selected: [] })),
  prune: (doc) =>
    set((state) => {
      const kept = existingKeyRefs(doc, state.selected)
      return kept.length === state.selected.length ? {} : { selected: kept }
    }),
  setClipboard: (clipboard) => set({ clipboard }),
  setZoom: (zoom) =>
    set((state) => (state.zoom.zoom === zoom.zoom && state.zoom.start === zoom.start ? {} : { zoom })),
  // Turning the curve view on shows the selected key's track, if a key is selected.
  setCurveView: (curveView) =>
    set((state) =>
      curveView && state.selected[0] ? { curveView, curveTrack: state.selected[0].trackId } : { curveView }
    ),
  setCurveTrack: (curveTrack) => set({ curveTrack }),
  setFocusedKey: (focusedKey) => set({ focusedKey }),
  setTrackFilter: (trackFilter) => set({ trackFilter })
}))
