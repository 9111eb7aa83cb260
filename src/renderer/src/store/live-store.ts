// Live mode: the camera, the live status, the take being recorded and the takes recorded so far. None of
// it is the document and none of it enters undo history: baking, swapping or deleting a take is one
// `commit` in the studio store.
import { create } from 'zustand'
import type { LiveFrameResult } from '@shared/ipc/contract'
import type { Performance } from '@shared/performance/performance'

export interface LiveCamera {
  readonly deviceId: string
  readonly label: string
}

/** One recorded take: where it was baked and what it holds. */
export interface LiveTakeEntry {
  readonly id: number
  readonly name: string
  readonly performance: Performance
  /** Document time of the take's time 0, seconds. */
  readonly at: number
  readonly frames: number
  readonly keys: number
}

export type LiveStatus =
  | { readonly kind: 'closed' }
  | { readonly kind: 'starting'; readonly message: string }
  | { readonly kind: 'live' }
  /** No camera could be used; the message says why and what to do. */
  | { readonly kind: 'no-camera'; readonly message: string }

export type LiveRecording =
  | { readonly phase: 'idle' }
  | { readonly phase: 'countdown'; readonly count: number }
  | { readonly phase: 'recording'; readonly frames: number; readonly seconds: number }
  | { readonly phase: 'stopping' }

/** A punch-in: the take replaces only this range of the timeline, seconds. */
export interface PunchIn {
  readonly enabled: boolean
  readonly start: number
  readonly end: number
}

export interface LiveMeters {
  /** Results shown per second over the last second. */
  readonly fps: number
  /** Median time from grabbing a camera frame to its result on screen, ms. */
  readonly latencyMs: number
  readonly timing: LiveFrameResult['timing'] | null
}

export interface LiveState {
  status: LiveStatus
  cameras: readonly LiveCamera[]
  deviceId: string | null
  mirror: boolean
  /** Longest side of the avatar's live frame, px. */
  previewSide: 256 | 512
  neutral: LiveFrameResult['neutral'] | null
  faceFound: boolean
  dark: boolean
  meters: LiveMeters
  recording: LiveRecording
  punchIn: PunchIn
  takes: readonly LiveTakeEntry[]
  /** The take whose keys are on the timeline now, or null. */
  activeTakeId: number | null
  openLive(): void
  closeLive(): void
  setStatus(status: LiveStatus): void
  setCameras(cameras: readonly LiveCamera[], deviceId: string | null): void
  setDevice(deviceId: string): void
  setMirror(mirror: boolean): void
  setPreviewSide(side: 256 | 512): void
  setFrameFacts(facts: Pick<LiveState, 'neutral' | 'faceFound' | 'dark'>): void
  setMeters(meters: LiveMeters): void
  setRecording(recording: LiveRecording): void
  setPunchIn(punchIn: Partial<PunchIn>): void
  addTake(take: Omit<LiveTakeEntry, 'id' | 'name'>): LiveTakeEntry
  removeTake(id: number): void
  setActiveTake(id: number | null): void
}

let nextTakeId = 1

export const useLive = create<LiveState>()((set) => ({
  status: { kind: 'closed' },
  cameras: [],
  deviceId: null,
  mirror: true,
  previewSide: 256,
  neutral: null,
  faceFound: false,
  dark: false,
  meters: { fps: 0, latencyMs: 0, timing: null },
  recording: { phase: 'idle' },
  punchIn: { enabled: false, start: 0, end: 0 },
  takes: [],
  activeTakeId: null,
  openLive: () => set({ status: { kind: 'starting', message: 'Opening the camera…' } }),
  closeLive: () =>
    set({
      status: { kind: 'closed' },
      neutral: null,
      faceFound: false,
      dark: false,
      recording: { phase: 'idle' },
      meters: { fps: 0, latencyMs: 0, timing: null }
    }),
  setStatus: (status) => set({ status }),
  setCameras: (cameras, deviceId) => set({ cameras, deviceId }),
  setDevice: (deviceId) => set({ deviceId }),
  setMirror: (mirror) => set({ mirror }),
  setPreviewSide: (previewSide) => set({ previewSide }),
  setFrameFacts: (facts) => set(facts),
  setMeters: (meters) => set({ meters }),
  setRecording: (recording) => set({ recording }),
  setPunchIn: (punchIn) => set((state) => ({ punchIn: { ...state.punchIn, ...punchIn } })),
  addTake: (take) => {
    const id = nextTakeId++
    const entry = { ...take, id, name: `Take ${id}` }
    set((state) => ({ takes: [...state.takes, entry] }))
    return entry
  },
  removeTake: (id) =>
    set((state) => ({
      takes: state.takes.filter((take) => take.id !== id),
      activeTakeId: state.activeTakeId === id ? null : state.activeTakeId
    })),
  setActiveTake: (activeTakeId) => set({ activeTakeId })
}))
