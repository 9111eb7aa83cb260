// Live mode: camera frames from the renderer, one at a time, through the face tracker, the performer's
// reference, the identity-free solve and the avatar's render; takes record every analysed frame.
import type { LiveFrameRequest, LiveFrameResult, LiveTake } from '@shared/ipc/contract'
import { MimesisError } from '@shared/errors/mimesis-error'
import type { Logger } from '../app/logger'
import { createFaceTracker, type FaceTracker } from '../analysis/face-tracker'
import { loadFaceModels } from '../analysis/load-face-models'
import { calibrateAvatar, type AvatarCalibration } from '../drive/calibrate-avatar'
import type { DriveMode } from '../drive/retarget-driver'
import { renderFrame, type Avatar } from '../engine/engine'
import { measureFace } from '../drive/face-measures'
import { DARK_LUMA, meanLuma, rgbaToRgb } from '../live/frame-pixels'
import { liveFaceOf, type LiveFace } from '../live/live-face'
import { createReferenceCollector, type LiveReference, type ReferenceCollector } from '../live/live-reference'
import { createLiveRetargeter, type LiveCodes, type LiveRetargeter } from '../live/live-retarget'
import { createTakeRecorder, type TakeRecorder } from '../live/live-take'
import { knownExpression } from '../render/known-expression'
import type { AvatarSession } from './avatar-session'

export interface LiveSessionDeps {
  avatars: Pick<AvatarSession, 'requireAvatar'>
  logger: Logger
  /** The face models folder (`resources/models`). */
  modelsDir: string
  /** Calibrations per avatar, shared with the driving session (a rebuilt avatar is calibrated again). */
  calibrations: WeakMap<Avatar, AvatarCalibration>
}

interface LiveState {
  readonly avatar: Avatar
  readonly calibration: AvatarCalibration
  readonly tracker: FaceTracker
  /** The RGB buffer the camera frames are converted into, reused. */
  rgb: Uint8Array
  collector: ReferenceCollector | null
  /** True while the reference being collected, or in use, is the automatic first one. */
  auto: boolean
  reference: LiveReference | null
  retargeter: LiveRetargeter | null
  take: TakeRecorder | null
  /** The smallest inner-lip gap seen since Live mode opened, cm: the performer's closed mouth. */
  closedMouthCm: number
  /** References set since Live mode opened. */
  references: number
}

const notOpen = () =>
  new MimesisError('live-not-open', 'Live mode is not open (or the portrait changed): open Live mode again.')

/** Zero codes: the portrait as photographed, before the first reference is set. */
function restCodes(avatar: Avatar): LiveCodes {
  return {
    expression: Object.fromEntries(avatar.engine.directionNames.map((name) => [name, 0])),
    camera: { yaw: 0, pitch: 0, roll: 0 }
  }
}

/** The reference stage: collects a face into the window, and swaps in the new reference once it is full. */
function updateReference(state: LiveState, timeSec: number, face: LiveFace | null): void {
  if (face) state.closedMouthCm = Math.min(state.closedMouthCm, measureFace(face.canonical).mouthOpen)
  if (!state.collector) return
  const reference = state.collector.add(timeSec, face)
  if (!reference) return
  state.reference = reference
  state.references++
  state.retargeter = createLiveRetargeter(state.calibration, reference)
  state.collector = null
}

const collectorFor = (state: LiveState): ReferenceCollector =>
  createReferenceCollector({ closedMouthCm: () => state.closedMouthCm })

function neutralStatus(state: LiveState): LiveFrameResult['neutral'] {
  if (state.collector || !state.reference) {
    return {
      state: 'collecting',
      progress: state.collector?.progress ?? 0,
      auto: state.auto,
      count: state.references,
      hints: []
    }
  }
  return {
    state: 'set',
    progress: 1,
    auto: state.auto,
    count: state.references,
    hints: [...state.reference.hints]
  }
}

/** 468 × (x, y) of the analysed face, frame px: what the raw feed's mesh overlay draws. */
function landmarks2d(landmarks: Float32Array): number[] {
  const out = new Array<number>(468 * 2)
  for (let v = 0; v < 468; v++) {
    out[2 * v] = Math.round(landmarks[3 * v]! * 10) / 10
    out[2 * v + 1] = Math.round(landmarks[3 * v + 1]! * 10) / 10
  }
  return out
}

