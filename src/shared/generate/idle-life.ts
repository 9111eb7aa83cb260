// Idle life: the motions of a face at rest, as dense per-frame channels. Each part draws from its own
// PRNG stream of the seed, so changing one parameter leaves the other parts as they were.
//
// Head (degrees, at head motion 1 and middle energy): slow drift as band-limited noise of 0.03–0.3 Hz
// within yaw ±3°, pitch ±2°, roll ±1.5°, scaled by 0.7 + 0.6 × energy (the band's frequencies by
// 0.6 + 0.8 × energy), plus a breathing nod in pitch of ±0.4° at the breathing rate, 12–20 breaths/min
// for an adult at rest (0.2–0.33 Hz), quicker with energy. Faint expression drift (weights ±0.03 calm …
// ±0.09 lively, 0.02–0.12 Hz) on the brows, smile, squint and lips.
import { type IdleLifeParams } from './generate-settings'
import { scheduleBlinks } from './blink-schedule'
import { writeBlinks } from './blink-curve'
import { scheduleGaze, writeGaze } from './gaze-schedule'
import { streamRandom } from './seeded-random'
import { smoothNoise } from './smooth-noise'

/** Head drift bounds at head motion 1, before the energy factor, degrees. */
export const IDLE_HEAD_DRIFT_DEG = { yaw: 3, pitch: 2, roll: 1.5 } as const
/** Breathing nod in pitch at head motion 1, degrees. */
export const IDLE_BREATH_DEG = 0.4
/** Directions that drift faintly. */
export const IDLE_DRIFT_DIRECTIONS = ['browInnerUp', 'browOuterUp', 'smile', 'squint', 'lipsPress'] as const

/** Largest |angle| idle life can give each head axis, degrees (the bound the tests check). */
export function idleHeadBound(params: IdleLifeParams): { yaw: number; pitch: number; roll: number } {
  const factor = params.headMotion * (0.7 + 0.6 * params.energy)
  return {
    yaw: IDLE_HEAD_DRIFT_DEG.yaw * factor,
    pitch: IDLE_HEAD_DRIFT_DEG.pitch * factor + IDLE_BREATH_DEG * params.headMotion,
    roll: IDLE_HEAD_DRIFT_DEG.roll * factor
  }
}

export interface IdleLifeInput {
  readonly seed: number
  readonly params: IdleLifeParams
  /** Samples, one per frame: 0 … frames − 1. */
  readonly frames: number
  readonly fps: number
  /** 0..1 per frame: fades the continuous motions in and out at the range's ends. */
  readonly fade: (frame: number) => number
}

/** Channels by track id ('expression:blinkL', 'camera:yaw'…), one value per frame. */
export type ChannelValues = Map<string, Float32Array>

function blinkChannels(input: IdleLifeInput, out: ChannelValues): void {
  const { seed, params, frames, fps } = input
  const blinks = scheduleBlinks(streamRandom(seed, 'blinks'), { ratePerMin: params.blinkRate, frames, fps })
  // The two lids close together; the right one a few percent more or less, the same for each blink.
  const asymmetry = streamRandom(seed, 'blink-asymmetry')
  const right = blinks.map(() => 1 + 0.03 * asymmetry.normal())
  const left = new Float32Array(frames)
  const rightLid = new Float32Array(frames)
  writeBlinks(left, blinks)
  writeBlinks(rightLid, blinks, (index) => right[index]!)
  out.set('expression:blinkL', left)
  out.set('expression:blinkR', rightLid)
}

function gazeChannels(input: IdleLifeInput, out: ChannelValues): void {
  const { seed, params, frames, fps } = input
  const fixations = scheduleGaze(streamRandom(seed, 'gaze'), { frames, fps, energy: params.energy })
  const horizontal = new Float32Array(frames)
  const vertical = new Float32Array(frames)
  writeGaze(horizontal, vertical, fixations, fps)
  for (let frame = 0; frame < frames; frame++) {
    const fade = input.fade(frame)
    horizontal[frame] = horizontal[frame]! * fade
    vertical[frame] = vertical[frame]! * fade
  }
  out.set('expression:gazeHorizontal', horizontal)
  out.set('expression:gazeVertical', vertical)
}

function headChannels(input: IdleLifeInput, out: ChannelValues): void {
  const { seed, params, frames, fps } = input
  const random = streamRandom(seed, 'head')
  const speed = 0.6 + 0.8 * params.energy
  const factor = params.headMotion * (0.7 + 0.6 * params.energy)
  const band = (amplitude: number) => ({ minHz: 0.03 * speed, maxHz: 0.3 * speed, amplitude })
  const yaw = smoothNoise(random, band(IDLE_HEAD_DRIFT_DEG.yaw * factor))
  const pitch = smoothNoise(random, band(IDLE_HEAD_DRIFT_DEG.pitch * factor))
  const roll = smoothNoise(random, band(IDLE_HEAD_DRIFT_DEG.roll * factor))
  // Breaths per second: 12 (calm) … 20 (lively) per minute.
  const breathHz = (12 + 8 * params.energy) / 60
  const breathPhase = random.between(0, 2 * Math.PI)
  const breath = IDLE_BREATH_DEG * params.headMotion
  const channels = {
    yaw: new Float32Array(frames),
    pitch: new Float32Array(frames),
    roll: new Float32Array(frames)
  }
  for (let frame = 0; frame < frames; frame++) {
    const t = frame / fps
    const fade = input.fade(frame)
    channels.yaw[frame] = yaw.at(t) * fade
    channels.pitch[frame] = (pitch.at(t) + breath * Math.sin(2 * Math.PI * breathHz * t + breathPhase)) * fade
    channels.roll[frame] = roll.at(t) * fade
  }
  out.set('camera:yaw', channels.yaw)
  out.set('camera:pitch', channels.pitch)
  out.set('camera:roll', channels.roll)
}

function driftChannels(input: IdleLifeInput, out: ChannelValues): void {
  const { seed, params, frames, fps } = input
  const amplitude = 0.03 + 0.06 * params.energy
  for (const name of IDLE_DRIFT_DIRECTIONS) {
    const noise = smoothNoise(streamRandom(seed, `drift:${name}`), { minHz: 0.02, maxHz: 0.12, amplitude })
    const values = new Float32Array(frames)
    for (let frame = 0; frame < frames; frame++) values[frame] = noise.at(frame / fps) * input.fade(frame)
    out.set(`expression:${name}`, values)
  }
}

/** Idle life's channels: lids, gaze, head and faint expression drift. */
export function idleLifeChannels(input: IdleLifeInput): ChannelValues {
  const out: ChannelValues = new Map()
  blinkChannels(input, out)
  gazeChannels(input, out)
  headChannels(input, out)
  driftChannels(input, out)
  return out
}
