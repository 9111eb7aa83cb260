/** One self-overwriting status line on a terminal; plain lines (at most one a second) elsewhere. */
export function createProgressLine(stream: NodeJS.WriteStream) {
  let last = 0
  let shown = false
  return {
    update(text: string) {
      const now = Date.now()
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${text}`)
        shown = true
      } else if (now - last >= 1000) {
        stream.write(`${text}\n`)
        last = now
      }
    },
    done() {
      if (shown) stream.write('\n')
      shown = false
    }
  }
}
