// `mimesis`: the headless command-line entry. It uses the same Node core as the studio, never Electron.
import { CommanderError } from 'commander'
import { createProgram } from './create-program'
import { MimesisError } from '../core/app/mimesis-error'
import { EXIT_CODES, exitCodeFor } from './exit-code'
import { sweepStaleScratchDirs } from './scratch-dirs'

// Scratch folders a killed render or drive left behind (SIGKILL skips every cleanup) go at the next start.
void sweepStaleScratchDirs()

createProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    if (error instanceof CommanderError) {
      // Already printed by commander; help and --version end with 0.
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_CODES.usage
      return
    }
    if (isUserFacing(error)) {
      process.stderr.write(`mimesis: ${error.message}\n`)
      if (error instanceof MimesisError && error.detail) process.stderr.write(`${error.detail}\n`)
    } else {
      process.stderr.write(
        `mimesis: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
      )
    }
    process.exitCode = exitCodeFor(error)
  })

/**
 * Errors from the core that carry a stable, non-errno code have messages written for people; a MimesisError
 * always does (its code may look like an errno: ENGINE_PACK_INVALID).
 */
function isUserFacing(error: unknown): error is Error & { code: string } {
  if (error instanceof MimesisError) return true
  return (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    !/^E[A-Z0-9_]+$/.test(error.code)
  )
}
