// The short, seeded fuzz pass that runs with the tests: the same targets as `npm run fuzz`, a fixed seed and
// a few thousand inputs in all, so a failure here is reproducible (fast-check prints the shrunk input).
import { describe, expect, it } from 'vitest'
import { checkFuzzTarget, type FuzzTarget } from '../../support/fuzz/fuzz-target'
import type { dispatchInvoke } from '../../../src/main/core/ipc/dispatch'
import {
  VALID_IPC_PAYLOADS,
  asSent,
  cliOptionTarget,
  ipcDispatchTarget,
  packManifestTarget,
  performanceFileTarget,
  projectLoaderTarget
} from '../../support/fuzz/fuzz-targets'

const SEED = 20261206

const passes: [FuzzTarget<never>, number][] = [
  [projectLoaderTarget as FuzzTarget<never>, 1200],
  [packManifestTarget as FuzzTarget<never>, 500],
  [performanceFileTarget as FuzzTarget<never>, 500],
  [ipcDispatchTarget as FuzzTarget<never>, 1000],
  [cliOptionTarget as FuzzTarget<never>, 1500]
]

describe('seeded fuzz pass', () => {
  for (const [target, numRuns] of passes) {
    it(`${target.name}: coded errors only, bounded messages, under 2 s each (${numRuns} inputs)`, async () => {
      const report = await checkFuzzTarget(target, { seed: SEED, numRuns })
      expect(report.failure).toBeNull()
    })
  }
})

describe('the fuzzers start from valid inputs', () => {
  it('the IPC requests it damages are accepted as they are', async () => {
    for (const { channel, payload } of VALID_IPC_PAYLOADS) {
      const envelope = (await ipcDispatchTarget.run({ channel, payload: asSent(payload) })) as Awaited<
        ReturnType<typeof dispatchInvoke>
      >
      expect(envelope, channel).toEqual({ ok: true, value: undefined })
    }
  })
})
