import { describe, expect, it } from 'vitest'
import type { EngineCamera } from '@shared/engine/camera'
import type { FaceBox } from '@shared/face/face-analysis'
import {
  HEAD_MARGINS,
  UNFRAMED,
  composeCamera,
  faceBoxOfLandmarks,
  frameOnHead,
  headRegion,
  isUnframed,
  type ViewFraming
} from '@shared/engine/frame-on-head'

interface Size {
  width: number
  height: number
}

/**
 * The source px that output px `o` reads along one axis, exactly as the renderer's resample stage maps it
 * (build/pack/renderer/resample.ts): s = srcLen/2 + (o + 0.5 − outLen/2 − pan·outLen)·σ/zoom with
 * σ = min(srcW/outW, srcH/outH) (renderFrame).
 */
function sourceOf(
  o: number,
  srcLen: number,
  outLen: number,
  sigma: number,
  zoom: number,
  pan: number
): number {
  return srcLen / 2 + (o + 0.5 - outLen / 2 - pan * outLen) * (sigma / zoom)
}

/** The portrait px the output's edges read: [left, top, right, bottom] (pixel edges, not centres). */
function visibleWindow(portrait: Size, output: Size, camera: Partial<EngineCamera>): number[] {
  const sigma = Math.min(portrait.width / output.width, portrait.height / output.height)
  const zoom = camera.zoom ?? 1
  const x = (o: number) => sourceOf(o - 0.5, portrait.width, output.width, sigma, zoom, camera.panX ?? 0)
  const y = (o: number) => sourceOf(o - 0.5, portrait.height, output.height, sigma, zoom, camera.panY ?? 0)
  return [x(0), y(0), x(output.width), y(output.height)]
}

function expectInside(inner: FaceBox, window: number[]): void {
  const [left, top, right, bottom] = window as [number, number, number, number]
  expect(inner.x).toBeGreaterThanOrEqual(left - 1e-9)
  expect(inner.y).toBeGreaterThanOrEqual(top - 1e-9)
  expect(inner.x + inner.width).toBeLessThanOrEqual(right + 1e-9)
  expect(inner.y + inner.height).toBeLessThanOrEqual(bottom + 1e-9)
}

function expectWithinPortrait(window: number[], portrait: Size): void {
  const [left, top, right, bottom] = window as [number, number, number, number]
  expect(left).toBeGreaterThanOrEqual(-1e-9)
  expect(top).toBeGreaterThanOrEqual(-1e-9)
  expect(right).toBeLessThanOrEqual(portrait.width + 1e-9)
  expect(bottom).toBeLessThanOrEqual(portrait.height + 1e-9)
}

const centreOf = (box: FaceBox) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 })

