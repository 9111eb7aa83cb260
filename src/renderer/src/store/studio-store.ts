// Renderer state, split by undo behaviour (see docs/architecture.md):
//   document   – what the user makes; every change goes through `commit` and enters undo history
//   session    – the loaded portrait and app facts; changes never enter history
//   ephemeral  – playhead, hover, progress, drag previews; never in history, never saved
import { create } from 'zustand'
import type { AppInfo, AvatarInfo, FileRef, IpcError, LoadedPortrait } from '@shared/ipc/contract'
import { createDocument, syncExpressionTracks, type AnimationDocument } from '@shared/timeline'
import { DEFAULT_DIRECTIONS, type DirectionInfo } from './direction-catalog'

const HISTORY_LIMIT = 200

export type PortraitStatus =
  | { kind: 'empty' }
  | { kind: 'loading'; file: FileRef; message: string; fraction: number }
  | { kind: 'ready'; file: FileRef; portrait: LoadedPortrait; faceIndex: number }
  | { kind: 'failed'; file: FileRef | null; error: IpcError }

export type AvatarStatus =
  | { kind: 'none' }
  | { kind: 'building' }
  | { kind: 'ready'; info: AvatarInfo }
  | { kind: 'failed'; message: string }

export interface ViewToggles {
  meshOverlay: boolean
  depthView: boolean
  sideBySide: boolean
  safeFrame: boolean
  /** The driving video in a corner of the viewport, in step with the playhead. */
  driverPip: boolean
}

/** The project's audio track: a granted .m4a and where it plays on the document clock. */
export interface AudioTrack {
  file: FileRef
  /** Document time, in seconds, at which the audio's time 0 plays. */
  startSec: number
  /** Kept in the project, but left out of exports. */
  muted: boolean
}

/** An RGBA frame to show in the viewport. */
export interface PreviewFrame {
  width: number
  height: number
  rgba: Uint8Array
}

export interface StudioState {
  // document (undoable)
  document: AnimationDocument
  past: AnimationDocument[]
  future: AnimationDocument[]
  // session
  appInfo: AppInfo | null
  directions: DirectionInfo[]
  portrait: PortraitStatus
  preview: PreviewFrame | null
  avatar: AvatarStatus
  /** Milliseconds the last preview frame took in the core (shown in development builds). */
  lastRenderMs: number | null
  /**
   * The preview is catching up with what it should show: a frame is rendering or due (a quick frame's sharp
   * follow-up included). The viewport says so with aria-busy; once false, what is on screen is final.
   */
  previewBusy: boolean
  /**
   * The project's audio track (a baked driver's sound), or null. Session state: undo does not take it
   * out; it is saved, autosaved and exported with the document.
   */
  audio: AudioTrack | null
  /** The saved project file this document belongs to, and the document and audio as last saved. */
  project: { file: FileRef; savedDocument: AnimationDocument; savedAudio?: AudioTrack | null } | null
  /** The document was recovered from an autosave: unsaved until the next save, whatever its history. */
  recoveredUnsaved: boolean
  // ephemeral
  playhead: number
  playing: boolean
  looping: boolean
  autoKey: boolean
  view: ViewToggles
  notice: { tone: 'info' | 'error'; text: string } | null

  /**
   * Applies a document edit. Every caller says whether it enters undo history: `history: false` is
   * for the rest of a continuous drag, whose first change already entered it (one drag, one step).
   */
  commit(edit: (doc: AnimationDocument) => AnimationDocument, options: { history: boolean }): void
  undo(): void
  redo(): void
  setAppInfo(info: AppInfo): void
  setPortrait(status: PortraitStatus): void
  setPreview(frame: PreviewFrame | null): void
  setAvatar(status: AvatarStatus): void
  setRendered(frame: PreviewFrame, renderMs: number): void
  setPreviewBusy(busy: boolean): void
  selectFace(index: number): void
  setProject(project: StudioState['project']): void
  setAudio(audio: AudioTrack | null): void
  setAudioMuted(muted: boolean): void
  /** Moves the sound: document time (s) at which its time 0 plays. */
  setAudioStart(startSec: number): void
  /** Replaces the document with one opened from disk (or recovered: `unsaved`): a fresh history. */
  replaceDocument(document: AnimationDocument, options?: { unsaved?: boolean }): void
  setPlayhead(time: number): void
  setPlaying(playing: boolean): void
  toggleLoop(): void
  toggleAutoKey(): void
  toggleView(key: keyof ViewToggles): void
  showNotice(notice: StudioState['notice']): void
}

export function newDocument(directions: DirectionInfo[]): AnimationDocument {
  return createDocument({ expressionNames: directions.map((d) => d.name) })
}

