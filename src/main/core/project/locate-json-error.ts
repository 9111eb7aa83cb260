// V8's JSON.parse messages only sometimes include a position ("... is not valid JSON" has none on
// Node 20), so the position of a syntax error is found by a small JSON scanner that only validates.

export interface JsonErrorLocation {
  /** 0-based character offset. */
  readonly offset: number
  /** 1-based line and column. */
  readonly line: number
  readonly column: number
  readonly message: string
}

class JsonScanError extends Error {
  constructor(
    readonly offset: number,
    message: string
  ) {
    super(message)
  }
}

/** Location of the first JSON syntax error in `text`, or null when it is valid JSON. */
export function locateJsonError(text: string): JsonErrorLocation | null {
  let i = 0
  const fail = (message: string): never => {
    throw new JsonScanError(i, message)
  }
  const ws = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r'))
      i++
  }
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length
    else fail(`unexpected ${describe(text[i])}`)
  }
  const string = (): void => {
    i++
    while (i < text.length) {
      const c = text[i]!
      if (c === '"') {
        i++
        return
      }
      if (c === '\\') {
        const e = text[i + 1]
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('bad \\u escape in string')
          i += 6
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2
        else fail('bad escape in string')
      } else if (c < ' ') fail('control character in string')
      else i++
    }
    fail('unterminated string')
  }
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400))
    if (!match || match[0] === '' || match[0] === '-') fail(`unexpected ${describe(text[i])}`)
    i += match![0].length
  }
  const value = (depth: number): void => {
    if (depth > 10_000) fail('nesting too deep')
    ws()
    const c = text[i]
    if (c === '{') {
      i++
      ws()
      if (text[i] === '}') {
        i++
        return
      }
      for (;;) {
        ws()
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe(text[i])}`)
        string()
        ws()
        if (text[i] !== ':') fail(`expected ':' after the property name, found ${describe(text[i])}`)
        i++
        value(depth + 1)
        ws()
        if (text[i] === ',') i++
        else if (text[i] === '}') {
          i++
          return
        } else fail(`expected ',' or '}', found ${describe(text[i])}`)
      }
    } else if (c === '[') {
      i++
      ws()
      if (text[i] === ']') {
        i++
        return
      }
      for (;;) {
        value(depth + 1)
        ws()
        if (text[i] === ',') i++
        else if (text[i] === ']') {
          i++
          return
        } else fail(`expected ',' or ']', found ${describe(text[i])}`)
      }
    } else if (c === '"') string()
    else if (c === 't') literal('true')
    else if (c === 'f') literal('false')
    else if (c === 'n') literal('null')
    else number()
  }
  try {
    value(0)
    ws()
    if (i < text.length) fail(`unexpected ${describe(text[i])} after the end of the JSON value`)
    return null
  } catch (error) {
    if (!(error instanceof JsonScanError)) throw error
    return { offset: error.offset, ...lineAndColumn(text, error.offset), message: error.message }
  }
}

function describe(c: string | undefined): string {
  return c === undefined ? 'end of file' : `'${c}'`
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === '\n') {
      line++
      lineStart = k + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}
