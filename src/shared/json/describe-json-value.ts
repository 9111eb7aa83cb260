// A short description of a parsed JSON value for error messages: what it is, never the whole of it, and
// without walking into it, so a value nested thousands deep or megabytes long is described in O(1).
import { boundText } from '../text/bound-text'

/** Longest string value quoted in full. */
const MAX_QUOTED_CHARS = 60

/** `"abc"`, `42`, `true`, `null`, `an array`, `an object` or `nothing` (undefined). */
export function describeJsonValue(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (typeof value === 'string') return JSON.stringify(boundText(value, MAX_QUOTED_CHARS))
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`
  return typeof value === 'object' ? 'an object' : typeof value
}
