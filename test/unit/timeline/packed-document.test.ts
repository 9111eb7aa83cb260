import { describe, expect, it } from 'vitest'
import { INTERPOLATIONS, packDocument, packKeys, unpackDocument, unpackKeys } from '@shared/timeline'
import { docWith, JAW, key, SMILE, YAW } from './doc-builder'

describe('packed documents', () => {
  const handles = { out: { dt: 0.2, dv: 0.1 }, in: { dt: 0.4, dv: -0.3 } }
  const document = docWith({
    [SMILE]: INTERPOLATIONS.map((interpolation, i) => key(`s${i}`, i / 30, i / 10 - 0.25, interpolation)),
    [JAW]: [key('j0', 0, 0.2, 'bezier', handles), key('j1', 1, 0.9), key('j2', 2, 0.1, 'linear', handles)],
    [YAW]: [key('y0', 0.5, -12.5, 'hold')]
  })

  it('gives back the same document, handles and every interpolation included', () => {
    expect(unpackDocument(packDocument(document))).toEqual(document)
  })

  it('carries keys as typed columns and only the keys with handles as objects', () => {
    const jaw = packDocument(document).tracks.find((t) => t.id === JAW)!.keys
    expect(jaw.times).toBeInstanceOf(Float64Array)
    expect([...jaw.times]).toEqual([0, 1, 2])
    expect([...jaw.values]).toEqual([0.2, 0.9, 0.1])
    expect(jaw.handles.map(([i]) => i)).toEqual([0, 2])
    expect(structuredClone(jaw)).toEqual(jaw)
  })

  it('refuses columns of different lengths and unknown interpolation codes', () => {
    const packed = packKeys([key('a', 0, 1), key('b', 1, 2)])
    expect(() => unpackKeys({ ...packed, values: new Float64Array(1) })).toThrow(/different lengths/)
    expect(() => unpackKeys({ ...packed, interpolations: Uint8Array.of(0, 200) })).toThrow(/interpolation/)
  })
})
