import { beforeEach, describe, expect, it } from 'vitest'
import type { FileRef } from '@shared/ipc/contract'
import { seconds, setKey, trackIdFor } from '@shared/timeline'
import { selectDirty, useStudio } from '../../../src/renderer/src/store/studio-store'
import { audioFromOpened, audioRequest } from '../../../src/renderer/src/components/audio-track'

const initial = useStudio.getState()
const state = () => useStudio.getState()
const project: FileRef = { token: 'p'.repeat(24), name: 'a.mimesis', sizeBytes: 10 }
const sound: FileRef = { token: 's'.repeat(24), name: 'driver.m4a', sizeBytes: 10 }

beforeEach(() => useStudio.setState(initial, true))

describe('studio store: the audio track', () => {
  it('mutes and unmutes without touching the document or its history', () => {
    state().setAudio({ file: sound, startSec: 1.5, muted: false })
    const { document, past } = state()
    state().setAudioMuted(true)
    expect(state().audio).toEqual({ file: sound, startSec: 1.5, muted: true })
    expect(state().document).toBe(document)
    expect(state().past).toBe(past)
    state().setAudio(null)
    state().setAudioMuted(false)
    expect(state().audio).toBeNull()
  })

  it('counts as unsaved work until saved, and a change to it after the save does too', () => {
    expect(selectDirty(state())).toBe(false)
    state().setAudio({ file: sound, startSec: 0, muted: false })
    expect(selectDirty(state())).toBe(true)
    state().setProject({ file: project, savedDocument: state().document, savedAudio: state().audio })
    expect(selectDirty(state())).toBe(false)
    state().setAudioMuted(true)
    expect(selectDirty(state())).toBe(true)
    state().setProject({ file: project, savedDocument: state().document, savedAudio: state().audio })
    state().commit((doc) => setKey(doc, trackIdFor('camera', 'yaw'), seconds(1), 5).document, {
      history: true
    })
    expect(selectDirty(state())).toBe(true)
  })

  it('crosses IPC as a token and comes back as a granted file', () => {
    expect(audioRequest({ file: sound, startSec: -0.5, muted: true })).toEqual({
      token: sound.token,
      startSec: -0.5,
      muted: true
    })
    expect(audioRequest(null)).toBeNull()
    expect(audioFromOpened({ file: sound, startSec: 2, muted: false })).toEqual({
      file: sound,
      startSec: 2,
      muted: false
    })
    expect(audioFromOpened(null)).toBeNull()
  })
})
