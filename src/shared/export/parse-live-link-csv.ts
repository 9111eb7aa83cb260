// Reads rig curves in Live Link Face's CSV layout (`rig-curves-csv.ts` writes it; Epic's app records it on a phone):
// a header line naming the columns, then one line a frame. Only what the import needs is required: a Timecode column
// and numbers in every other column; the columns are found by name (case does not matter: the app writes
// EyeBlinkLeft, ARKit calls it eyeBlinkLeft), so a file with fewer or more columns than ours reads too.
import { MimesisError } from '../errors/mimesis-error'
import { LIVE_LINK_TIMECODE_RATE } from './rig-curves-csv'

/** A curves file that cannot be read: the message names the row and column at fault. */
export class CurvesFileError extends MimesisError {
  override readonly name = 'CurvesFileError'
  constructor(message: string) {
    super('curves-invalid', message)
  }
}

/** The curves of a CSV: sample times (seconds from the first row) and each numeric column by its header name. */
export interface CurveTable {
  /** Strictly increasing, the first 0. */
  readonly times: Float64Array
  /** Header name (as written) → one value per time. */
  readonly columns: ReadonlyMap<string, Float64Array>
}

/** At most this many frames (an hour at 60 fps); past it the file is refused rather than read. */
export const MAX_CURVE_ROWS = 216_000

const TIMECODE = /^(\d{1,3}):(\d{1,2}):(\d{1,2})[:;](\d{1,3})(?:\.(\d+))?$/

/**
 * Seconds of a Live Link Face timecode `HH:MM:SS:FF.fff`, FF.fff counting 1/60 s (`liveLinkTimecode`); null when the
 * text is not one.
 */
export function parseLiveLinkTimecode(text: string): number | null {
  const m = TIMECODE.exec(text.trim())
  if (!m) return null
  const [hours, minutes, secs, frames] = [m[1], m[2], m[3], m[4]].map(Number) as [
    number,
    number,
    number,
    number
  ]
  const fraction = m[5] === undefined ? 0 : Number(`0.${m[5]}`)
  if (minutes > 59 || secs > 59) return null
  return hours * 3600 + minutes * 60 + secs + (frames + fraction) / LIVE_LINK_TIMECODE_RATE
}

/** Where a cell is, for messages: "row 3 (line 4), column 7 "JawOpen"". */
function at(row: number, column: number, name: string): string {
  return `row ${row} (line ${row + 1}), column ${column + 1} "${name}"`
}

/**
 * Parses the CSV text (`name` is the file's, for messages). Rows whose time repeats the previous row's replace it
 * (the later sample wins); a row earlier than the previous one is refused. Throws a CurvesFileError naming the row
 * and the column at fault.
 */
export function parseLiveLinkCsv(text: string, name: string): CurveTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop()
  if (lines.length === 0) throw new CurvesFileError(`"${name}" is empty: it has no header line.`)
  const header = lines[0]!.split(',').map((c) => c.trim())
  const timeColumn = header.findIndex((c) => c.toLowerCase() === 'timecode')
  if (timeColumn < 0) {
    throw new CurvesFileError(
      `"${name}" is not a Live Link Face CSV: its header (line 1) has no Timecode column. ` +
        'Choose a CSV recorded by Live Link Face or exported as Rig curves · ARKit CSV.'
    )
  }
  const rows = lines.length - 1
  if (rows === 0) throw new CurvesFileError(`"${name}" has a header but no rows of curves.`)
  if (rows > MAX_CURVE_ROWS) {
    throw new CurvesFileError(
      `"${name}" has ${rows} rows; at most ${MAX_CURVE_ROWS} (an hour at 60 fps) are read.`
    )
  }
  const numeric = header.map((c, i) => i !== timeColumn && c.toLowerCase() !== 'blendshapecount')
  const values = header.map((_, i) => (numeric[i] ? new Float64Array(rows) : null))
  const times = new Float64Array(rows)
  let kept = 0
  for (let r = 1; r <= rows; r++) {
    const cells = lines[r]!.split(',')
    if (cells.length !== header.length) {
      throw new CurvesFileError(
        `"${name}": row ${r} (line ${r + 1}) has ${cells.length} values, but the header has ${header.length} columns.`
      )
    }
    const time = parseLiveLinkTimecode(cells[timeColumn]!)
    if (time === null) {
      throw new CurvesFileError(
        `"${name}": ${at(r, timeColumn, header[timeColumn]!)}: "${cells[timeColumn]!.slice(0, 40)}" is not a ` +
          'timecode (HH:MM:SS:FF.fff).'
      )
    }
    const previous = kept > 0 ? times[kept - 1]! : -Infinity
    if (time < previous - 1e-9) {
      throw new CurvesFileError(
        `"${name}": ${at(r, timeColumn, header[timeColumn]!)}: the time goes backwards.`
      )
    }
    const slot = time <= previous + 1e-9 ? kept - 1 : kept++
    times[slot] = time
    for (let c = 0; c < header.length; c++) {
      const column = values[c]
      if (!column) continue
      const cell = cells[c]!.trim()
      const value = cell === '' ? NaN : Number(cell)
      if (!Number.isFinite(value)) {
        throw new CurvesFileError(
          `"${name}": ${at(r, c, header[c]!)}: "${cell.slice(0, 40)}" is not a number.`
        )
      }
      column[slot] = value
    }
  }
  const start = times[0]!
  const columns = new Map<string, Float64Array>()
  header.forEach((c, i) => {
    const column = values[i]
    if (column) columns.set(c, column.slice(0, kept))
  })
  return { times: times.slice(0, kept).map((t) => t - start), columns }
}
