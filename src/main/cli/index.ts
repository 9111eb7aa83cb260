// `mimesis`: the headless command-line entry. It uses the same Node core as the studio, never Electron.
import { createProgram } from './create-program'
import { MimesisError } from '../core/app/mimesis-error'

createProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    if (error instanceof MimesisError) {
      process.stderr.write(`mimesis: ${error.message}\n`)
      if (error.detail) process.stderr.write(`${error.detail}\n`)
    } else {
      process.stderr.write(
        `mimesis: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
      )
    }
    process.exitCode = error instanceof MimesisError && error.code === 'usage' ? 64 : 1
  })
