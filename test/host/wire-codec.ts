// Framing for the test host's WebSocket: JSON with binary parts (byte and number arrays) carried out of band, so
// preview frames and packed keys cross the socket as raw bytes, as they cross Electron IPC by structured clone.
// Frame layout: [u32 json length][json utf-8][u32 len][bytes]... all little-endian.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

const BIN_KEY = '__mimesisBinary'
/** The array type of a binary part that is not a Uint8Array. */
const TYPE_KEY = '__mimesisArray'
const NUMBER_ARRAYS = { Float64Array, Float32Array, Int32Array, Uint32Array, Uint16Array, Int16Array }
type NumberArrayName = keyof typeof NUMBER_ARRAYS

function numberArrayName(value: unknown): NumberArrayName | null {
  for (const [name, type] of Object.entries(NUMBER_ARRAYS))
    if (value instanceof type) return name as NumberArrayName
  return null
}

function extract(value: unknown, parts: Uint8Array[]): Json {
  if (value instanceof Uint8Array) {
    parts.push(value)
    return { [BIN_KEY]: parts.length - 1 }
  }
  const arrayName = numberArrayName(value)
  if (arrayName) {
    const array = value as InstanceType<(typeof NUMBER_ARRAYS)[NumberArrayName]>
    parts.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength))
    return { [BIN_KEY]: parts.length - 1, [TYPE_KEY]: arrayName }
  }
  if (Array.isArray(value)) {
    // An array of plain values (a packed document's 50,000 key ids) goes as it is, without a call per element.
    if (value.every((v) => v === null || (typeof v !== 'object' && v !== undefined))) return value as Json[]
    return value.map((v) => extract(v, parts))
  }
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Json } = {}
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = extract(v, parts)
    return out
  }
  if (value === undefined) return null
  return value as Json
}

function restore(value: Json, parts: Uint8Array[]): unknown {
  if (Array.isArray(value)) return value.map((v) => restore(v, parts))
  if (value !== null && typeof value === 'object') {
    const index = value[BIN_KEY]
    if (typeof index === 'number' && Object.keys(value).length === 1) return parts[index]
    const arrayName = value[TYPE_KEY]
    if (typeof index === 'number' && typeof arrayName === 'string' && arrayName in NUMBER_ARRAYS) {
      // Parts are fresh copies starting at offset 0, so every element type is aligned.
      const part = parts[index]!
      const type = NUMBER_ARRAYS[arrayName as NumberArrayName]
      return new type(part.buffer as ArrayBuffer, part.byteOffset, part.byteLength / type.BYTES_PER_ELEMENT)
    }
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = restore(v, parts)
    return out
  }
  return value
}

export function encodeMessage(message: unknown): Uint8Array {
  const parts: Uint8Array[] = []
  const json = new TextEncoder().encode(JSON.stringify(extract(message, parts)))
  const total = 4 + json.byteLength + parts.reduce((sum, p) => sum + 4 + p.byteLength, 0)
  const out = new Uint8Array(total)
  const view = new DataView(out.buffer)
  view.setUint32(0, json.byteLength, true)
  out.set(json, 4)
  let offset = 4 + json.byteLength
  for (const part of parts) {
    view.setUint32(offset, part.byteLength, true)
    out.set(part, offset + 4)
    offset += 4 + part.byteLength
  }
  return out
}

export function decodeMessage(frame: Uint8Array): unknown {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength)
  const jsonLength = view.getUint32(0, true)
  const json = JSON.parse(new TextDecoder().decode(frame.subarray(4, 4 + jsonLength))) as Json
  const parts: Uint8Array[] = []
  let offset = 4 + jsonLength
  while (offset < frame.byteLength) {
    const length = view.getUint32(offset, true)
    parts.push(frame.slice(offset + 4, offset + 4 + length))
    offset += 4 + length
  }
  return restore(json, parts)
}
