import { MimesisError } from '@shared/errors/mimesis-error'

/**
 * An image sequence's folder already holds an earlier sequence, which the export replaces only when asked to (the
 * studio asks the user; the CLI needs --overwrite), so that two exports never mix in one folder.
 */
export class OutputExistsError extends MimesisError {
  override readonly name = 'OutputExistsError'

  constructor(
    readonly outPath: string,
    /** Entries in the folder now. */
    readonly entryCount: number,
    how: string
  ) {
    super(
      'output-exists',
      `The folder ${outPath} already holds ${entryCount} file${entryCount === 1 ? '' : 's'}. ${how}`
    )
  }
}
