import { type AnimationDocument, type KeyRef } from './animation-document'
import {
  DEFAULT_BEZIER_HANDLES,
  type BezierHandle,
  type BezierHandles,
  type Interpolation
} from './interpolation'
import { clamp01 } from './cubic-bezier'
import { groupRefs, updateTracks } from './track-edits'

/**
 * Sets the interpolation of the segments leaving the referenced keys. Choosing 'bezier' on a key
 * that has no handles gives it `DEFAULT_BEZIER_HANDLES`; other choices keep stored handles so that
 * switching back to 'bezier' restores them.
 */
export function setInterpolation(
  doc: AnimationDocument,
  refs: readonly KeyRef[],
  interpolation: Interpolation
): AnimationDocument {
  const byTrack = groupRefs(refs)
  return updateTracks(doc, (track) => {
    const ids = byTrack.get(track.id)
    if (!ids) return track
    let changed = false
    const keys = track.keys.map((key) => {
      if (!ids.has(key.id)) return key
      const needsHandles = interpolation === 'bezier' && !key.handles
      if (key.interpolation === interpolation && !needsHandles) return key
      changed = true
      return needsHandles
        ? { ...key, interpolation, handles: DEFAULT_BEZIER_HANDLES }
        : { ...key, interpolation }
    })
    return changed ? { ...track, keys } : track
  })
}

function normaliseHandle(handle: BezierHandle): BezierHandle {
  if (!Number.isFinite(handle.dt) || !Number.isFinite(handle.dv)) {
    throw new RangeError(
      `setBezierHandles: handle dt and dv must be finite, got dt=${handle.dt} dv=${handle.dv}`
    )
  }
  return { dt: clamp01(handle.dt), dv: handle.dv }
}

/**
 * Sets Bezier handles of the segment that STARTS at `ref` and switches that key to 'bezier'.
 * `out` is the key's own out-handle; `in` is the in-handle of the next key for this segment (stored
 * here, on the segment's first key). Omitted handles keep their current (or default) value.
 * `dt` is clamped to 0..1 so the curve stays a function of time; `dv` is not limited (the evaluated
 * value is clamped to the track range instead).
 */
export function setBezierHandles(
  doc: AnimationDocument,
  ref: KeyRef,
  handles: { readonly out?: BezierHandle; readonly in?: BezierHandle }
): AnimationDocument {
  return updateTracks(doc, (track) => {
    if (track.id !== ref.trackId) return track
    const index = track.keys.findIndex((k) => k.id === ref.keyId)
    if (index < 0) return track
    const key = track.keys[index]!
    const current = key.handles ?? DEFAULT_BEZIER_HANDLES
    const next: BezierHandles = {
      out: handles.out ? normaliseHandle(handles.out) : current.out,
      in: handles.in ? normaliseHandle(handles.in) : current.in
    }
    const keys = [...track.keys]
    keys[index] = { ...key, interpolation: 'bezier', handles: next }
    return { ...track, keys }
  })
}
