import { describe, expect, it } from 'vitest'
import {
  type Performance,
  MAX_PERFORMANCE_KEYS_PER_TRACK,
  MAX_PERFORMANCE_TRACKS,
  PerformanceFileError,
  parsePerformanceFile,
  serializePerformanceFile
} from '@shared/performance'
import { performanceOf } from './series-builder'

const NOW = new Date('2025-03-04T05:06:07.089Z')

const PERF: Performance = performanceOf(
  2.5,
  [
    {
      kind: 'expression',
      name: 'jawOpen',
      keys: [
        { time: 0, value: 0 },
        { time: 1 / 30, value: 0.1234 },
        { time: 2.4, value: -1 }
      ]
    },
    { kind: 'camera', name: 'yaw', keys: [{ time: 0.5, value: 12.5 }] },
    { kind: 'expression', name: 'blinkL', keys: [] }
  ],
  { sourceName: 'take 3 – ünïcode.mov', fps: 29.97, referenceTimeSec: 0.4, gaps: [{ start: 1, end: 1.5 }] }
)

/** The file text of PERF, as a JSON object to break in place. */
function fileJson(): { [key: string]: unknown; performance: { [key: string]: unknown } } {
  return JSON.parse(serializePerformanceFile(PERF, NOW)) as {
    [key: string]: unknown
    performance: { [key: string]: unknown }
  }
}

function tracksOf(json: ReturnType<typeof fileJson>): { [key: string]: unknown; keys: unknown[] }[] {
  return json.performance.tracks as { [key: string]: unknown; keys: unknown[] }[]
}

function parseError(text: string): PerformanceFileError {
  try {
    parsePerformanceFile(text)
  } catch (error) {
    expect(error).toBeInstanceOf(PerformanceFileError)
    return error as PerformanceFileError
  }
  throw new Error('expected parsePerformanceFile to throw')
}

describe('performance file', () => {
  it('round-trips a performance exactly', () => {
    const text = serializePerformanceFile(PERF, NOW)
    expect(text.endsWith('\n')).toBe(true)
    expect(JSON.parse(text)).toMatchObject({
      format: 'mimesis-performance',
      version: 1,
      createdAt: '2025-03-04T05:06:07.089Z'
    })
    expect(parsePerformanceFile(text)).toEqual(PERF)
  })

  it('round-trips a large track', () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => ({
      time: i / 30,
      value: Math.round(Math.sin(i) * 1e4) / 1e4 + 0
    }))
    const big = performanceOf(50_000 / 30, [{ kind: 'expression', name: 'smile', keys }])
    expect(parsePerformanceFile(serializePerformanceFile(big, NOW))).toEqual(big)
  })

  const cases: { label: string; path: string; breakIt: (json: ReturnType<typeof fileJson>) => void }[] = [
    { label: 'wrong format', path: 'format', breakIt: (j) => (j.format = 'mimesis-keys') },
    { label: 'missing createdAt', path: 'createdAt', breakIt: (j) => delete j.createdAt },
    { label: 'bad createdAt', path: 'createdAt', breakIt: (j) => (j.createdAt = 'yesterday') },
    { label: 'zero fps', path: 'performance.fps', breakIt: (j) => (j.performance.fps = 0) },
    {
      label: 'negative duration',
      path: 'performance.durationSec',
      breakIt: (j) => (j.performance.durationSec = -1)
    },
    {
      label: 'unknown kind',
      path: 'performance.tracks[1].kind',
      breakIt: (j) => (tracksOf(j)[1]!.kind = 'lighting')
    },
    {
      label: 'unknown camera parameter',
      path: 'performance.tracks[1].name',
      breakIt: (j) => (tracksOf(j)[1]!.name = 'dolly')
    },
    {
      label: 'non-number value',
      path: 'performance.tracks[0].keys[1].value',
      breakIt: (j) => (tracksOf(j)[0]!.keys[1] = { time: 0.1, value: null })
    },
    {
      label: 'negative time',
      path: 'performance.tracks[0].keys[0].time',
      breakIt: (j) => (tracksOf(j)[0]!.keys[0] = { time: -0.5, value: 0 })
    },
    {
      label: 'unsorted keys',
      path: 'performance.tracks[0].keys[2].time',
      breakIt: (j) => (tracksOf(j)[0]!.keys[2] = { time: 0.01, value: 0 })
    },
    {
      label: 'repeated key time',
      path: 'performance.tracks[0].keys[1].time',
      breakIt: (j) => (tracksOf(j)[0]!.keys[1] = { time: 0, value: 0 })
    },
    {
      label: 'duplicate track',
      path: 'performance.tracks[2].name',
      breakIt: (j) => (tracksOf(j)[2]!.name = 'jawOpen')
    },
    {
      label: 'reversed gap',
      path: 'performance.gaps[0].end',
      breakIt: (j) => (j.performance.gaps = [{ start: 2, end: 1 }])
    },
    {
      label: 'too many tracks',
      path: 'performance.tracks',
      breakIt: (j) =>
        (j.performance.tracks = Array.from({ length: MAX_PERFORMANCE_TRACKS + 1 }, (_, i) => ({
          kind: 'expression',
          name: `e${i}`,
          keys: []
        })))
    },
    {
      label: 'too many keys',
      path: 'performance.tracks[0].keys',
      breakIt: (j) =>
        (tracksOf(j)[0]!.keys = Array.from({ length: MAX_PERFORMANCE_KEYS_PER_TRACK + 1 }, (_, i) => ({
          time: i,
          value: 0
        })))
    }
  ]

  it.each(cases)('rejects a file with $label, naming $path', ({ path, breakIt }) => {
    const json = fileJson()
    breakIt(json)
    const error = parseError(JSON.stringify(json))
    expect(error.path).toBe(path)
    expect(error.message).toContain(`${path}:`)
  })

  it('rejects 200,000 broken keys by the first one, with a coded error (zod overflowed the stack on them)', () => {
    const json = fileJson()
    tracksOf(json)[0]!.keys = new Array(200_000).fill({})
    const error = parseError(JSON.stringify(json))
    expect(error.path).toBe('performance.tracks[0].keys[0].time')
  })

  it('keeps its message within 500 characters when a camera track has an unknown 1000-character name (found by fuzzing)', () => {
    const json = fileJson()
    tracksOf(json)[1]!.name = 'x'.repeat(1000)
    const error = parseError(JSON.stringify(json))
    expect(error.message.length).toBeLessThanOrEqual(500)
    expect(error.path).toBe('performance.tracks[1].name')
  })

  it('rejects text that is not JSON, or not an object', () => {
    expect(parseError('{"format": ').message).toMatch(/\(root\): not JSON/)
    expect(parseError('[]').path).toBe('(root)')
  })

  it('says when a newer app wrote the file', () => {
    const json = fileJson()
    json.version = 2
    expect(parseError(JSON.stringify(json)).message).toMatch(/version: format v2 .*newer Mimesis Studio/)
  })

  it('refuses to write a performance that would not load', () => {
    const broken = performanceOf(1, [{ kind: 'expression', name: 'smile', keys: [{ time: 0, value: NaN }] }])
    expect(() => serializePerformanceFile(broken, NOW)).toThrow(/performance\.tracks\[0\]\.keys\[0\]\.value/)
  })
})
