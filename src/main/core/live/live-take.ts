import { DEFAULT_REDUCTION_TOLERANCE, reducePerformance } from '@shared/performance/reduce-performance'
import type { Performance, PerformanceChannel } from '@shared/performance/performance'
import { findGaps } from '../drive/fill-gaps'
import type { DriveMode } from '../drive/retarget-driver'
import { CAMERA_AXES, type LiveCodes } from './live-retarget'

/** A finished take: the reduced keys, and what was recorded before reduction. */
export interface RecordedTake {
  readonly performance: Performance
  /** Analysed frames the take holds: every frame that arrived while it recorded. */
  readonly frames: number
  /** Keys before reduction (frames × channels) and after. */
  readonly denseKeys: number
  readonly keys: number
}

export interface TakeRecorder {
  /**
   * Adds one analysed frame at `timeSec` (the camera's clock, seconds). The take's time 0 is its first
   * frame. Returns false, and keeps nothing, once the take has reached `maxSec` (a punch-in's length).
   */
  add(timeSec: number, codes: LiveCodes, tracked: boolean): boolean
  readonly frames: number
  /** Seconds from the first frame to the last. */
  readonly seconds: number
  readonly full: boolean
  /** Reduces the take to keys with the driving issue's reduction; null when it holds no frame. */
  finish(sourceName: string): RecordedTake | null
}

/**
 * Records every analysed frame of a take, densely (one sample per frame and channel: about 2 KB a frame
 * for 40 channels), and reduces it to keys once, at the end. The channels are those `mode` drives.
 */
export function createTakeRecorder(
  directionNames: readonly string[],
  mode: DriveMode,
  maxSec: number | null
): TakeRecorder {
  const times: number[] = []
  const tracked: boolean[] = []
  const expression = mode === 'pose' ? [] : directionNames.map(() => [] as number[])
  const camera = mode === 'expression' ? [] : CAMERA_AXES.map(() => [] as number[])
  let start: number | null = null
  let full = false
  return {
    add(timeSec, codes, isTracked) {
      start ??= timeSec
      const t = timeSec - start
      if (full || (maxSec != null && t > maxSec + 1e-9)) {
        full = true
        return false
      }
      // The camera's clock may repeat a time; the series needs strictly increasing ones.
      if (times.length > 0 && !(t > times[times.length - 1]!)) return true
      times.push(t)
      tracked.push(isTracked)
      expression.forEach((values, k) => values.push(codes.expression[directionNames[k]!] ?? 0))
      camera.forEach((values, k) => values.push(codes.camera[CAMERA_AXES[k]!]))
      return true
    },
    get frames() {
      return times.length
    },
    get seconds() {
      return times.length > 0 ? times[times.length - 1]! : 0
    },
    get full() {
      return full
    },
    finish(sourceName) {
      const n = times.length
      if (n === 0) return null
      const frameSec = n > 1 ? times[n - 1]! / (n - 1) : 1 / 30
      // A punch-in's take ends at its range's end, so the bake replaces nothing past the range.
      const durationSec = Math.min(times[n - 1]! + frameSec, maxSec ?? Infinity)
      const channels: PerformanceChannel[] = [
        ...expression.map((values, k) => ({
          kind: 'expression' as const,
          name: directionNames[k]!,
          values: Float32Array.from(values)
        })),
        ...camera.map((values, k) => ({
          kind: 'camera' as const,
          name: CAMERA_AXES[k]!,
          values: Float32Array.from(values)
        }))
      ]
      const timeArray = Float64Array.from(times)
      const performance = reducePerformance(
        {
          sourceName,
          fps: 1 / frameSec,
          durationSec,
          referenceTimeSec: 0,
          times: timeArray,
          channels,
          gaps: findGaps(timeArray, (i) => tracked[i] === true, durationSec)
        },
        { tolerance: DEFAULT_REDUCTION_TOLERANCE }
      )
      return {
        performance,
        frames: n,
        denseKeys: n * channels.length,
        keys: performance.tracks.reduce((s, track) => s + track.keys.length, 0)
      }
    }
  }
}
