import { InvalidArgumentError } from 'commander'
import { boundText } from '@shared/text/bound-text'

/** Most inference threads a command may ask for: more only oversubscribes the CPU and the memory. */
export const MAX_THREADS = 64

// A plain decimal number as people type it: no hex (0x10), binary, octal, "Infinity" or empty strings,
// which Number() would all accept (`--yaw 0x10` used to render at 16°).
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

/** The number `value` spells in plain decimal, or NaN. Every numeric option of the CLI reads through this. */
export function parseDecimal(value: string): number {
  const text = value.trim()
  return DECIMAL.test(text) ? Number(text) : Number.NaN
}

/** `"value"` as an error message quotes an argument: at most 80 characters of it (an argument may be 128 KiB). */
export function quoteArgument(value: string): string {
  return `"${boundText(value, 80)}"`
}

export function parsePositiveInt(value: string): number {
  const n = parseDecimal(value)
  if (!Number.isInteger(n) || n <= 0)
    throw new InvalidArgumentError(`expected a positive whole number, got ${quoteArgument(value)}`)
  return n
}

/** `--threads`: 1 to MAX_THREADS. */
export function parseThreads(value: string): number {
  const n = parsePositiveInt(value)
  if (n > MAX_THREADS) {
    throw new InvalidArgumentError(`expected at most ${MAX_THREADS} threads, got ${quoteArgument(value)}`)
  }
  return n
}
