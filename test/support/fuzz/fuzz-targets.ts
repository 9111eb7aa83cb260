// The fuzz targets: the project loader, the pack manifest loader, every IPC invoke channel through
// dispatchInvoke, and the CLI's option parsers.
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import fc from 'fast-check'
import { invokeChannels, type InvokeMethod } from '../../../src/shared/ipc/channels'
import type { InvokeEnvelope } from '../../../src/shared/ipc/api'
import { CAMERA_PARAMS, packDocument, type AnimationDocument } from '../../../src/shared/timeline'
import { parseProjectText } from '../../../src/main/core/project/parse-project-text'
import { parsePerformanceFile, serializePerformanceFile } from '../../../src/shared/performance'
import { performanceOf } from '../../unit/performance/series-builder'
import { parseManifest } from '../../../src/main/core/engine/load-pack'
import { dispatchInvoke } from '../../../src/main/core/ipc/dispatch'
import type { HandlerMap } from '../../../src/main/core/ipc/create-handlers'
import type { Logger } from '../../../src/main/core/app/logger'
import { parseDecimal, parsePositiveInt, parseThreads } from '../../../src/main/cli/parse-options'
import { parseIntensity } from '../../../src/main/cli/drive-command'
import {
  cameraValueParser,
  checkDirectionNames,
  outputKindOf,
  parseExpressionList,
  parseFaceNumber,
  parseFps,
  parseSeconds,
  parseSize
} from '../../../src/main/cli/render-options'
import { arbitraryText, hostileJsonFragment, mutatedJsonText } from './json-fragments'
import { checkMessage, type FuzzTarget } from './fuzz-target'

const ROOT = resolve(__dirname, '..', '..', '..')
const readJson = (path: string): unknown => JSON.parse(readFileSync(join(ROOT, path), 'utf8'))

const PROJECT_FIXTURES = [
  'test/fixtures/projects/v0-reference-portrait.mimesis',
  'test/fixtures/projects/v1-reference-portrait.mimesis',
  'test/fixtures/projects/v2-embedded-portrait.mimesis'
].map(readJson)

export const projectLoaderTarget: FuzzTarget<string> = {
  name: 'project loader (parse + migrate + validate)',
  inputs: fc.oneof(
    { arbitrary: arbitraryText(), weight: 1 },
    { arbitrary: mutatedJsonText(PROJECT_FIXTURES), weight: 4 }
  ),
  run: (text) => parseProjectText('fuzz.mimesis', text)
}

const PERFORMANCE_FILE = JSON.parse(
  serializePerformanceFile(
    performanceOf(
      2.5,
      [
        {
          kind: 'expression',
          name: 'jawOpen',
          keys: [
            { time: 0, value: 0 },
            { time: 2.4, value: -1 }
          ]
        },
        { kind: 'camera', name: 'yaw', keys: [{ time: 0.5, value: 12.5 }] }
      ],
      { sourceName: 'take.mov', fps: 30, referenceTimeSec: 0.4, gaps: [{ start: 1, end: 1.5 }] }
    ),
    new Date('2026-12-06T00:00:00.000Z')
  )
) as unknown

export const performanceFileTarget: FuzzTarget<string> = {
  name: 'performance file loader',
  inputs: fc.oneof(
    { arbitrary: arbitraryText(), weight: 1 },
    { arbitrary: mutatedJsonText([PERFORMANCE_FILE]), weight: 4 }
  ),
  run: (text) => parsePerformanceFile(text)
}

const PACK_MANIFEST = readJson('resources/packs/builtin/manifest.json')

export const packManifestTarget: FuzzTarget<string> = {
  name: 'pack manifest loader',
  inputs: fc.oneof(
    { arbitrary: arbitraryText(), weight: 1 },
    { arbitrary: mutatedJsonText([PACK_MANIFEST]), weight: 4 }
  ),
  run: (text) => parseManifest('manifest.json', text)
}

const silentLogger: Logger = {
  log: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  flush: () => Promise.resolve()
}

/** Handlers that accept every validated request: only the validation in front of them is under test. */
const acceptingHandlers = new Proxy(
  {},
  { get: () => (): Promise<undefined> => Promise.resolve(undefined) }
) as HandlerMap

/** A JSON value with a hostile fragment somewhere in it, or anything at all (functions, symbols, cycles aside). */
const hostilePayload: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 4, withNullPrototype: true, withBigInt: true, withMap: true, withSet: true }),
  hostileJsonFragment().map((text) => JSON.parse(text) as unknown),
  fc
    .tuple(fc.string({ maxLength: 30 }), hostileJsonFragment())
    .map(([key, text]) => ({ [key]: JSON.parse(text) as unknown, token: JSON.parse(text) as unknown }))
)

const TOKEN = 'fuzz-token-0123456789'
const CURRENT_DOCUMENT = (PROJECT_FIXTURES[2] as { document: unknown }).document

