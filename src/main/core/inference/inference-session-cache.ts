import { InferenceSession } from 'onnxruntime-node'
import { chooseExecutionProvider, type ExecutionProviderChoice } from './execution-provider'

/** How a session runs. The one set of options for every ONNX model the core runs (engine and analysis). */
export interface InferenceOptions {
  provider?: ExecutionProviderChoice
  /** Intra-op threads (default: onnxruntime's choice). */
  threads?: number
  /**
   * Let idle intra-op threads spin between operators (onnxruntime's default). Off by default here: the graphs
   * run hundreds of small operators per frame, and on a 2-core machine spinning workers compete with the
   * thread that drives them (and with Node's event loop and ffmpeg), so frames got 35–45 % slower with it on
   * (bench/engine.ts prints both); the analysis models too run per video frame beside preview and export.
   */
  spinning?: boolean
  log?: (message: string) => void
}

export interface CachedSession {
  readonly session: InferenceSession
  /** The provider actually used. */
  readonly provider: ExecutionProviderChoice
  readonly fallbackReason: string | null
}

/** The part of a cache key that says how a model runs: provider, thread count and spinning. */
export function runtimeKey(options: InferenceOptions): string {
  return `${options.provider ?? 'cpu'}/${options.threads ?? 'default'}${options.spinning ? '/spin' : ''}`
}

/**
 * ONNX Runtime sessions, one per key, created on first use and shared afterwards, as one inference pool
 * for the whole core. A requested provider that is missing, or whose session fails to start, falls back to
 * CPU with the reason logged; the fallback is cached under the requested key so the failure is paid once.
 * A failed creation is not cached, so a later call retries.
 */
export class InferenceSessionCache {
  private readonly sessions = new Map<string, Promise<CachedSession>>()

  get size(): number {
    return this.sessions.size
  }

  /** The session of `modelPath` cached under `key` (which must say everything that makes it differ). */
  get(key: string, modelPath: string, options: InferenceOptions = {}): Promise<CachedSession> {
    let entry = this.sessions.get(key)
    if (!entry) {
      entry = createInferenceSession(modelPath, options)
      this.sessions.set(key, entry)
      entry.catch(() => this.sessions.delete(key))
    }
    return entry
  }

  /** Releases the sessions whose key starts with `prefix` (all of them by default). */
  async release(prefix = ''): Promise<void> {
    const doomed = [...this.sessions.entries()].filter(([key]) => key.startsWith(prefix))
    for (const [key] of doomed) this.sessions.delete(key)
    await Promise.all(
      doomed.map(async ([, entry]) => {
        const cached = await entry.catch(() => null)
        await cached?.session.release()
      })
    )
  }
}

/** One session of `modelPath`, on the requested provider or CPU (see `InferenceSessionCache`). */
export async function createInferenceSession(
  modelPath: string,
  options: InferenceOptions = {}
): Promise<CachedSession> {
  const base: InferenceSession.SessionOptions = {
    graphOptimizationLevel: 'all',
    ...(options.threads ? { intraOpNumThreads: options.threads, interOpNumThreads: 1 } : {}),
    // onnxruntime's session config entry "session.intra_op.allow_spinning"
    extra: { session: { intra_op: { allow_spinning: options.spinning ? '1' : '0' } } }
  }
  const chosen = chooseExecutionProvider(options.provider ?? 'cpu', { log: options.log })
  if (chosen.provider !== 'cpu') {
    try {
      const session = await InferenceSession.create(modelPath, {
        ...base,
        executionProviders: [chosen.provider, 'cpu']
      })
      return { session, provider: chosen.provider, fallbackReason: null }
    } catch (error) {
      const reason = `execution provider '${chosen.provider}' failed to start (${error instanceof Error ? error.message : String(error)}); using CPU`
      options.log?.(reason)
      const session = await InferenceSession.create(modelPath, { ...base, executionProviders: ['cpu'] })
      return { session, provider: 'cpu', fallbackReason: reason }
    }
  }
  const session = await InferenceSession.create(modelPath, { ...base, executionProviders: ['cpu'] })
  return { session, provider: 'cpu', fallbackReason: chosen.fallbackReason }
}

/** The core's shared pool: the face analysis's models live here, and engines use it unless given another. */
export const inferenceSessions = new InferenceSessionCache()
