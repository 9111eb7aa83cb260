// Builders for small test documents with readable key ids.
import {
  type AnimationDocument,
  type Interpolation,
  type Keyframe,
  type Track,
  type TrackId,
  type BezierHandles,
  createDocument,
  keyId,
  seconds,
  trackIdFor
} from '@shared/timeline'

export const SMILE = trackIdFor('expression', 'smile')
export const JAW = trackIdFor('expression', 'jawOpen')
export const BLINK = trackIdFor('expression', 'blinkL')
export const YAW = trackIdFor('camera', 'yaw')
export const ZOOM = trackIdFor('camera', 'zoom')

export function key(
  id: string,
  time: number,
  value: number,
  interpolation: Interpolation = 'linear',
  handles?: BezierHandles
): Keyframe {
  return { id: keyId(id), time: seconds(time), value, interpolation, ...(handles ? { handles } : {}) }
}

/** A 30 fps, 10 s document with smile/jawOpen/blinkL and the camera tracks, keyed as given. */
export function docWith(keys: Partial<Record<TrackId, Keyframe[]>>, fps = 30): AnimationDocument {
  const doc = createDocument({
    expressionNames: ['smile', 'jawOpen', 'blinkL'],
    settings: { fps, durationSec: seconds(10) }
  })
  return {
    ...doc,
    tracks: doc.tracks.map((t): Track => (keys[t.id] ? { ...t, keys: keys[t.id]! } : t))
  }
}

export function trackKeys(doc: AnimationDocument, id: TrackId): readonly Keyframe[] {
  const track = doc.tracks.find((t) => t.id === id)
  if (!track) throw new Error(`no track ${id}`)
  return track.keys
}

/** Deep-freezes a document so a test fails loudly if an op mutates its input. */
export function frozen<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) frozen(inner)
    Object.freeze(value)
  }
  return value
}
