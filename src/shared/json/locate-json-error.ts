// V8's JSON.parse messages only sometimes include a position ("... is not valid JSON" has none on
// Node 20), so the position of a syntax error is found by a small JSON scanner that only validates.
// It is iterative (an explicit stack of open containers): a file of a hundred thousand '[' must get
// its message, not a stack overflow.

export interface JsonErrorLocation {
  /** 0-based character offset. */
  readonly offset: number
  /** 1-based line and column. */
  readonly line: number
  readonly column: number
  readonly message: string
}

/** Deeper nesting than this is reported as an error: no real project or manifest comes close. */
export const MAX_JSON_DEPTH = 100_000

class JsonScanError extends Error {
  constructor(
    readonly offset: number,
    message: string
  ) {
    super(message)
  }
}

type State = 'value' | 'key' | 'after'

/** Location of the first JSON syntax error in `text`, or null when it is valid JSON. */
export function locateJsonError(text: string): JsonErrorLocation | null {
  let i = 0
  const fail = (message: string, at = i): never => {
    throw new JsonScanError(at, message)
  }
  const ws = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r'))
      i++
  }
  const literal = (word: string): void => {
    for (let k = 0; k < word.length; k++, i++) {
      if (text[i] !== word[k]) fail(`unexpected ${describe(text[i])}`)
    }
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
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('bad \\u escape in string', i + 2)
          i += 6
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2
        else fail('bad escape in string', i + 1)
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
  // Open containers, innermost last: '{' or '['.
  const open: string[] = []
  let state: State = 'value'
  try {
    for (;;) {
      ws()
      if (state === 'value') {
        const c = text[i]
        if (c === '{' || c === '[') {
          if (open.length >= MAX_JSON_DEPTH) fail('nesting too deep')
          i++
          ws()
          if (text[i] === (c === '{' ? '}' : ']')) {
            i++
            state = 'after'
          } else {
            open.push(c)
            state = c === '{' ? 'key' : 'value'
          }
        } else {
          if (c === '"') string()
          else if (c === 't') literal('true')
          else if (c === 'f') literal('false')
          else if (c === 'n') literal('null')
          else number()
          state = 'after'
        }
      } else if (state === 'key') {
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe(text[i])}`)
        string()
        ws()
        if (text[i] !== ':') fail(`expected ':' after the property name, found ${describe(text[i])}`)
        i++
        state = 'value'
      } else {
        const top = open[open.length - 1]
        if (top === undefined) {
          if (i < text.length) fail(`unexpected ${describe(text[i])} after the end of the JSON value`)
          return null
        }
        const close = top === '{' ? '}' : ']'
        if (text[i] === ',') {
          i++
          state = top === '{' ? 'key' : 'value'
        } else if (text[i] === close) {
          i++
          open.pop()
        } else fail(`expected ',' or '${close}', found ${describe(text[i])}`)
      }
    }
  } catch (error) {
    if (!(error instanceof JsonScanError)) throw error
    const offset = Math.min(error.offset, text.length)
    return { offset, ...lineAndColumn(text, offset), message: error.message }
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
