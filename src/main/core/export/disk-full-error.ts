import { MimesisError } from '@shared/errors/mimesis-error'
export class DiskFullError extends MimesisError {
  override readonly name = 'DiskFullError'

  constructor(
    readonly outPath: string,
    /** Bytes written before the disk filled up, when known. */
    readonly bytesWritten: number | null,
    /** Free bytes on the output volume when the export started, when known. */
    readonly bytesAvailableAtStart: number | null
  ) {
    const parts = [`The disk is full: could not finish writing ${outPath}.`]
    if (bytesWritten != null) parts.push(`The export needed more than ${formatBytes(bytesWritten)}`)
    if (bytesAvailableAtStart != null) {
      parts.push(
        `${bytesWritten != null ? 'and' : 'The volume had'} ${formatBytes(bytesAvailableAtStart)} free.`
      )
    } else if (bytesWritten != null) {
      parts[parts.length - 1] += '.'
    }
    parts.push('Free up space or choose another folder, then export again.')
    super('disk-full', parts.join(' '))
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(2)} GB`
}
