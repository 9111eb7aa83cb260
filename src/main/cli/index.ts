// `mimesis`: the headless command-line entry. It uses the same Node core as the studio, never Electron.
import { CommanderError } from 'commander'
import { createProgram } from './create-program'
import { MimesisError } from '@shared/errors/mimesis-error'
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
    // Every domain error is a MimesisError, written for people; anything else is a bug: its stack helps.
    if (error instanceof MimesisError) {
      process.stderr.write(`mimesis: ${error.message}\n`)
      if (error instanceof MimesisError && error.detail) process.stderr.write(`${error.detail}\n`)
    } else {
      process.stderr.write(
        `mimesis: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
      )
    }
    process.exitCode = exitCodeFor(error)
  })
