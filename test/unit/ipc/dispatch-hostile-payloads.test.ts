import { MimesisError } from '@shared/errors/mimesis-error'
// dispatchInvoke on payloads the IPC fuzzer (test/support/fuzz) and issue 21 name: it answers with a bounded
// { ok: false, error } and never throws, whatever the channel and payload.
import { describe, expect, it } from 'vitest'
import { invokeChannels } from '@shared/ipc/channels'
import { MAX_MESSAGE_CHARS } from '@shared/text/bound-text'
import { dispatchInvoke } from '../../../src/main/core/ipc/dispatch'
import type { HandlerMap } from '../../../src/main/core/ipc/create-handlers'
import type { Logger } from '../../../src/main/core/app/logger'

const logger: Logger = {
  log: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  flush: () => Promise.resolve()
}
const failingHandlers = new Proxy(
  {},
  {
    get: () => (): Promise<never> => Promise.reject(new MimesisError('usage', 'x'.repeat(20_000_000)))
  }
) as HandlerMap

async function refusal(channel: unknown, payload: unknown): Promise<{ code: string; message: string }> {
  const envelope = await dispatchInvoke(failingHandlers, channel, payload, logger)
  if (envelope.ok) throw new Error('expected a refusal')
  expect(envelope.error.message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS)
  return envelope.error
}

describe('dispatchInvoke on hostile input', () => {
  it('a channel that cannot be turned into a string, and a 1 MB one', async () => {
    expect((await refusal(Object.create(null), {})).code).toBe('unknown-channel')
    expect((await refusal('c'.repeat(1_000_000), {})).code).toBe('unknown-channel')
  })

  it('a payload with a megabyte-long key in the path of its problem', async () => {
    const error = await refusal(invokeChannels.savePerformance, {
      performance: { ['k'.repeat(1_000_000)]: 1 },
      defaultName: 'x'
    })
    expect(error.code).toBe('invalid-payload')
  })

  it('a payload whose 200,000 broken items overflow the validator', async () => {
    const keys = new Array(200_000).fill({})
    const error = await refusal(invokeChannels.savePerformance, {
      performance: {
        format: 'mimesis-performance',
        version: 1,
        tracks: [{ kind: 'camera', name: 'yaw', keys }]
      },
      defaultName: 'x'
    })
    expect(error.code).toBe('invalid-payload')
  })

  it('a handler error with a 20 MB message', async () => {
    const error = await refusal(invokeChannels.getAppInfo, undefined)
    expect(error.code).toBe('usage')
  })
})
