import { InferenceSession } from 'onnxruntime-node'
import { type StageName } from '@shared/engine/pack-manifest'
import { chooseExecutionProvider, type ExecutionProviderChoice } from './execution-provider'
import { type LoadedPack } from './load-pack'
import { PackError } from './pack-error'

export interface SessionOptions {
  provider?: ExecutionProviderChoice
  /** Intra-op threads (default: onnxruntime's choice). */
  threads?: number
  /**
   * Let idle intra-op threads spin between operators (onnxruntime's default). Off by default here: the graphs
   * run hundreds of small operators per frame, and on a 2-core machine spinning workers compete with the
   * thread that drives them (and with Node's event loop and ffmpeg), so frames got 35–45 % slower with it on
   * (bench/engine.ts prints both).
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

/** Cache key: one session per pack id, pack version, stage, execution provider and thread count. */
export function sessionCacheKey(
  pack: LoadedPack,
  stage: StageName,
  provider: ExecutionProviderChoice,
  threads: number | undefined,
  spinning = false
): string {
  return `${pack.manifest.id}@${pack.manifest.version}/${stage}/${provider}/${threads ?? 'default'}${spinning ? '/spin' : ''}`
}

/**
 * ONNX sessions shared by everything that renders. A requested provider that is missing, or whose session
 * fails to start, falls back to CPU with the reason logged; the fallback is cached under the requested key
 * so the failure is paid once.
 */
export class SessionCache {
  private readonly sessions = new Map<string, Promise<CachedSession>>()

  get size(): number {
    return this.sessions.size
  }

  get(pack: LoadedPack, stage: StageName, options: SessionOptions = {}): Promise<CachedSession> {
    const requested = options.provider ?? 'cpu'
    const key = sessionCacheKey(pack, stage, requested, options.threads, options.spinning)
    let entry = this.sessions.get(key)
    if (!entry) {
      entry = this.create(pack, stage, requested, options)
      this.sessions.set(key, entry)
      entry.catch(() => this.sessions.delete(key))
    }
    return entry
  }

  private async create(
    pack: LoadedPack,
    stage: StageName,
    requested: ExecutionProviderChoice,
    options: SessionOptions
  ): Promise<CachedSession> {
    const file = pack.stageFiles[stage]
    if (!file) throw new PackError(pack.dir, `pack "${pack.manifest.id}" has no ${stage} stage`)
    const base: InferenceSession.SessionOptions = {
      graphOptimizationLevel: 'all',
      ...(options.threads ? { intraOpNumThreads: options.threads, interOpNumThreads: 1 } : {}),
      // onnxruntime's session config entry "session.intra_op.allow_spinning"
      extra: { session: { intra_op: { allow_spinning: options.spinning ? '1' : '0' } } }
    }
    const chosen = chooseExecutionProvider(requested, { log: options.log })
    if (chosen.provider !== 'cpu') {
      try {
        const session = await InferenceSession.create(file, {
          ...base,
          executionProviders: [chosen.provider, 'cpu']
        })
        return { session, provider: chosen.provider, fallbackReason: null }
      } catch (error) {
        const reason = `execution provider '${chosen.provider}' failed to start (${error instanceof Error ? error.message : String(error)}); using CPU`
        options.log?.(reason)
        const session = await InferenceSession.create(file, { ...base, executionProviders: ['cpu'] })
        return { session, provider: 'cpu', fallbackReason: reason }
      }
    }
    const session = await InferenceSession.create(file, { ...base, executionProviders: ['cpu'] })
    return { session, provider: 'cpu', fallbackReason: chosen.fallbackReason }
  }

  /** Releases every session of a pack (all versions when `version` is omitted), or all sessions. */
  async release(packId?: string, version?: string): Promise<void> {
    const prefix = packId === undefined ? '' : version === undefined ? `${packId}@` : `${packId}@${version}/`
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
