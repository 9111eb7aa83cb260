// Option values of `mimesis generate`, parsed and range-checked by pure functions (commander calls them).
import { InvalidArgumentError } from 'commander'
import {
  EMOTION_NAMES,
  IDLE_LIMITS,
  INTENSITY_LIMITS,
  MAX_SEED,
  isEmotionName,
  type EmotionName
} from '@shared/generate'
import { parseDecimal, quoteArgument } from './parse-options'

/**
 * `--emotion joy[,onset,apex,offset[,intensity]]` or `joy@from-to[,intensity]`: times in document seconds,
 * left out for defaults; a span places the default arc (quick rise, hold, slower release) inside it.
 */
export interface EmotionOption {
  readonly emotion: EmotionName
  readonly times: { readonly onsetSec: number; readonly apexSec: number; readonly offsetSec: number } | null
  readonly span: { readonly from: number; readonly to: number } | null
  readonly intensity: number | null
}

/** `--seed`: a whole number from 0 to 2^32 − 1. */
export function parseSeed(value: string): number {
  const n = parseDecimal(value)
  if (!Number.isInteger(n) || n < 0 || n > MAX_SEED) {
    throw new InvalidArgumentError(
      `expected a whole number from 0 to ${MAX_SEED}, got ${quoteArgument(value)}`
    )
  }
  return n
}

/** `--from`, `--to`: seconds on the document clock, 0 or more. */
export function parseTime(value: string): number {
  const n = parseDecimal(value)
  if (!Number.isFinite(n) || n < 0) {
    throw new InvalidArgumentError(`expected seconds (0 or more), got ${quoteArgument(value)}`)
  }
  return n
}

function limited(name: keyof typeof IDLE_LIMITS, what: string) {
  return (value: string): number => {
    const n = parseDecimal(value)
    const { min, max } = IDLE_LIMITS[name]
    if (!Number.isFinite(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected ${what} from ${min} to ${max}, got ${quoteArgument(value)}`)
    }
    return n
  }
}

/** `--energy`: 0 (calm) … 1 (lively). */
export const parseEnergy = limited('energy', 'an energy')
/** `--blink-rate`: blinks per minute. */
export const parseBlinkRate = limited('blinkRate', 'blinks per minute')
/** `--head-motion`: a multiplier of the head's idle motion. */
export const parseHeadMotion = limited('headMotion', 'a multiplier')

/** `joy@1-3` or `joy@1-3,0.8`: the arc spans 1 to 3 s. */
function parseEmotionSpan(value: string): EmotionOption {
  const match = /^([a-z]+)@([^-,]+)-([^,]+)(?:,(.+))?$/.exec(value.trim())
  const name = match?.[1] ?? value.split('@')[0]!.trim()
  if (!isEmotionName(name)) {
    throw new InvalidArgumentError(
      `${quoteArgument(name)} is not an emotion: use one of ${EMOTION_NAMES.join(', ')}`
    )
  }
  const [from, to, intensity] = [match?.[2], match?.[3], match?.[4]].map((part) =>
    part === undefined ? undefined : parseDecimal(part.trim())
  )
  if (from === undefined || to === undefined || !(from >= 0 && to > from)) {
    throw new InvalidArgumentError(
      `${quoteArgument(value)}: write ${name}@from-to[,intensity] with 0 ≤ from < to (seconds), e.g. ${name}@1-3`
    )
  }
  if (intensity !== undefined && !(intensity >= INTENSITY_LIMITS.min && intensity <= INTENSITY_LIMITS.max)) {
    throw new InvalidArgumentError(`${quoteArgument(value)}: the intensity must be from 0 to 1`)
  }
  return { emotion: name, times: null, span: { from, to }, intensity: intensity ?? null }
}

/** `--emotion` (repeatable): `joy`, `joy,1,2,4`, `joy,1,2,4,0.8`, `joy@1-3` or `joy@1-3,0.8`. */
export function parseEmotion(value: string, previous: readonly EmotionOption[] = []): EmotionOption[] {
  if (value.includes('@')) return [...previous, parseEmotionSpan(value)]
  const parts = value.split(',').map((part) => part.trim())
  const name = parts[0] ?? ''
  if (!isEmotionName(name)) {
    throw new InvalidArgumentError(
      `${quoteArgument(name)} is not an emotion: use one of ${EMOTION_NAMES.join(', ')}`
    )
  }
  if (parts.length !== 1 && parts.length !== 4 && parts.length !== 5) {
    throw new InvalidArgumentError(
      `${quoteArgument(value)}: write ${name}, or ${name},onset,apex,offset[,intensity] (seconds, intensity 0…1)`
    )
  }
  const numbers = parts.slice(1).map(parseDecimal)
  if (numbers.some((n) => !Number.isFinite(n) || n < 0)) {
    throw new InvalidArgumentError(
      `${quoteArgument(value)}: the times and intensity must be numbers, 0 or more`
    )
  }
  const [onsetSec, apexSec, offsetSec, intensity] = numbers
  if (onsetSec !== undefined && !(onsetSec < apexSec! && apexSec! < offsetSec!)) {
    throw new InvalidArgumentError(`${quoteArgument(value)}: the times must run onset < apex < offset`)
  }
  if (intensity !== undefined && intensity > INTENSITY_LIMITS.max) {
    throw new InvalidArgumentError(`${quoteArgument(value)}: the intensity must be from 0 to 1`)
  }
  const option: EmotionOption = {
    emotion: name,
    times: onsetSec === undefined ? null : { onsetSec, apexSec: apexSec!, offsetSec: offsetSec! },
    span: null,
    intensity: intensity ?? null
  }
  return [...previous, option]
}
