import { Command } from 'commander'
import { APP_VERSION } from '../core/app/app-version'
import { addAnalyzeCommand } from './analyze-command'

export function createProgram(): Command {
  const program = new Command()
  program
    .name('mimesis')
    .description(
      'Mimesis Studio on the command line: analyse portraits and render animations headlessly, with the same engine as the studio.'
    )
    .version(APP_VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .showHelpAfterError('(run "mimesis --help" for usage)')
    .addHelpText(
      'after',
      '\nExamples:\n  mimesis analyze portrait.jpg --overlay mesh.png\n  mimesis analyze driver.mp4 --json > driver.json\n'
    )
  addAnalyzeCommand(program)
  return program
}
