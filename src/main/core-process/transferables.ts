/**
 * The ArrayBuffers inside `value` that can be handed over instead of copied: those of byte arrays that
 * span their whole buffer. A view into a larger buffer (Node's pooled Buffers, a slice of a cache) is
 * left out, because transferring it would detach memory the sender still uses elsewhere.
 */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>()
  collect(value, found, 0)
  return [...found]
}

/** Preview replies are a few levels deep at most; the limit keeps a cyclic value from looping. */
const MAX_DEPTH = 4

function collect(value: unknown, found: Set<ArrayBuffer>, depth: number): void {
  if (ArrayBuffer.isView(value)) {
    const { buffer } = value
    if (buffer instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === buffer.byteLength)
      found.add(buffer)
    return
  }
  if (depth >= MAX_DEPTH || typeof value !== 'object' || value === null) return
  for (const item of Object.values(value)) collect(item, found, depth + 1)
}
