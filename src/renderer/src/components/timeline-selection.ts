// Pure key-selection helpers for the dope sheet. A selection is a list of KeyRefs in no particular
// order and without duplicates.
import type { KeyRef, TrackId } from '@shared/timeline'

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