describe('frameOnHead', () => {
  // A 3:5 painting (600 × 1000 px) with the face high up, as such portraits usually have it.
  const tall: Size = { width: 600, height: 1000 }
  const tallFace: FaceBox = { x: 230, y: 170, width: 150, height: 180 }

  it('a square of a tall (3:5) portrait keeps the whole head with its hair, where the centred square cut it', () => {
    const output = { width: 512, height: 512 }
    const framing = frameOnHead({ portrait: tall, face: tallFace, output })
    expect(framing.zoom).toBe(1)
    expect(framing.panX).toBe(0) // the square is as wide as the portrait
    const window = visibleWindow(tall, output, framing)
    expect(window[2]! - window[0]!).toBeCloseTo(600, 9) // same size as today's centred square
    expectWithinPortrait(window, tall)
    expectInside(headRegion(tallFace), window)
    // Today's centred square (rows 200..800) cut the face box (rows 170..350) and all the hair above it.
    const centred = visibleWindow(tall, output, UNFRAMED)
    expect(centred[1]).toBeCloseTo(200, 9)
    expect(centred[1]!).toBeGreaterThan(tallFace.y)
    // The head region's centre is less than half a square from the top, so the square sits at the top.
    expect(window[1]).toBeCloseTo(0, 9)
    expect(framing.panY).toBeCloseTo(200 / 600, 12)
  })

  it('a tall portrait with the face lower down: the square is centred on the head region', () => {
    const face: FaceBox = { x: 200, y: 420, width: 150, height: 180 }
    const output = { width: 300, height: 300 }
    const framing = frameOnHead({ portrait: tall, face, output })
    const window = visibleWindow(tall, output, framing)
    const region = headRegion(face)
    expectInside(region, window)
    expect((window[1]! + window[3]!) / 2).toBeCloseTo(region.y + region.height / 2, 9)
    // ... which is a quarter of a face height above the face box's centre.
    expect((window[1]! + window[3]!) / 2).toBeCloseTo(centreOf(face).y - 0.25 * face.height, 9)
  })

  // A 16:9 frame (1600 × 900 px) with the sitter off to the right.
  const wide: Size = { width: 1600, height: 900 }
  const wideFace: FaceBox = { x: 1180, y: 260, width: 200, height: 240 }

  it('a square of a wide (16:9) portrait is moved onto the face, where the centred square cut it in half', () => {
    const output = { width: 256, height: 256 }
    const framing = frameOnHead({ portrait: wide, face: wideFace, output })
    expect(framing.zoom).toBe(1)
    expect(framing.panY).toBe(0) // the square is as tall as the portrait
    const window = visibleWindow(wide, output, framing)
    expectWithinPortrait(window, wide)
    expectInside(headRegion(wideFace), window)
    // Centred on the face it would leave the portrait (the renderer has no plate there): the rightmost square.
    expect(window[2]).toBeCloseTo(1600, 9)
    expect(framing.panX).toBeCloseTo((800 - 1150) / 900, 12)
    const centred = visibleWindow(wide, output, UNFRAMED)
    expect(centred[2]).toBeCloseTo(1250, 9) // columns 350..1250: the face (1180..1380) was cut in half
  })

  it('a wide portrait with room on both sides: the square is centred on the face', () => {
    const face: FaceBox = { x: 180, y: 300, width: 150, height: 180 }
    const output = { width: 400, height: 400 }
    const framing = frameOnHead({ portrait: wide, face, output })
    const window = visibleWindow(wide, output, framing)
    expect(window[0]).toBeCloseTo(0, 9) // the face is near the left edge: clamped there
    const middle: FaceBox = { x: 900, y: 300, width: 200, height: 240 }
    const centredOnFace = visibleWindow(wide, output, frameOnHead({ portrait: wide, face: middle, output }))
    expect((centredOnFace[0]! + centredOnFace[2]!) / 2).toBeCloseTo(centreOf(middle).x, 9)
    expectInside(headRegion(middle), centredOnFace)
  })

  it('the same aspect keeps the full portrait: exactly the source framing', () => {
    expect(frameOnHead({ portrait: tall, face: tallFace, output: { width: 300, height: 500 } })).toEqual(
      UNFRAMED
    )
    expect(frameOnHead({ portrait: wide, face: wideFace, output: { width: 1600, height: 900 } })).toEqual(
      UNFRAMED
    )
    // Up to rounding the output to whole px (600 × 900 fitted into 512 px: 341 × 512).
    const framing = frameOnHead({
      portrait: { width: 600, height: 900 },
      face: { x: 400, y: 100, width: 120, height: 140 },
      output: { width: 341, height: 512 }
    })
    expect(isUnframed(framing)).toBe(true)
  })

  it('an output narrower than the head region keeps the whole face in, as close to the head as it can', () => {
    // A 9:16 frame of a wide close-up: the window (506 px wide) is narrower than the head region (600 px).
    const face: FaceBox = { x: 700, y: 250, width: 300, height: 360 }
    const output = { width: 360, height: 640 }
    const framing = frameOnHead({ portrait: wide, face, output })
    const window = visibleWindow(wide, output, framing)
    expect(window[2]! - window[0]!).toBeLessThan(headRegion(face).width)
    expectInside(face, window)
    expectWithinPortrait(window, wide)
    expect((window[0]! + window[2]!) / 2).toBeCloseTo(centreOf(face).x, 9)
    // Vertically the window is the whole portrait height: untouched.
    expect(framing.panY).toBe(0)
  })

  it('a face larger than the window is centred; the window still stays inside the portrait', () => {
    const face: FaceBox = { x: 500, y: 0, width: 700, height: 880 }
    const output = { width: 200, height: 400 }
    const framing = frameOnHead({ portrait: wide, face, output })
    const window = visibleWindow(wide, output, framing)
    expect((window[0]! + window[2]!) / 2).toBeCloseTo(850, 9)
    expectWithinPortrait(window, wide)
  })

  it('depends only on the output aspect, and is the same for a scaled portrait and face', () => {
    const a = frameOnHead({ portrait: tall, face: tallFace, output: { width: 512, height: 512 } })
    const b = frameOnHead({ portrait: tall, face: tallFace, output: { width: 64, height: 64 } })
    const scaled = frameOnHead({
      portrait: { width: 300, height: 500 },
      face: { x: 115, y: 85, width: 75, height: 90 },
      output: { width: 512, height: 512 }
    })
    expect(b.panY).toBeCloseTo(a.panY, 12)
    expect(scaled.panY).toBeCloseTo(a.panY, 12)
  })

  it('refuses sizes that are not positive and face boxes that are not finite', () => {
    expect(() => frameOnHead({ portrait: { width: 0, height: 10 }, face: tallFace, output: tall })).toThrow(
      /portrait\.width/
    )
    expect(() =>
      frameOnHead({ portrait: tall, face: { ...tallFace, x: Number.NaN }, output: { width: 1, height: 1 } })
    ).toThrow(/face box/)
  })
})

