import { type StageName } from '@shared/engine/pack-manifest'
import { type ExecutionProviderChoice } from '../inference/execution-provider'
import {
  InferenceSessionCache,
  runtimeKey,
  type CachedSession,
  type InferenceOptions
} from '../inference/inference-session-cache'
import { type LoadedPack } from './load-pack'
import { PackError } from './pack-error'

export type SessionOptions = InferenceOptions
export type { CachedSession }

/** Cache key: one session per pack id, pack version, stage, execution provider and thread count. */
export function sessionCacheKey(
  pack: LoadedPack,
  stage: StageName,
  provider: ExecutionProviderChoice,
  threads: number | undefined,
  spinning = false
): string {
  return `${pack.manifest.id}@${pack.manifest.version}/${stage}/${runtimeKey({ provider, threads, spinning })}`
}

/** The sessions of engine packs' stages, keyed by pack and stage over the core's one inference pool. */
export class SessionCache {
  constructor(private readonly pool: InferenceSessionCache = new InferenceSessionCache()) {}

  get size(): number {
    return this.pool.size
  }

  get(pack: LoadedPack, stage: StageName, options: SessionOptions = {}): Promise<CachedSession> {
    const file = pack.stageFiles[stage]
    if (!file)
      return Promise.reject(new PackError(pack.dir, `pack "${pack.manifest.id}" has no ${stage} stage`))
    const key = sessionCacheKey(pack, stage, options.provider ?? 'cpu', options.threads, options.spinning)
    return this.pool.get(key, file, options)
  }

  /** Releases every session of a pack (all versions when `version` is omitted), or all sessions. */
  async release(packId?: string, version?: string): Promise<void> {
    const prefix = packId === undefined ? '' : version === undefined ? `${packId}@` : `${packId}@${version}/`
    await this.pool.release(prefix)
  }
}
