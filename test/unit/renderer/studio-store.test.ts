import { beforeEach, describe, expect, it } from 'vitest'
import {
  createDocument,
  keyId,
  moveKeys,
  seconds,
  setKey,
  trackIdFor,
  type AnimationDocument,
  type KeyRef
} from '@shared/timeline'
import type { AvatarInfo, FileRef, LoadedPortrait } from '@shared/ipc/contract'
import {
  STUDIO_ACTION_HISTORY,
  selectDirty,
  useStudio,
  type StudioState
} from '../../../src/renderer/src/store/studio-store'
import { useTimelineSelection } from '../../../src/renderer/src/store/timeline-selection-store'

const SMILE = trackIdFor('expression', 'smile')
const initial = useStudio.getState()
const initialTimeline = useTimelineSelection.getState()

const file: FileRef = { token: 'a'.repeat(24), name: 'face.png', sizeBytes: 10 }
const loaded: LoadedPortrait = {
  name: 'face.png',
  width: 4,
  height: 4,
  preview: { width: 1, height: 1, rgba: new Uint8Array(4) },
  faces: [
    { box: { x: 0, y: 0, width: 1, height: 1 }, score: 1, pose: { yaw: 0, pitch: 0, roll: 0 }, landmarks: [] }
  ],
  meshTriangles: []
}
const avatarInfo: AvatarInfo = {
  width: 4,
  height: 4,
  directions: [{ name: 'smile', label: 'Smile', region: 'mouth' }],
  pack: { id: 'p', version: '1' },
  buildMs: 1,
  motionScale: {}
} as AvatarInfo

let ids = 0
const nextId = () => keyId(`k${++ids}`)
const key = (doc: AnimationDocument, time: number, value: number) =>
  setKey(doc, SMILE, seconds(time), value, { newKeyId: nextId })

const state = () => useStudio.getState()
const smileKeys = () => state().document.tracks.find((t) => t.id === SMILE)!.keys

beforeEach(() => {
  useStudio.setState(initial, true)
  useTimelineSelection.setState(initialTimeline, true)
  useStudio.setState({ document: createDocument({ expressionNames: ['smile', 'jawOpen'] }) })
})

describe('studio store: document edits and undo history', () => {
  it('an edit that enters history can be undone and redone; a new edit drops the redo steps', () => {
    const start = state().document
    state().commit((doc) => key(doc, 1, 0.5).document, { history: true })
    const keyed = state().document
    expect(state().past).toEqual([start])
    state().undo()
    expect(state().document).toBe(start)
    expect(state().future).toEqual([keyed])
    state().redo()
    expect(state().document).toBe(keyed)
    state().undo()
    state().commit((doc) => key(doc, 2, 0.1).document, { history: true })
    expect(state().future).toEqual([])
    expect(state().past).toEqual([start])
  })

  it('a drag is one step: the first change enters history, the rest replace it', () => {
    state().commit((doc) => key(doc, 1, 0.5).document, { history: true })
    const before = state().document
    const ref: KeyRef = { trackId: SMILE, keyId: smileKeys()[0]!.id }
    for (const [i, dt] of [0.1, 0.2, 0.3, 0.5].entries()) {
      state().commit(() => moveKeys(before, [ref], seconds(dt)), { history: i === 0 })
    }
    expect(smileKeys()[0]!.time).toBeCloseTo(1.5)
    expect(state().past).toHaveLength(2)
    state().undo()
    expect(state().document).toBe(before)
  })

  it('a slider drag (auto-key) is one step however many values it passes through', () => {
    const start = state().document
    for (const [i, value] of [0.1, 0.2, 0.35, 0.6].entries()) {
      state().commit((doc) => key(doc, 0, value).document, { history: i === 0 })
    }
    expect(smileKeys()).toHaveLength(1)
    expect(smileKeys()[0]!.value).toBe(0.6)
    expect(state().past).toEqual([start])
  })

  it('an edit that changes nothing adds no step', () => {
    state().commit((doc) => doc, { history: true })
    expect(state().past).toEqual([])
  })

  it('keeps at most 200 steps', () => {
    for (let i = 0; i < 230; i++)
      state().commit((doc) => key(doc, 1, (i % 100) / 100).document, { history: true })
    expect(state().past).toHaveLength(200)
  })

  it('undo and redo with nothing to undo or redo change nothing', () => {
    const before = state()
    state().undo()
    state().redo()
    expect(state().document).toBe(before.document)
  })
})

