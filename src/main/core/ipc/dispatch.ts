import { invokeChannels, privilegedChannels } from '@shared/ipc/channels'
import type { InvokeMethod } from '@shared/ipc/channels'
import { invokeContract, privilegedContract } from '@shared/ipc/contract'
import type { InvokeEnvelope } from '@shared/ipc/api'
import { MAX_MESSAGE_CHARS, boundText } from '@shared/text/bound-text'
import type { Logger } from '../app/logger'
import { MimesisError } from '@shared/errors/mimesis-error'
import type { HandlerMap, PrivilegedHandlers } from './create-handlers'

const methodByChannel = new Map<string, InvokeMethod>(
  (Object.entries(invokeChannels) as [InvokeMethod, string][]).map(([method, channel]) => [channel, method])
)

/** `Unknown channel "…".`, with at most 100 characters of what was sent as the channel. */
function unknownChannelMessage(channel: unknown): string {
  const name = typeof channel === 'string' ? channel : typeof channel
  return `Unknown channel "${boundText(name, 100)}".`
}

/**
 * The contract's validation of a request. A validator that throws (zod spreads every problem of an array
 * into one call, which overflows the stack past ~100,000 of them) counts as an invalid request.
 */
function safeParseRequest(
  method: InvokeMethod,
  payload: unknown
): { success: true; data: unknown } | { success: false; error: { issues: readonly ZodIssueLike[] } } {
  try {
    return invokeContract[method].request.safeParse(payload)
  } catch {
    return { success: false, error: { issues: [{ path: [], message: 'too large or too deeply nested' }] } }
  }
}

interface ZodIssueLike {
  readonly path: readonly PropertyKey[]
  readonly message: string
}

/**
 * Turns anything thrown into the plain error data that crosses IPC: every domain error is a MimesisError (one
 * family, codes in src/shared/errors); anything else is a bug, reported as 'internal'.
 */
export function toEnvelopeError(error: unknown): InvokeEnvelope {
  if (error instanceof MimesisError) {
    return { ok: false, error: { code: error.code, message: error.message, detail: error.detail } }
  }
  const message = error instanceof Error ? error.message : String(error)
  return {
    ok: false,
    error: { code: 'internal', message: boundText(`Something went wrong: ${message}`, MAX_MESSAGE_CHARS) }
  }
}

export type ValidatedInvoke =
  { ok: true; method: InvokeMethod; request: unknown } | { ok: false; envelope: InvokeEnvelope }

/**
 * Checks an invoke message against the contract: the channel must be known and the payload must match
 * its schema. Main runs this before forwarding a request to the core process, and the core runs it again
 * (through `dispatchInvoke`) so it never trusts its caller's checks.
 */
export function validateInvoke(channel: unknown, payload: unknown, logger: Logger): ValidatedInvoke {
  const method = typeof channel === 'string' ? methodByChannel.get(channel) : undefined
  if (!method) {
    logger.warn('Rejected IPC message on an unknown channel', {
      channel: boundText(typeof channel === 'string' ? channel : typeof channel, 100)
    })
    return {
      ok: false,
      envelope: { ok: false, error: { code: 'unknown-channel', message: unknownChannelMessage(channel) } }
    }
  }
  const parsed = safeParseRequest(method, payload)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue && issue.path.length > 0 ? ` at "${boundText(issue.path.join('.'), 120)}"` : ''
    const problem = boundText(issue?.message ?? 'invalid', 200)
    logger.warn('Rejected invalid IPC payload', { channel: String(channel), issue: problem })
    return {
      ok: false,
      envelope: {
        ok: false,
        error: {
          code: 'invalid-payload',
          message: boundText(`Invalid request for ${String(channel)}${where}: ${problem}`, MAX_MESSAGE_CHARS)
        }
      }
    }
  }
  return { ok: true, method, request: parsed.data }
}

/** Checks a dropped-file message against the contract (main before forwarding, the core again). */
export function validatePrivileged(
  channel: unknown,
  payload: unknown
): { ok: true; request: { path: string } } | { ok: false; envelope: InvokeEnvelope } {
  if (channel !== privilegedChannels.importDroppedPath) {
    return {
      ok: false,
      envelope: {
        ok: false,
        error: { code: 'unknown-channel', message: unknownChannelMessage(channel) }
      }
    }
  }
  const parsed = privilegedContract.importDroppedPath.request.safeParse(payload)
  if (!parsed.success) {
    return {
      ok: false,
      envelope: { ok: false, error: { code: 'invalid-payload', message: 'Invalid dropped-file request.' } }
    }
  }
  return { ok: true, request: parsed.data }
}

/**
 * The one entry point for every invoke message, whatever the transport: checks the channel is known,
 * validates the payload against the contract, runs the handler, and never lets an exception escape.
 */
export async function dispatchInvoke(
  handlers: HandlerMap,
  channel: unknown,
  payload: unknown,
  logger: Logger
): Promise<InvokeEnvelope> {
  const checked = validateInvoke(channel, payload, logger)
  if (!checked.ok) return checked.envelope
  try {
    const handler = handlers[checked.method] as (request: unknown) => Promise<unknown>
    return { ok: true, value: await handler(checked.request) }
  } catch (error) {
    if (!(error instanceof MimesisError)) {
      logger.error('IPC handler failed', { channel: String(channel), error: String(error) })
    }
    return toEnvelopeError(error)
  }
}

export async function dispatchPrivileged(
  handlers: PrivilegedHandlers,
  channel: unknown,
  payload: unknown,
  logger: Logger
): Promise<InvokeEnvelope> {
  const checked = validatePrivileged(channel, payload)
  if (!checked.ok) return checked.envelope
  try {
    return { ok: true, value: await handlers.importDroppedPath(checked.request) }
  } catch (error) {
    logger.warn('Dropped file rejected', { error: String(error) })
    return toEnvelopeError(error)
  }
}
