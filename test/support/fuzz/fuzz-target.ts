// One fuzz target: inputs (a fast-check arbitrary), the code under test, and the judge of its outcome. The
// seeded CI pass (test/unit/fuzz/) and the long passes (`npm run fuzz`, scripts/fuzz.ts) run the same targets.
import fc from 'fast-check'
import { MAX_MESSAGE_CHARS } from '../../../src/shared/text/bound-text'
import { MimesisError } from '@shared/errors/mimesis-error'

/**
 * Longest time one input may take, in ms of this process's CPU time (user + system): on a machine shared
 * with other work, wall time also counts the waits for a core (a replayed 2-s "failure" took 28 ms).
 */
export const MAX_INPUT_MS = 2000

export interface FuzzTarget<T> {
  readonly name: string
  readonly inputs: fc.Arbitrary<T>
  /** Runs the code under test; throws (or rejects) the way the code does. */
  run(input: T): unknown
  /** Extra checks on what `run` returned (e.g. an IPC envelope); throws to report a failure. */
  checkResult?(result: unknown): void
}

export interface FuzzPass {
  readonly seed: number
  readonly numRuns: number
}

export interface FuzzReport {
  readonly name: string
  readonly runs: number
  readonly failures: number
  /** CPU time of the slowest input, ms. */
  readonly slowestMs: number
  /** The start of the slowest input, and its length, for a look at what took the time. */
  readonly slowestInput: string
  /** fast-check's report of the (shrunk) failing input, when there was one. */
  readonly failure: string | null
}

/**
 * The project's coded errors: an Error with a stable, non-errno string `code` and a message bounded in
 * length. Anything else thrown (a TypeError, a RangeError from a stack overflow) is a defect.
 */
export function checkCodedError(error: unknown): void {
  if (!(error instanceof Error)) throw new Error(`threw a non-Error: ${String(error).slice(0, 200)}`)
  const code = (error as { code?: unknown }).code
  if (typeof code !== 'string' || (!(error instanceof MimesisError) && /^E[A-Z0-9_]+$/.test(code))) {
    throw new Error(`threw an uncoded ${error.name}: ${error.message.slice(0, 300)}`)
  }
  checkMessage(error.message)
}

export function checkMessage(message: string): void {
  if (message.length > MAX_MESSAGE_CHARS) {
    throw new Error(`message of ${message.length} characters: ${message.slice(0, 200)}…`)
  }
}

/** Runs `target` over `pass.numRuns` inputs from `pass.seed`; stops at the first failure, shrinks it and reports it. */
export async function checkFuzzTarget<T>(target: FuzzTarget<T>, pass: FuzzPass): Promise<FuzzReport> {
  let slowestMs = 0
  let slowestInput = ''
  const property = fc.asyncProperty(target.inputs, async (input) => {
    const start = process.cpuUsage()
    let result: unknown
    let threw = false
    try {
      result = await target.run(input)
    } catch (error) {
      threw = true
      checkCodedError(error)
    }
    const used = process.cpuUsage(start)
    const ms = (used.user + used.system) / 1000
    if (ms > slowestMs) {
      slowestMs = ms
      slowestInput = summarize(input)
    }
    if (ms > MAX_INPUT_MS) throw new Error(`took ${Math.round(ms)} ms of CPU (more than ${MAX_INPUT_MS})`)
    if (!threw) target.checkResult?.(result)
  })
  const details = await fc.check(property, { seed: pass.seed, numRuns: pass.numRuns, endOnFailure: false })
  return {
    name: target.name,
    runs: details.numRuns + details.numShrinks,
    failures: details.failed ? 1 : 0,
    slowestMs,
    slowestInput,
    failure: details.failed ? describeFailure(details) : null
  }
}

/** The error and the start of the shrunk input (a counterexample may be megabytes long). */
function describeFailure<T>(details: fc.RunDetails<T>): string {
  const error =
    details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)
  return `${error}\n  seed ${details.seed}, path ${details.counterexamplePath ?? ''}\n  input: ${summarize(details.counterexample)}`
}

/** The first 600 characters of an input as JSON, and its length when longer. */
function summarize(input: unknown): string {
  let text: string
  try {
    text = JSON.stringify(input) ?? typeof input
  } catch {
    // Cycles, BigInts, objects without a string form (null prototype).
    text = Object.prototype.toString.call(input)
  }
  return text.length > 600 ? `${text.slice(0, 600)}… (${text.length} characters)` : text
}
