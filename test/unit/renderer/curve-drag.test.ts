import { describe, expect, it } from 'vitest'
import { createDocument, keyId, seconds, setKey, trackIdFor, type AnimationDocument } from '@shared/timeline'
import {
  formatValue,
  keyAfterDrag,
  type CurveGesture
} from '../../../src/renderer/src/components/timeline/curve-drag'
import { curveLayout, valueToY, yToValue } from '../../../src/renderer/src/components/timeline/curve-geometry'

const SMILE = trackIdFor('expression', 'smile')
const view = { start: 0, span: 4 }

function doc(): AnimationDocument {
  let d = createDocument({ expressionNames: ['smile'] })
  d = setKey(d, SMILE, seconds(1), 0.2, { newKeyId: () => keyId('a') }).document
  d = setKey(d, SMILE, seconds(2), 0.5, { newKeyId: () => keyId('b') }).document
  return setKey(d, SMILE, seconds(3), 0.1, { newKeyId: () => keyId('c') }).document
}

describe('dragging a key in the curve view', () => {
  const origin = doc()
  const track = origin.tracks.find((t) => t.id === SMILE)!
  const layout = curveLayout(track, view, 400, 200)
  const at = (x: number, y: number) => ({ x, y, layout, time: (x / 400) * 4, value: yToValue(y, layout) })
  const press = (): Extract<CurveGesture, { kind: 'key' }> => ({
    kind: 'key',
    origin,
    ref: { trackId: SMILE, keyId: keyId('b') },
    startX: 200,
    startY: valueToY(0.5, layout),
    moved: false,
    entered: false,
    onClick: 'none'
  })

  it('ignores a move under the click threshold', () => {
    const g = press()
    expect(keyAfterDrag(g, track, at(201, g.startY + 1), { view, keepTime: false })).toBeNull()
    expect(g.moved).toBe(false)
  })

  it('moves value and time, kept between the neighbours, and reads them out', () => {
    const g = press()
    const dragged = keyAfterDrag(g, track, at(380, valueToY(0.8, layout)), { view, keepTime: false })!
    const b = dragged.document.tracks.find((t) => t.id === SMILE)!.keys.find((k) => k.id === 'b')!
    expect(b.value).toBeCloseTo(0.8, 5)
    expect(b.time).toBeGreaterThan(2)
    expect(b.time).toBeLessThan(3)
    expect(dragged.readout?.text).toContain('0.80')
  })

  it('keeps the time with Shift', () => {
    const dragged = keyAfterDrag(press(), track, at(380, valueToY(0.3, layout)), { view, keepTime: true })!
    const b = dragged.document.tracks.find((t) => t.id === SMILE)!.keys.find((k) => k.id === 'b')!
    expect(b.time).toBe(2)
    expect(b.value).toBeCloseTo(0.3, 5)
  })

  it('labels camera angles in degrees and zoom as a factor', () => {
    expect(formatValue({ kind: 'camera', name: 'yaw' }, 12.345)).toBe('12.3°')
    expect(formatValue({ kind: 'camera', name: 'zoom' }, 1.5)).toBe('1.50×')
    expect(formatValue({ kind: 'expression', name: 'smile' }, 0.5)).toBe('0.50')
  })
})
