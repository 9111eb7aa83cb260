import { join } from 'node:path'
import type { AvatarInfo, PreviewFrameResult, PreviewRequest } from '@shared/ipc/contract'
import { INTERACTIVE_MAX_SIDE } from '@shared/engine'
import { MimesisError } from '@shared/errors/mimesis-error'
import { createEngine, renderFrame, type Avatar, type Engine } from '../engine/engine'
import { FACE_MESH_PICTURE_SIDE, type FaceModelSource } from '../export/export-face-glb'
import {
  analysedFaceFromFile,
  avatarSideFor,
  avatarWithFaceFromFile,
  type AvatarWithFace
} from '../render/avatar-from-file'
import { knownExpression } from '../render/known-expression'
import { loadCanonicalFaceMesh, type CanonicalFaceMesh } from '../analysis/canonical-face-mesh'
import { personalMotionScale } from '../engine/personal-motion-scale'

/**
 * Longest side of the avatar's working image, px. The per-frame cost grows with it; 512 keeps preview
 * interactive on two CPU cores. Export renders at the requested size from this representation.
 */
export const AVATAR_MAX_SIDE = 512

/**
 * Frames of at most this many pixels (the preview's quick frames) render on one intra-op thread. They are asked
 * for while the page handles the gesture that wants them, on the same CPUs; with two threads the second mostly
 * waited for the first at each operator's barrier. bench:ui on 2 cores, alternating runs on one machine: slider →
 * quick frame median 53.7 / 55.8 ms on two threads, 50.5 / 48.9 ms on one; the dense scrub's main thread per frame
 * 11.1 → 10.1 ms. Idle frames and exports keep the session's threads.
 */
const ONE_THREAD_MAX_PIXELS = INTERACTIVE_MAX_SIDE * INTERACTIVE_MAX_SIDE

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
  /** Engines of the built-in pack by intra-op thread count: the session's, and one thread for quick frames. */
  const engines = new Map<number, Promise<Engine>>()
  let avatar: Avatar | null = null
  /** The avatar with the face it was built from (the export's framing needs the face). */
  let withFace: AvatarWithFace | null = null
  let source: { imagePath: string; faceIndex: number } | null = null
  let exportAvatar: { side: number; of: Avatar; built: AvatarWithFace } | null = null
  /** The face analysed at the 3D face's texture size, for the avatar it was made alongside. */
  let faceModel: { of: Avatar; source: Promise<FaceModelSource> } | null = null
  let rendering: Promise<unknown> = Promise.resolve()
  let latestRequestId = 0
  let mesh: Promise<CanonicalFaceMesh> | null = null
  /** The canonical face the motion scale compares faces with, read once. */
  const canonicalMesh = () =>
    (mesh ??= loadCanonicalFaceMesh(join(options.resourcesDir, 'models', 'canonical_face_mesh.json')))

  const getEngine = (threads = options.threads ?? 2) => {
    let engine = engines.get(threads)
    if (!engine) {
      engine = createEngine({
        packDir: join(options.resourcesDir, 'packs', 'builtin'),
        threads,
        log: options.log
      }).catch((error: unknown) => {
        engines.delete(threads)
        throw error
      })
      engines.set(threads, engine)
    }
    return engine
  }

  return {
    async build(imagePath: string, faceIndex: number): Promise<AvatarInfo> {
      const started = performance.now()
      const eng = await getEngine()
      const built = await avatarWithFaceFromFile(imagePath, {
        engine: eng,
        resourcesDir: options.resourcesDir,
        maxSide: AVATAR_MAX_SIDE,
        faceIndex
      })
      avatar = built.avatar
      withFace = built
      // The quick frames' engine loads now, not on the first slider move (a failure shows there, in render).
      void getEngine(1).catch(() => undefined)
      source = { imagePath, faceIndex }
      exportAvatar = null
      return {
        width: built.avatar.width,
        height: built.avatar.height,
        directions: eng.pack.manifest.expression.directions,
        pack: { id: eng.pack.manifest.id, version: eng.pack.manifest.version },
        buildMs: performance.now() - started,
        motionScale: personalMotionScale(
          built.face.canonicalLandmarks,
          (await canonicalMesh()).vertices,
          eng.directionNames
        )
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
        const small = request.width * request.height <= ONE_THREAD_MAX_PIXELS
        const engine = small ? await getEngine(1) : current.engine
        const frame = await renderFrame(engine === current.engine ? current : { ...current, engine }, {
          expression: knownExpression(current, request.expression).expression,
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
      return source ? `${source.imagePath}#${source.faceIndex}` : ''
    },

    /**
     * The avatar to export `width`×`height` with, and the face it was built from (for the export's framing,
     * `headFramingFor`): the preview avatar when it is big enough, else one built from the same portrait and
     * face at up to 1024 px (kept until the portrait changes).
     */
    async avatarForExport(width: number, height: number): Promise<AvatarWithFace> {
      const preview = withFace
      if (!preview || preview.avatar !== avatar || !source)
        throw new MimesisError('no-avatar', 'Open a portrait first: there is no avatar to render.')
      // Large enough that the window of the portrait the export shows (framed on the head when the
      // export's shape differs from the portrait's) has the export's resolution where the portrait has it.
      const side = avatarSideFor(width, height, AVATAR_MAX_SIDE, preview.avatar)
      if (side <= Math.max(preview.avatar.width, preview.avatar.height)) return preview
      if (exportAvatar?.side === side && exportAvatar.of === preview.avatar) return exportAvatar.built
      const built = await avatarWithFaceFromFile(source.imagePath, {
        engine: await getEngine(),
        resourcesDir: options.resourcesDir,
        maxSide: side,
        faceIndex: source.faceIndex
      })
      if (avatar === preview.avatar) exportAvatar = { side, of: preview.avatar, built }
      return built
    },

    /**
     * What the animated 3D face (.glb) is made of: the portrait decoded at up to FACE_MESH_PICTURE_SIDE px (the
     * texture's resolution), the chosen face analysed there, and the engine. No avatar is built; kept until the
     * portrait changes.
     */
    async faceModelForExport(): Promise<FaceModelSource> {
      const current = avatar
      if (!current || !source)
        throw new MimesisError('no-avatar', 'Open a portrait first: there is no face to export.')
      if (faceModel?.of !== current) {
        const { imagePath, faceIndex } = source
        const made = Promise.all([
          getEngine(),
          analysedFaceFromFile(imagePath, {
            resourcesDir: options.resourcesDir,
            maxSide: FACE_MESH_PICTURE_SIDE,
            faceIndex
          })
        ]).then(([engine, analysed]) => ({ ...analysed, engine }))
        faceModel = { of: current, source: made }
        made.catch(() => {
          if (faceModel?.source === made) faceModel = null
        })
      }
      return faceModel.source
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
