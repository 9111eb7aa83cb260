/**
 * Line and column (1-based) of the first syntax error in `text`, or null when it is valid JSON.
 * V8's JSON.parse messages do not always carry a position, so this walks the text itself.
 */
export function jsonErrorPosition(text: string): { line: number; column: number; offset: number } | null {
  const offset = firstJsonErrorOffset(text)
  if (offset === null) return null
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  const column = offset - before.lastIndexOf('\n')
  return { line, column, offset }
}

/** Offset of the first character that makes `text` invalid JSON (text.length when it ends too early). */
function firstJsonErrorOffset(text: string): number | null {
  let i = 0
  const fail = (at: number): never => {
    throw new JsonSyntaxAt(at)
  }
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++
  }
  const literal = (word: string): void => {
    for (let k = 0; k < word.length; k++, i++) if (text[i] !== word[k]) fail(i)
  }
  const string = (): void => {
    i++ // opening quote
    while (i < text.length) {
      const c = text[i]!
      if (c === '"') {
        i++
        return
      }
      if (c === '\\') {
        const e = text[i + 1]
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail(i + 2)
          i += 6
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2
        else fail(i + 1)
      } else if (c < ' ') fail(i)
      else i++
    }
    fail(i)
  }
  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400))
    if (!m || m[0].length === 0) fail(i)
    i += m![0].length
  }
  const value = (): void => {
    ws()
    const c = text[i]
    if (c === undefined) fail(i)
    else if (c === '{') {
      i++
      ws()
      if (text[i] === '}') {
        i++
        return
      }
      for (;;) {
        ws()
        if (text[i] !== '"') fail(i)
        string()
        ws()
        if (text[i] !== ':') fail(i)
        i++
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === '}') {
          i++
          return
        } else fail(i)
      }
    } else if (c === '[') {
      i++
      ws()
      if (text[i] === ']') {
        i++
        return
      }
      for (;;) {
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === ']') {
          i++
          return
        } else fail(i)
      }
    } else if (c === '"') string()
    else if (c === 't') literal('true')
    else if (c === 'f') literal('false')
    else if (c === 'n') literal('null')
    else number()
  }
  try {
    value()
    ws()
    if (i < text.length) fail(i)
    return null
  } catch (error) {
    if (error instanceof JsonSyntaxAt) return Math.min(error.offset, text.length)
    throw error
  }
}

class JsonSyntaxAt {
  constructor(readonly offset: number) {}
}
