import { join } from 'node:path'
import type { AvatarInfo, PreviewFrameResult, PreviewRequest } from '@shared/ipc/contract'
import { analyzeImage } from '../analysis/analyze-image'
import { decodeImage, type DecodedImage } from '../image/decode-image'
import { MimesisError } from '../app/mimesis-error'
import { createAvatar, createEngine, renderFrame, type Avatar, type Engine } from '../engine/engine'

/**
 * Longest side of the avatar's working image, px. The per-frame cost grows with it; 512 keeps preview
 * interactive on two CPU cores. Export renders at the requested size from this representation.
 */
export const AVATAR_MAX_SIDE = 512

export interface AvatarSessionOptions {
  resourcesDir: string
  threads?: number
  log?: (message: string) => void
}

/**
 * The studio's one live avatar: built from the granted portrait and the chosen face, then rendered on
 * demand. Preview requests are "latest wins": while a frame renders, newer requests replace older
 * waiting ones, so dragging a slider never queues up stale frames.
 */
export function createAvatarSession(options: AvatarSessionOptions) {
  let engine: Promise<Engine> | null = null
  let avatar: Avatar | null = null
  let avatarKey = ''
  let rendering: Promise<unknown> = Promise.resolve()
  let latestRequestId = 0

  const getEngine = () => {
    engine ??= createEngine({
      packDir: join(options.resourcesDir, 'packs', 'builtin'),
      threads: options.threads ?? 2,
      log: options.log
    }).catch((error: unknown) => {
      engine = null
      throw error
    })
    return engine
  }

  return {
    async build(imagePath: string, faceIndex: number): Promise<AvatarInfo> {
      const key = `${imagePath}#${faceIndex}`
      const started = performance.now()
      const decoded = await decodeImage(imagePath, { maxSide: AVATAR_MAX_SIDE })
      // Analyse the working image itself, so landmarks are in its pixels.
      const working: DecodedImage = {
        ...decoded,
        originalWidth: decoded.width,
        originalHeight: decoded.height,
        scale: 1
      }
      const [faces, eng] = await Promise.all([
        analyzeImage(working, { modelsDir: join(options.resourcesDir, 'models') }),
        getEngine()
      ])
      const face = faces[faceIndex]
      if (!face) {
        throw new MimesisError(
          'face-not-found',
          `Face ${faceIndex + 1} was not found again in this portrait.`
        )
      }
      avatar = await createAvatar(
        { data: working.data, width: working.width, height: working.height },
        face,
        eng
      )
      avatarKey = key
      return {
        width: avatar.width,
        height: avatar.height,
        directions: eng.pack.manifest.expression.directions,
        pack: { id: eng.pack.manifest.id, version: eng.pack.manifest.version },
        buildMs: performance.now() - started
      }
    },

    /** Renders one frame; resolves null when a newer request superseded this one before it started. */
    async render(request: PreviewRequest): Promise<PreviewFrameResult | null> {
      const current = avatar
      if (!current)
        throw new MimesisError('no-avatar', 'Open a portrait first: there is no avatar to render.')
      const id = ++latestRequestId
      const run = rendering.then(async () => {
        if (id !== latestRequestId || current !== avatar) return null
        const started = performance.now()
        const frame = await renderFrame(current, {
          expression: request.expression,
          camera: request.camera,
          width: request.width,
          height: request.height
        })
        const rgba = request.view === 'depth' ? depthToRgba(frame.depth, frame.rgba) : opaque(frame.rgba)
        return { width: frame.width, height: frame.height, rgba, renderMs: performance.now() - started }
      })
      rendering = run.catch(() => undefined)
      return run
    },

    get currentKey(): string {
      return avatarKey
    },

    /** The avatar for export; throws when none is built. */
    requireAvatar(): Avatar {
      if (!avatar) throw new MimesisError('no-avatar', 'Open a portrait first: there is no avatar to render.')
      return avatar
    }
  }
}

export type AvatarSession = ReturnType<typeof createAvatarSession>

/**
 * Depth as grey levels over the rendered person (near = light, far = dark), normalised to the person's
 * own depth range; the background plate, which has no depth, is drawn dark.
 */
export function depthToRgba(depth: Float32Array, colour: Uint8Array): Uint8Array {
  let near = Infinity
  let far = -Infinity
  for (let i = 0; i < depth.length; i++) {
    if (colour[4 * i + 3]! > 8 && Number.isFinite(depth[i]!)) {
      near = Math.min(near, depth[i]!)
      far = Math.max(far, depth[i]!)
    }
  }
  const span = far > near ? far - near : 1
  const out = new Uint8Array(depth.length * 4)
  for (let i = 0; i < depth.length; i++) {
    const alpha = colour[4 * i + 3]! / 255
    const level = Number.isFinite(depth[i]!) ? 1 - (depth[i]! - near) / span : 0
    const grey = Math.round(24 + alpha * Math.min(Math.max(level, 0), 1) * 220)
    out[4 * i] = grey
    out[4 * i + 1] = grey
    out[4 * i + 2] = grey
    out[4 * i + 3] = 255
  }
  return out
}

/** The composited frame for display: its alpha channel marks the person layer, which the viewport ignores. */
function opaque(rgba: Uint8Array): Uint8Array {
  for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255
  return rgba
}
