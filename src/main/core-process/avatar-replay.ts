// The one piece of studio state a new core process lacks that the renderer cannot see missing: the
// built avatar. The renderer keeps its document and its avatar info, so rather than have it notice, the
// forwarding side remembers the last avatar built and builds it again in a restarted core before the
// first request that needs it (the next preview, an export, a drive).
import type { InvokeEnvelope } from '@shared/ipc/api'
import { invokeChannels } from '@shared/ipc/channels'

/** Requests that render with the core's current avatar. */
const NEEDS_AVATAR = new Set<string>([
  invokeChannels.renderPreview,
  invokeChannels.startExport,
  invokeChannels.driveAvatar,
  // Live mode is opened again after a restart (the renderer sees 'live-not-open'); opening it needs the avatar.
  invokeChannels.liveOpen
])

export interface AvatarReplayTarget {
  invoke(channel: string, payload: unknown): Promise<InvokeEnvelope>
  /** Which core process is running: a new one has no avatar. */
  readonly generation: number
}

export function createAvatarReplay(target: AvatarReplayTarget) {
  /** The last avatar the renderer built, and the core process that holds it. */
  let built: { request: unknown; generation: number } | null = null
  /** One rebuild at a time: concurrent requests after a restart wait for the same one. */
  let rebuilding: Promise<InvokeEnvelope> | null = null

  const rebuild = (request: unknown): Promise<InvokeEnvelope> => {
    rebuilding ??= (async () => {
      const generation = target.generation
      const envelope = await target.invoke(invokeChannels.buildAvatar, request)
      if (envelope.ok && built?.request === request) built = { request, generation }
      return envelope
    })().finally(() => (rebuilding = null))
    return rebuilding
  }

  return {
    async invoke(channel: string, payload: unknown): Promise<InvokeEnvelope> {
      if (channel === invokeChannels.buildAvatar) {
        const generation = target.generation
        const envelope = await target.invoke(channel, payload)
        // A failed build leaves the core's previous avatar in place, so the record stays too.
        if (envelope.ok) built = { request: payload, generation }
        return envelope
      }
      if (NEEDS_AVATAR.has(channel) && built && built.generation !== target.generation) {
        const rebuilt = await rebuild(built.request)
        if (!rebuilt.ok) return rebuilt
      }
      return target.invoke(channel, payload)
    }
  }
}