/**
 * Valid requests of the channels whose payloads are deepest, for the fuzzer to damage one value of; documents
 * unpacked (see asSent).
 */
export const VALID_IPC_PAYLOADS: readonly { channel: string; payload: unknown }[] = [
  {
    channel: invokeChannels.saveProject,
    payload: {
      projectToken: null,
      saveAs: false,
      portraitToken: TOKEN,
      faceIndex: 0,
      document: CURRENT_DOCUMENT
    }
  },
  {
    channel: invokeChannels.writeAutosave,
    payload: {
      projectToken: TOKEN,
      portraitToken: TOKEN,
      faceIndex: 0,
      document: CURRENT_DOCUMENT,
      audio: null
    }
  },
  {
    channel: invokeChannels.renderPreview,
    payload: {
      expression: { smile: 0.5, jawOpen: -0.2 },
      camera: { yaw: 10, pitch: 0, roll: 0, zoom: 1, panX: 0, panY: 0 },
      width: 256,
      height: 256,
      view: 'color'
    }
  }
]

/** JSON text as a value; text that no longer parses is sent as the string it is. */
function parsedOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

/**
 * A request as the studio sends it: a document it carries packed (`packDocument`), as the renderer does for
 * saves, autosaves and exports. The fuzzer damages the document's JSON, then packs what it can.
 */
export function asSent(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null || !('document' in payload)) return payload
  try {
    return { ...payload, document: packDocument((payload as { document: AnimationDocument }).document) }
  } catch {
    return payload
  }
}

const damagedValidRequest = fc.oneof(
  ...VALID_IPC_PAYLOADS.map(({ channel, payload }) =>
    mutatedJsonText([payload]).map((text) => ({
      channel: channel as unknown,
      payload: asSent(parsedOrText(text))
    }))
  )
)

export const ipcDispatchTarget: FuzzTarget<{ channel: unknown; payload: unknown }> = {
  name: 'IPC invoke payloads (dispatchInvoke)',
  inputs: fc.oneof(
    fc.record({
      channel: fc.oneof(
        { arbitrary: fc.constantFrom(...Object.values(invokeChannels)), weight: 8 },
        { arbitrary: fc.oneof(fc.string({ maxLength: 100_000 }), fc.anything({ maxDepth: 1 })), weight: 1 }
      ),
      payload: hostilePayload
    }),
    damagedValidRequest
  ),
  run: ({ channel, payload }) => dispatchInvoke(acceptingHandlers, channel, payload, silentLogger),
  checkResult: (result) => {
    const envelope = result as InvokeEnvelope
    if (envelope.ok) return
    if (typeof envelope.error.code !== 'string' || typeof envelope.error.message !== 'string') {
      throw new Error(`envelope without a code and message: ${JSON.stringify(envelope).slice(0, 200)}`)
    }
    checkMessage(envelope.error.message)
  }
}

/** The methods fuzzed through `ipcDispatchTarget` (every invoke channel). */
export const IPC_METHODS = Object.keys(invokeChannels) as InvokeMethod[]

const cliParsers: readonly ((value: string) => unknown)[] = [
  parseDecimal,
  parsePositiveInt,
  parseThreads,
  (value) => parseExpressionList(value),
  parseSize,
  parseFps,
  parseSeconds,
  parseFaceNumber,
  parseIntensity,
  outputKindOf,
  (value) => checkDirectionNames({ [value]: 0 }, ['smile', 'jawOpen', 'eyesWide']),
  ...CAMERA_PARAMS.map((param) => cameraValueParser(param))
]

const numberLike = fc.oneof(
  fc.double().map(String),
  fc.integer().map(String),
  fc.constantFrom(
    '0x10',
    '1e308',
    '-1e400',
    'Infinity',
    'NaN',
    '',
    ' ',
    '1_000',
    '١',
    '0b1',
    '.5',
    '5.',
    '+-1'
  ),
  fc.stringMatching(/^[+-]?\d{0,400}(\.\d{0,40})?([eE][+-]?\d{0,5})?$/)
)

export const cliOptionTarget: FuzzTarget<{ parser: number; value: string }> = {
  name: 'CLI option parsers',
  inputs: fc.record({
    parser: fc.integer({ min: 0, max: cliParsers.length - 1 }),
    value: fc.oneof(
      numberLike,
      numberLike.map((n) => `smile=${n},jawOpen=${n}`),
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.integer({ min: 1000, max: 131_072 }).map((n) => 'x'.repeat(n)),
      fc.integer({ min: 1000, max: 131_072 }).map((n) => `smile=${'9'.repeat(n)}`),
      fc.integer({ min: 1000, max: 131_072 }).map((n) => `${'a'.repeat(n)}.png`)
    )
  }),
  run: ({ parser, value }) => cliParsers[parser]!(value)
}
