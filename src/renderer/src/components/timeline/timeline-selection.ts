// Pure key-selection helpers for the dope sheet. A selection is a list of KeyRefs in no particular
// order and without duplicates.
import type { KeyId, KeyRef, TrackId } from '@shared/timeline'

export function refId(ref: KeyRef): string {
  return `${ref.trackId}\u0000${ref.keyId}`
}

export function selectionSet(refs: readonly KeyRef[]): Set<string> {
  return new Set(refs.map(refId))
}

export function containsRef(refs: readonly KeyRef[], ref: KeyRef): boolean {
  return refs.some((r) => r.trackId === ref.trackId && r.keyId === ref.keyId)
}

/** Adds `ref` if absent, removes it if present (Shift+click). */
export function toggleRef(refs: readonly KeyRef[], ref: KeyRef): KeyRef[] {
  return containsRef(refs, ref) ? refs.filter((r) => refId(r) !== refId(ref)) : [...refs, ref]
}

/** Union without duplicates, keeping the order of `a` then new refs of `b`. */
export function unionRefs(a: readonly KeyRef[], b: readonly KeyRef[]): KeyRef[] {
  const seen = selectionSet(a)
  const out = [...a]
  for (const ref of b) {
    const id = refId(ref)
    if (!seen.has(id)) {
      seen.add(id)
      out.push(ref)
    }
  }
  return out
}

/** True when both hold the same refs (order ignored). */
export function sameRefs(a: readonly KeyRef[], b: readonly KeyRef[]): boolean {
  if (a.length !== b.length) return false
  const set = selectionSet(a)
  return b.every((r) => set.has(refId(r)))
}

/** The distinct tracks of a selection, in first-seen order. */
export function tracksOf(refs: readonly KeyRef[]): TrackId[] {
  return [...new Set(refs.map((r) => r.trackId))]
}

/** What releasing a pressed key without dragging it does: nothing, keep only it, or toggle it. */
export type ClickIntent = 'none' | 'solo' | 'toggle'

/**
 * Pressing a key (dope sheet and curve view alike): the selection right away, so a drag moves what is
 * selected, and what a release without a drag does. A plain press on an unselected key selects only it; on
 * a selected key it keeps the selection (to drag it all) and solos the key on release. Shift adds an
 * unselected key at once, and takes a selected one out on release.
 */
export function pressKey(
  current: readonly KeyRef[],
  ref: KeyRef,
  shift: boolean
): { selection: KeyRef[]; onClick: ClickIntent } {
  const isSelected = containsRef(current, ref)
  if (shift)
    return isSelected
      ? { selection: [...current], onClick: 'toggle' }
      : { selection: unionRefs(current, [ref]), onClick: 'none' }
  return isSelected ? { selection: [...current], onClick: 'solo' } : { selection: [ref], onClick: 'none' }
}

/** The selection after releasing a pressed key without a drag. */
export function releaseKey(current: readonly KeyRef[], ref: KeyRef, onClick: ClickIntent): KeyRef[] {
  if (onClick === 'solo') return [ref]
  if (onClick === 'toggle') return toggleRef(current, ref)
  return [...current]
}

/** Selected key ids per track. */
export type SelectionByTrack = ReadonlyMap<TrackId, ReadonlySet<KeyId>>

/**
 * `refs` grouped by track, reusing the sets of `previous` whose contents did not change, so that a lane
 * whose selection is unchanged gets the same set and is not redrawn.
 */
export function selectionByTrack(refs: readonly KeyRef[], previous?: SelectionByTrack): SelectionByTrack {
  const next = new Map<TrackId, Set<KeyId>>()
  for (const ref of refs) {
    let ids = next.get(ref.trackId)
    if (!ids) next.set(ref.trackId, (ids = new Set()))
    ids.add(ref.keyId)
  }
  const out = new Map<TrackId, ReadonlySet<KeyId>>()
  for (const [trackId, ids] of next) {
    const before = previous?.get(trackId)
    const same = before !== undefined && before.size === ids.size && [...ids].every((id) => before.has(id))
    out.set(trackId, same ? before : ids)
  }
  return out
}