describe('headRegion', () => {
  it('widens the face box by the margins', () => {
    const region = headRegion({ x: 100, y: 200, width: 80, height: 100 })
    expect(region.x).toBeCloseTo(100 - HEAD_MARGINS.sides * 80, 12)
    expect(region.y).toBeCloseTo(200 - HEAD_MARGINS.above * 100, 12)
    expect(region.x + region.width).toBeCloseTo(180 + HEAD_MARGINS.sides * 80, 12)
    expect(region.y + region.height).toBeCloseTo(300 + HEAD_MARGINS.below * 100, 12)
  })
})

describe('composeCamera', () => {
  const portrait: Size = { width: 600, height: 1000 }
  const output: Size = { width: 400, height: 400 }
  const framing: ViewFraming = frameOnHead({
    portrait,
    face: { x: 230, y: 420, width: 150, height: 180 },
    output
  })

  it('with no user camera it is the framing; with the source framing it is the user camera', () => {
    expect(composeCamera(framing)).toEqual({ zoom: 1, panX: framing.panX, panY: framing.panY })
    const user = { yaw: 20, zoom: 1.5, panX: 0.1, panY: -0.2 }
    expect(composeCamera(UNFRAMED, user)).toEqual(user)
  })

  it('the user camera acts on the framed view: zoom about its centre, pan in fractions of the output', () => {
    const sigma = Math.min(portrait.width / output.width, portrait.height / output.height)
    const framed = (o: number) =>
      sourceOf(o, portrait.height, output.height, sigma, framing.zoom, framing.panY)
    const user = { zoom: 2, panY: 0.125, pitch: 5 }
    const composed = composeCamera(framing, user)
    expect(composed.pitch).toBe(5)
    // The user's camera maps output px o to the framed view's px v = outLen/2 + (o + 0.5 − outLen/2 − p·outLen)/z − 0.5.
    for (const o of [0, 57, 200, 399]) {
      const v = output.height / 2 + (o + 0.5 - output.height / 2 - 0.125 * output.height) / 2 - 0.5
      const direct = sourceOf(o, portrait.height, output.height, sigma, composed.zoom!, composed.panY!)
      expect(direct).toBeCloseTo(framed(v), 9)
    }
  })
})

describe('faceBoxOfLandmarks', () => {
  it('is the x/y bounding box of the triplets, ignoring z and non-finite points', () => {
    const landmarks = Float32Array.from([10, 20, -5, 40, 15, 3, 25, 60, 0, Number.NaN, 0, 0])
    expect(faceBoxOfLandmarks(landmarks)).toEqual({ x: 10, y: 15, width: 30, height: 45 })
    expect(() => faceBoxOfLandmarks([])).toThrow(/no finite landmark/)
  })
})
