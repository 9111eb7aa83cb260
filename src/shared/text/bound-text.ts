// Every message built from file or request contents goes through here, so a 20 MB field in a project,
// a manifest or an IPC payload can never become a 20 MB error message (or log line).

/** Longest error message the app builds from untrusted input, in characters. */
export const MAX_MESSAGE_CHARS = 500

/**
 * `text` when it has at most `max` characters; otherwise its start and its end around a note of how much
 * was left out, `max` characters in all (a message's end usually says what to do, so it is kept).
 */
export function boundText(text: string, max: number): string {
  if (text.length <= max) return text
  const note = `… (${text.length - max} characters left out) …`
  const room = Math.max(0, max - note.length)
  const head = Math.ceil(room * 0.7)
  return `${text.slice(0, head)}${note}${text.slice(text.length - (room - head))}`
}
