import { describe, expect, it } from 'vitest'
import { createDocument, seconds, setKey, trackIdFor, type AnimationDocument } from '@shared/timeline'
import type { Performance } from '@shared/performance/performance'
import { removeTakeKeys, swapTake } from '../../../src/renderer/src/components/live/take-edits'
import {
  createLiveMeter,
  downscaledSize,
  previewSize
} from '../../../src/renderer/src/components/live/live-frame-size'
import type { LiveTakeEntry } from '../../../src/renderer/src/store/live-store'

const jaw = trackIdFor('expression', 'jawOpen')

function take(id: number, at: number, durationSec: number, peak: number): LiveTakeEntry {
  const performance: Performance = {
    sourceName: 'Live take',
    fps: 30,
    durationSec,
    referenceTimeSec: 0,
    gaps: [],
    tracks: [
      {
        kind: 'expression',
        name: 'jawOpen',
        keys: [
          { time: 0, value: 0 },
          { time: durationSec / 2, value: peak },
          { time: durationSec, value: 0 }
        ]
      }
    ]
  }
  return { id, name: `Take ${id}`, performance, at, frames: 30, keys: 3 }
}

function documentWithKeys(): AnimationDocument {
  let doc = createDocument({
    expressionNames: ['jawOpen', 'smile'],
    settings: { fps: 30, durationSec: seconds(4), width: 256, height: 256 }
  })
  for (const t of [0.5, 3.5]) doc = setKey(doc, jaw, seconds(t), 0.2).document
  return doc
}

const jawKeys = (doc: AnimationDocument) =>
  doc.tracks.find((t) => t.id === jaw)!.keys.map((k) => [Number(k.time.toFixed(3)), k.value])

describe('take edits', () => {
  it('bakes a take, swaps in a shorter one without leaving the first one’s keys, and deletes it', () => {
    const a = take(1, 1, 2, 0.8)
    const b = take(2, 1, 1, 0.5)
    const withA = swapTake(documentWithKeys(), a, null).document
    expect(jawKeys(withA)).toEqual([
      [0.5, 0.2],
      [1, 0],
      [2, 0.8],
      [3, 0],
      [3.5, 0.2]
    ])
    const withB = swapTake(withA, b, a).document
    expect(jawKeys(withB)).toEqual([
      [0.5, 0.2],
      [1, 0],
      [1.5, 0.5],
      [2, 0],
      [3.5, 0.2]
    ])
    expect(jawKeys(removeTakeKeys(withB, b))).toEqual([
      [0.5, 0.2],
      [3.5, 0.2]
    ])
  })

  it('lengthens the animation for a take that runs past its end', () => {
    const long = swapTake(documentWithKeys(), take(1, 3, 3, 1), null)
    expect(long.document.settings.durationSec).toBeCloseTo(6, 6)
  })
})

describe('live frame sizes and meters', () => {
  it('downscales to the longest side, never up', () => {
    expect(downscaledSize(1280, 720, 320)).toEqual({ width: 320, height: 180 })
    expect(downscaledSize(160, 120, 320)).toEqual({ width: 160, height: 120 })
    expect(previewSize({ width: 512, height: 384 }, 256)).toEqual({ width: 256, height: 192 })
  })

  it('counts results over the last second and gives the median latency', () => {
    const meter = createLiveMeter(1000)
    let last = { fps: 0, latencyMs: 0 }
    for (let i = 0; i < 40; i++) last = meter.add(i * 50 - (i % 2 ? 80 : 60), i * 50)
    expect(last.fps).toBe(21)
    expect(last.latencyMs).toBe(80)
  })
})
