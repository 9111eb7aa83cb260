// Inputs for loaders of JSON files: arbitrary text and bytes, and valid documents with one value replaced by
// something hostile (deep nesting, huge arrays and strings, wrong types, extreme numbers) and then, sometimes,
// the text itself damaged (cut short, a character added or removed: unbalanced brackets, broken strings).
import fc from 'fast-check'

/** Hostile JSON texts to put in place of one value. */
export function hostileJsonFragment(): fc.Arbitrary<string> {
  const deep = fc.integer({ min: 1, max: 5000 })
  return fc.oneof(
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'null'),
    fc.constantFrom(
      '1e308',
      '-1e308',
      '1e400',
      '-1e400',
      '5e-324',
      '-0',
      '1e6',
      '-1e6',
      '123456789012345678901234567890',
      '0.30000000000000004',
      'true',
      'null',
      '""',
      '{}',
      '[]',
      '"NaN"',
      '"Infinity"'
    ),
    deep.map((n) => `${'['.repeat(n)}0${']'.repeat(n)}`),
    deep.map((n) => `${'{"a":'.repeat(n)}"mimesis-project"${'}'.repeat(n)}`),
    fc
      .tuple(fc.integer({ min: 1000, max: 60_000 }), fc.constantFrom('0', '{}', '"x"', '[0]', 'null'))
      .map(([n, item]) => `[${new Array<string>(n).fill(item).join(',')}]`),
    fc.integer({ min: 1000, max: 2_000_000 }).map((n) => JSON.stringify('x'.repeat(n)))
  )
}

/** Every path (keys and indices) to a value inside `value`, the root excluded. */
export function pathsOf(value: unknown, prefix: readonly (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return []
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, i) => [i, item])
    : Object.entries(value)
  return entries.flatMap(([key, item]) => [[...prefix, key], ...pathsOf(item, [...prefix, key])])
}

const PLACEHOLDER = '"__fuzz_placeholder__"'

/** `document` as JSON text with the value at `path` replaced by the JSON text `fragment`. */
export function replaceAt(document: unknown, path: readonly (string | number)[], fragment: string): string {
  const copy = structuredClone(document)
  let parent = copy as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>
  parent[path[path.length - 1]!] = JSON.parse(PLACEHOLDER)
  return JSON.stringify(copy).replace(PLACEHOLDER, () => fragment)
}

/** A change to the text itself: cut it, add a character, or remove a stretch. */
function damage(text: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.nat({ max: text.length }).map((at) => text.slice(0, at)),
    fc
      .tuple(fc.nat({ max: text.length }), fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '\\', '\u0000'))
      .map(([at, c]) => text.slice(0, at) + c + text.slice(at)),
    fc
      .tuple(fc.nat({ max: text.length }), fc.integer({ min: 1, max: 40 }))
      .map(([at, n]) => text.slice(0, at) + text.slice(at + n))
  )
}

/** Valid `documents` with one value replaced by a hostile fragment, and about one in four then damaged. */
export function mutatedJsonText(documents: readonly unknown[]): fc.Arbitrary<string> {
  const paths = documents.map((document) => pathsOf(document))
  const replaced = fc
    .integer({ min: 0, max: documents.length - 1 })
    .chain((d) =>
      fc
        .tuple(fc.constantFrom(...paths[d]!), hostileJsonFragment())
        .map(([path, fragment]) => replaceAt(documents[d], path, fragment))
    )
  return fc.oneof(
    { arbitrary: replaced, weight: 3 },
    { arbitrary: replaced.chain((text) => damage(text)), weight: 1 }
  )
}

/** Any text: arbitrary strings, arbitrary bytes decoded as UTF-8, and arbitrary JSON values. */
export function arbitraryText(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength: 2000 }),
    fc.uint8Array({ maxLength: 4000 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
    fc.jsonValue({ maxDepth: 6 }).map((value) => JSON.stringify(value) ?? '')
  )
}
