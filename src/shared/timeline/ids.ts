import { type Brand } from './units'

/** Identifies one key within a document; unique across all tracks of a document. */
export type KeyId = Brand<string, 'KeyId'>
/**
 * Identifies one track: `expression:<direction name>` or `camera:<parameter>`. Derived from the
 * track's kind and name (never random), so clipboards and project files can refer to tracks by it.
 */
export type TrackId = Brand<string, 'TrackId'>

export type TrackKind = 'expression' | 'camera'

export const keyId = (value: string): KeyId => value as KeyId

export function trackIdFor(kind: TrackKind, name: string): TrackId {
  return `${kind}:${name}` as TrackId
}

/** A function that returns a fresh, unused key id; ops take one so tests can be deterministic. */
export type KeyIdFactory = () => KeyId

let counter = 0

/**
 * Default key id factory: random enough to stay unique across sessions that paste into the same
 * document (no crypto in pure shared code; uniqueness within a document is what matters).
 */
export const newKeyId: KeyIdFactory = () => {
  counter = (counter + 1) % 0x100000
  const random = Math.floor(Math.random() * 0x100000000)
    .toString(36)
    .padStart(7, '0')
  return keyId(`k${Date.now().toString(36)}${counter.toString(36)}${random}`)
}

/** Deterministic key id factory for tests and migrations: `prefix1`, `prefix2`, ... */
export function sequentialKeyIds(prefix = 'k'): KeyIdFactory {
  let n = 0
  return () => keyId(`${prefix}${++n}`)
}
