import { describe, expect, it } from 'vitest'
import { BUILTIN_EXPRESSION_DIRECTIONS } from '@shared/engine/expression-directions'
import { type AnimationDocument, type FrameParams, evaluate, frameCount, seconds } from '@shared/timeline'
import {
  PRESET_MIN_FRAMES,
  PRESET_NAMES,
  TURNTABLE_PITCH,
  isPresetName,
  presetDocument,
  type PresetName
} from '@shared/timeline/presets'

const NAMES = BUILTIN_EXPRESSION_DIRECTIONS.map((d) => d.name)

function preset(name: PresetName, durationSec: number, fps: number): AnimationDocument {
  return presetDocument(name, { expressionNames: NAMES, durationSec, fps, width: 128, height: 128 })
}

/** The parameters of every frame an export of the whole document renders. */
function framesOf(doc: AnimationDocument): FrameParams[] {
  const { fps, durationSec } = doc.settings
  return Array.from({ length: frameCount(durationSec, fps) }, (_, i) => evaluate(doc, seconds(i / fps)))
}

function extremes(frames: FrameParams[], pick: (p: FrameParams) => number): [number, number] {
  const values = frames.map(pick)
  return [Math.min(...values), Math.max(...values)]
}

const neutral = (p: FrameParams): boolean =>
  Object.values(p.expression).every((v) => v === 0) &&
  p.camera.yaw === 0 &&
  p.camera.pitch === 0 &&
  p.camera.roll === 0 &&
  p.camera.zoom === 1 &&
  p.camera.panX === 0 &&
  p.camera.panY === 0

describe('expressions preset', () => {
  // 6 s at 30 fps (the CLI default), the CLI tests' 1 s at 8 fps, and the shortest possible.
  it.each([
    [6, 30],
    [1, 8],
    [10, 24],
    [0.5, 8],
    [4 / 30, 30]
  ])('%s s at %s fps: every direction reaches +1 and -1 on a rendered frame', (duration, fps) => {
    const doc = preset('expressions', duration, fps)
    const frames = framesOf(doc)
    for (const name of NAMES) {
      expect(
        extremes(frames, (p) => p.expression[name]!),
        name
      ).toEqual([-1, 1])
    }
    expect(extremes(frames, (p) => p.camera.yaw)).toEqual([-35, 35])
    expect(extremes(frames, (p) => p.camera.pitch)).toEqual([-25, 25])
    expect(extremes(frames, (p) => p.camera.roll)).toEqual([-30, 30])
    expect(neutral(frames[0]!)).toBe(true)
    expect(neutral(frames.at(-1)!)).toBe(true)
  })

  it('plays the directions one after another when there is time, each eased in and out', () => {
    const doc = preset('expressions', 6, 30)
    const firstPeak = (name: string): number =>
      doc.tracks.find((t) => t.name === name)!.keys.find((k) => k.value === 1)!.time
    const peaks = NAMES.map(firstPeak)
    expect([...peaks].sort((a, b) => a - b)).toEqual(peaks)
    expect(new Set(peaks).size).toBe(NAMES.length)
    for (const track of doc.tracks) {
      for (const key of track.keys) expect(key.interpolation).toBe('easeInOut')
    }
    // Halfway between a key at 0 and the +1 key, an ease-in-out is at exactly one half.
    const jaw = doc.tracks.find((t) => t.name === 'jawOpen')!.keys
    const mid = (jaw[0]!.time + jaw[1]!.time) / 2
    expect(evaluate(doc, seconds(mid)).expression.jawOpen).toBeCloseTo(0.5, 6)
  })

  it('keeps the document settings and one key per frame', () => {
    const doc = preset('expressions', 1, 8)
    expect(doc.settings).toMatchObject({ fps: 8, durationSec: 1, width: 128, height: 128 })
    expect(doc.settings.workArea).toEqual({ in: 0, out: 1 })
    for (const track of doc.tracks) {
      const frames = track.keys.map((k) => Math.round(k.time * 8))
      expect(new Set(frames).size).toBe(frames.length)
      expect(Math.max(-1, ...frames)).toBeLessThanOrEqual(7)
    }
  })

  it('is deterministic', () => {
    expect(preset('expressions', 2, 24)).toEqual(preset('expressions', 2, 24))
  })

  it('works with any pack: only the given directions get tracks', () => {
    const doc = presetDocument('expressions', {
      expressionNames: ['a', 'b'],
      durationSec: 1,
      fps: 30,
      width: 64,
      height: 64
    })
    expect(doc.tracks.filter((t) => t.kind === 'expression').map((t) => t.name)).toEqual(['a', 'b'])
    expect(extremes(framesOf(doc), (p) => p.expression.b!)).toEqual([-1, 1])
  })
})

describe('turntable preset', () => {
  it.each([
    [6, 30],
    [1, 8],
    [5 / 30, 30]
  ])('%s s at %s fps: swings yaw to both ends with a little pitch, face untouched', (duration, fps) => {
    const frames = framesOf(preset('turntable', duration, fps))
    expect(extremes(frames, (p) => p.camera.yaw)).toEqual([-35, 35])
    expect(extremes(frames, (p) => p.camera.pitch)).toEqual([0, TURNTABLE_PITCH])
    expect(extremes(frames, (p) => p.camera.roll)).toEqual([0, 0])
    for (const p of frames) expect(Object.values(p.expression).every((v) => v === 0)).toBe(true)
    expect(neutral(frames[0]!)).toBe(true)
    expect(neutral(frames.at(-1)!)).toBe(true)
  })

  it('moves smoothly: no frame-to-frame yaw jump bigger than the eased peak speed', () => {
    const frames = framesOf(preset('turntable', 6, 30))
    const steps = frames.slice(1).map((p, i) => Math.abs(p.camera.yaw - frames[i]!.camera.yaw))
    // 70° over 90 frames eased in-out peaks at about 2x the mean speed of 0.78°/frame.
    expect(Math.max(...steps)).toBeLessThan(2.5)
  })
})

describe('preset arguments', () => {
  it('names the presets', () => {
    expect(PRESET_NAMES).toEqual(['turntable', 'expressions'])
    expect(isPresetName('turntable')).toBe(true)
    expect(isPresetName('spin')).toBe(false)
  })

  it.each(PRESET_NAMES)('%s refuses a clip shorter than its minimum frame count', (name) => {
    const fps = 30
    const tooShort = (PRESET_MIN_FRAMES[name] - 1) / fps
    expect(() => preset(name, tooShort, fps)).toThrow(/needs at least \d+ frames/)
    expect(() => preset(name, PRESET_MIN_FRAMES[name] / fps, fps)).not.toThrow()
  })

  it('refuses non-positive durations and rates', () => {
    expect(() => preset('turntable', 0, 30)).toThrow(/durationSec/)
    expect(() => preset('turntable', 1, Number.NaN)).toThrow(/fps/)
  })
})
