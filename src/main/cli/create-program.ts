import { Command } from 'commander'
import { APP_VERSION } from '../core/app/app-version'
import { addAnalyzeCommand } from './analyze-command'
import { addDriveCommand } from './drive-command'
import { addGenerateCommand } from './generate-command'
import { addRenderCommand } from './render-command'

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
    // Usage errors are thrown (after commander prints them) so index.ts sets the exit status; set
    // before the commands are added, which copy it.
    .exitOverride()
    .addHelpText(
      'after',
      '\nExamples:\n  mimesis analyze portrait.jpg --overlay mesh.png\n  mimesis analyze driver.mp4 --json > driver.json\n' +
        '  mimesis render portrait.jpg --expr smile=0.8 --yaw 20 --out frame.png\n' +
        '  mimesis render portrait.jpg --preset turntable --out turntable.mp4\n' +
        '  mimesis render scene.mimesis --out scene.mp4\n' +
        '  mimesis drive actor.mp4 portrait.jpg --out driven.mp4\n' +
        '  mimesis generate scene.mimesis --idle --emotion joy --seed 7\n'
    )
  addAnalyzeCommand(program)
  addRenderCommand(program)
  addDriveCommand(program)
  addGenerateCommand(program)
  return program
}