describe('studio store: what never enters history', () => {
  // One call per action declared `never`, with plausible arguments.
  const calls: { [K in keyof typeof STUDIO_ACTION_HISTORY]?: (s: StudioState) => void } = {
    setAppInfo: (s) => s.setAppInfo(null as never),
    setPortrait: (s) => s.setPortrait({ kind: 'ready', file, portrait: loaded, faceIndex: 0 }),
    setPreview: (s) => s.setPreview({ width: 1, height: 1, rgba: new Uint8Array(4) }),
    setAvatar: (s) => s.setAvatar({ kind: 'ready', info: avatarInfo }),
    setRendered: (s) => s.setRendered({ width: 1, height: 1, rgba: new Uint8Array(4) }, 12),
    setPreviewBusy: (s) => s.setPreviewBusy(true),
    selectFace: (s) => s.selectFace(0),
    setProject: (s) => s.setProject({ file, savedDocument: s.document }),
    setAudio: (s) => s.setAudio({ file, startSec: 0, muted: false }),
    setAudioMuted: (s) => s.setAudioMuted(true),
    setAudioStart: (s) => s.setAudioStart(0.5),
    setPlayhead: (s) => s.setPlayhead(2.5),
    setPlaying: (s) => s.setPlaying(true),
    toggleLoop: (s) => s.toggleLoop(),
    toggleAutoKey: (s) => s.toggleAutoKey(),
    toggleView: (s) => s.toggleView('depthView'),
    showNotice: (s) => s.showNotice({ tone: 'info', text: 'hello' })
  }

  it('has a call here for every action declared `never`', () => {
    const never = Object.entries(STUDIO_ACTION_HISTORY)
      .filter(([, intent]) => intent === 'never')
      .map(([name]) => name)
      .sort()
    expect(Object.keys(calls).sort()).toEqual(never)
  })

  for (const [name, call] of Object.entries(calls)) {
    it(`${name} leaves the undo and redo stacks alone`, () => {
      state().commit((doc) => key(doc, 1, 0.5).document, { history: true })
      state().commit((doc) => key(doc, 2, 0.7).document, { history: true })
      state().undo()
      const { past, future } = state()
      call(state())
      expect(state().past).toBe(past)
      expect(state().future).toBe(future)
    })
  }

  it('the playhead moves without touching the document, clamped to the duration', () => {
    const doc = state().document
    state().setPlayhead(99)
    expect(state().playhead).toBe(5)
    state().setPlayhead(-1)
    expect(state().playhead).toBe(0)
    expect(state().document).toBe(doc)
  })

  it('selection, zoom, clipboard and curve view of the timeline never touch the studio history', () => {
    state().commit((doc) => key(doc, 1, 0.5).document, { history: true })
    const { past, future, document } = state()
    const ref: KeyRef = { trackId: SMILE, keyId: smileKeys()[0]!.id }
    const timeline = useTimelineSelection.getState()
    timeline.select([ref])
    timeline.setZoom({ zoom: 2, start: 1 })
    timeline.setClipboard(null)
    timeline.setCurveView(true)
    timeline.setCurveTrack(SMILE)
    timeline.clearSelection()
    expect(state().past).toBe(past)
    expect(state().future).toBe(future)
    expect(state().document).toBe(document)
  })
})

describe('timeline curve view', () => {
  it("turning it on shows the selected key's track; otherwise the track chosen last stays", () => {
    const timeline = () => useTimelineSelection.getState()
    const YAW = trackIdFor('camera', 'yaw')
    timeline().setCurveTrack(YAW)
    timeline().setCurveView(true)
    expect(timeline().curveTrack).toBe(YAW)
    timeline().setCurveView(false)
    timeline().select([{ trackId: SMILE, keyId: keyId('k-any') }])
    timeline().setCurveView(true)
    expect(timeline().curveTrack).toBe(SMILE)
  })
})

describe('studio store: replacing the document and dirtiness', () => {
  it('a document opened from disk starts a fresh history and is clean', () => {
    state().commit((doc) => key(doc, 1, 0.5).document, { history: true })
    state().setPlayhead(2)
    const opened = key(createDocument({ expressionNames: ['smile'] }), 3, 0.2).document
    state().replaceDocument(opened)
    state().setProject({ file, savedDocument: opened })
    expect(state().past).toEqual([])
    expect(state().future).toEqual([])
    expect(state().playhead).toBe(0)
    expect(selectDirty(state())).toBe(false)
    state().commit((doc) => key(doc, 1, 0.5).document, { history: true })
    expect(selectDirty(state())).toBe(true)
    state().undo()
    expect(selectDirty(state())).toBe(false)
  })

  it('recovered work stays unsaved until it is saved, even with nothing to undo', () => {
    const recovered = key(createDocument({ expressionNames: ['smile'] }), 1, 0.4).document
    state().replaceDocument(recovered, { unsaved: true })
    expect(state().past).toEqual([])
    expect(selectDirty(state())).toBe(true)
    state().setProject({ file, savedDocument: recovered })
    expect(selectDirty(state())).toBe(false)
  })

  it('a never-saved document is dirty once it has history', () => {
    expect(selectDirty(state())).toBe(false)
    state().commit((doc) => key(doc, 1, 0.5).document, { history: true })
    expect(selectDirty(state())).toBe(true)
  })
})

describe('studio store: the head arriving after edits', () => {
  it('gives undo history the pack’s tracks too, so undo never drops a track', () => {
    state().commit((doc) => key(doc, 1, 0.5).document, { history: true })
    state().commit((doc) => key(doc, 2, 0.7).document, { history: true })
    state().undo()
    const withExtra: AvatarInfo = {
      ...avatarInfo,
      directions: [...avatarInfo.directions, { name: 'tongueOut', label: 'Tongue out', region: 'mouth' }]
    } as AvatarInfo
    state().setAvatar({ kind: 'ready', info: withExtra })
    const hasExtra = (doc: AnimationDocument) => doc.tracks.some((t) => t.name === 'tongueOut')
    expect(hasExtra(state().document)).toBe(true)
    state().undo()
    expect(hasExtra(state().document)).toBe(true)
    state().redo()
    state().redo()
    expect(hasExtra(state().document)).toBe(true)
  })
})