export const useStudio = create<StudioState>()((set) => ({
  document: newDocument(DEFAULT_DIRECTIONS),
  past: [],
  future: [],
  appInfo: null,
  directions: DEFAULT_DIRECTIONS,
  portrait: { kind: 'empty' },
  preview: null,
  avatar: { kind: 'none' },
  lastRenderMs: null,
  previewBusy: false,
  audio: null,
  project: null,
  recoveredUnsaved: false,
  playhead: 0,
  playing: false,
  looping: true,
  autoKey: true,
  view: { meshOverlay: false, depthView: false, sideBySide: false, safeFrame: false, driverPip: false },
  notice: null,

  commit: (edit, options) =>
    set((state) => {
      const next = edit(state.document)
      if (next === state.document) return {}
      if (!options.history) return { document: next }
      return { document: next, past: [...state.past, state.document].slice(-HISTORY_LIMIT), future: [] }
    }),
  undo: () =>
    set((state) => {
      const previous = state.past.at(-1)
      if (!previous) return {}
      return { document: previous, past: state.past.slice(0, -1), future: [state.document, ...state.future] }
    }),
  redo: () =>
    set((state) => {
      const [next, ...rest] = state.future
      if (!next) return {}
      return { document: next, past: [...state.past, state.document], future: rest }
    }),
  setAppInfo: (appInfo) => set({ appInfo }),
  setPortrait: (portrait) => set({ portrait }),
  setPreview: (preview) => set({ preview }),
  setProject: (project) => set({ project, recoveredUnsaved: false }),
  setAudio: (audio) => set({ audio }),
  setAudioMuted: (muted) => set((state) => (state.audio ? { audio: { ...state.audio, muted } } : {})),
  setAudioStart: (startSec) => set((state) => (state.audio ? { audio: { ...state.audio, startSec } } : {})),
  // The pack's directions become the document's expression tracks. Undo history gets the same tracks,
  // so undoing an edit made before the head was built never brings back a document without them.
  setAvatar: (avatar) =>
    set((state) => {
      if (avatar.kind !== 'ready') return { avatar }
      const names = avatar.info.directions.map((d) => d.name)
      const sync = (doc: AnimationDocument) => syncExpressionTracks(doc, names)
      // Same array back when no entry changes: history is only rewritten when tracks were added.
      const syncAll = (docs: AnimationDocument[]) => {
        const synced = docs.map(sync)
        return synced.every((doc, i) => doc === docs[i]) ? docs : synced
      }
      return {
        avatar,
        directions: avatar.info.directions,
        document: sync(state.document),
        past: syncAll(state.past),
        future: syncAll(state.future)
      }
    }),
  setRendered: (preview, lastRenderMs) => set({ preview, lastRenderMs }),
  setPreviewBusy: (previewBusy) => set({ previewBusy }),
  replaceDocument: (document, options) =>
    set({
      document,
      past: [],
      future: [],
      playhead: 0,
      playing: false,
      recoveredUnsaved: options?.unsaved ?? false
    }),
  selectFace: (faceIndex) =>
    set((state) => (state.portrait.kind === 'ready' ? { portrait: { ...state.portrait, faceIndex } } : {})),
  setPlayhead: (time) =>
    set((state) => ({ playhead: Math.min(Math.max(time, 0), state.document.settings.durationSec) })),
  setPlaying: (playing) => set({ playing }),
  toggleLoop: () => set((state) => ({ looping: !state.looping })),
  toggleAutoKey: () => set((state) => ({ autoKey: !state.autoKey })),
  toggleView: (key) => set((state) => ({ view: { ...state.view, [key]: !state.view[key] } })),
  showNotice: (notice) => set({ notice })
}))

/** True when the document differs from the last saved (or opened) version. */
export function selectDirty(state: StudioState): boolean {
  if (state.recoveredUnsaved) return true
  if (state.project) {
    return (
      state.project.savedDocument !== state.document || (state.project.savedAudio ?? null) !== state.audio
    )
  }
  return state.past.length > 0 || state.audio !== null
}

type StudioAction = {
  [K in keyof StudioState]: StudioState[K] extends (...args: never[]) => unknown ? K : never
}[keyof StudioState]

/**
 * What each store action does to undo history, declared once (a new action does not compile until it
 * is listed here) and checked by the store's unit tests:
 * - `caller-declares`: a document edit; the caller passes `{ history }` (a drag enters history once)
 * - `moves-through-history`: undo and redo
 * - `resets-history`: a document replaced from disk or recovery starts a fresh history
 * - `never`: session and ephemeral state (playhead, playing, view toggles, notices, portrait, …)
 */
export const STUDIO_ACTION_HISTORY = {
  commit: 'caller-declares',
  undo: 'moves-through-history',
  redo: 'moves-through-history',
  replaceDocument: 'resets-history',
  setAppInfo: 'never',
  setPortrait: 'never',
  setPreview: 'never',
  setAvatar: 'never',
  setRendered: 'never',
  setPreviewBusy: 'never',
  selectFace: 'never',
  setProject: 'never',
  setAudio: 'never',
  setAudioMuted: 'never',
  setAudioStart: 'never',
  setPlayhead: 'never',
  setPlaying: 'never',
  toggleLoop: 'never',
  toggleAutoKey: 'never',
  toggleView: 'never',
  showNotice: 'never'
} as const satisfies Record<
  StudioAction,
  'caller-declares' | 'moves-through-history' | 'resets-history' | 'never'
>