/** One camera frame through every stage. */
async function processFrame(state: LiveState, request: LiveFrameRequest): Promise<LiveFrameResult> {
  const started = performance.now()
  const { frame } = request
  const timeSec = request.capturedAtMs / 1000
  const image = rgbaToRgb(frame.rgba, frame.width, frame.height, state.rgb)
  state.rgb = image.data.length > state.rgb.length ? image.data : state.rgb
  const { face } = await state.tracker.next(image)
  const liveFace = face ? liveFaceOf(face) : null
  const analysed = performance.now()

  updateReference(state, timeSec, liveFace)
  const codes = state.retargeter
    ? state.retargeter.step(timeSec, liveFace, request.options)
    : restCodes(state.avatar)
  if (state.take) state.take.add(timeSec, codes, liveFace != null)
  const solved = performance.now()

  const rendered = await renderFrame(state.avatar, {
    expression: knownExpression(state.avatar, codes.expression).expression,
    camera: { ...codes.camera, zoom: 1, panX: 0, panY: 0 },
    width: request.preview.width,
    height: request.preview.height
  })
  const rgba = rendered.rgba
  // The alpha channel marks the person layer; the preview shows the composite, opaque.
  for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255
  const done = performance.now()
  return {
    face: face ? { landmarks: landmarks2d(face.landmarks) } : null,
    expression: codes.expression,
    camera: codes.camera,
    preview: { width: rendered.width, height: rendered.height, rgba },
    timing: {
      analysisMs: analysed - started,
      solveMs: solved - analysed,
      renderMs: done - solved,
      totalMs: done - started
    },
    neutral: neutralStatus(state),
    dark: meanLuma(frame.rgba, frame.width, frame.height) < DARK_LUMA,
    take: state.take
      ? { frames: state.take.frames, seconds: state.take.seconds, full: state.take.full }
      : null
  }
}

/**
 * The studio's Live mode: open calibrates the current avatar (kept per avatar), frames are processed
 * strictly one after another (the renderer sends the newest frame only when the last one has returned),
 * and a take records every frame that arrives while it runs.
 */
export function createLiveSession(deps: LiveSessionDeps) {
  let state: LiveState | null = null
  let chain: Promise<unknown> = Promise.resolve()

  const current = (): LiveState => {
    const avatar = deps.avatars.requireAvatar()
    if (!state || state.avatar !== avatar) throw notOpen()
    return state
  }

  /** Runs `work` after every earlier frame and command, so the stages never see two frames at once. */
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = chain.then(work)
    chain = run.catch(() => undefined)
    return run
  }

  return {
    async open(): Promise<{ calibrateMs: number }> {
      const avatar = deps.avatars.requireAvatar()
      const started = performance.now()
      const models = await loadFaceModels({ modelsDir: deps.modelsDir })
      let calibration = deps.calibrations.get(avatar)
      if (!calibration) {
        calibration = await calibrateAvatar(avatar, { modelsDir: deps.modelsDir })
        deps.calibrations.set(avatar, calibration)
      }
      const calibrateMs = performance.now() - started
      await serial(async () => {
        state = {
          avatar,
          calibration,
          tracker: createFaceTracker(models),
          rgb: new Uint8Array(0),
          collector: null,
          auto: true,
          reference: null,
          retargeter: null,
          take: null,
          closedMouthCm: Infinity,
          references: 0
        }
        state.collector = collectorFor(state)
      })
      deps.logger.info('Live mode opened', { calibrateMs: Math.round(calibrateMs) })
      return { calibrateMs }
    },

    frame: (request: LiveFrameRequest): Promise<LiveFrameResult> =>
      serial(() => processFrame(current(), request)),

    setNeutral: (): Promise<undefined> =>
      serial(async () => {
        const live = current()
        live.collector = collectorFor(live)
        live.auto = false
        return undefined
      }),

    record: (mode: DriveMode, maxSec: number | null): Promise<undefined> =>
      serial(async () => {
        const live = current()
        if (live.take) throw new MimesisError('live-busy', 'A take is already recording: stop it first.')
        live.take = createTakeRecorder(live.calibration.names, mode, maxSec)
        return undefined
      }),

    stop: (): Promise<LiveTake | null> =>
      serial(async () => {
        const live = state
        const take = live?.take
        if (!live || !take) return null
        live.take = null
        const recorded = take.finish('Live take')
        if (recorded) deps.logger.info('Live take', { frames: recorded.frames, keys: recorded.keys })
        return recorded
      }),

    close: (): Promise<undefined> =>
      serial(async () => {
        state = null
        return undefined
      })
  }
}

export type LiveSession = ReturnType<typeof createLiveSession>
