import { type Command, InvalidArgumentError, Option } from 'commander'
import { DRIVE_MODES } from '../core/drive/retarget-driver'
import { DEFAULT_DRIVE_SIZE, resolveDriveJob, type DriveCliOptions } from './drive-job'
import { parseDecimal, parseThreads, quoteArgument } from './parse-options'
import { parseFaceNumber, parseFps, parseSize } from './render-options'
import { runDrive, type DriveSummary } from './run-drive'
import { runWithProgress } from './run-with-progress'

/** `--intensity`: a multiplier of the driver's expressions, 0 to 2. */
export function parseIntensity(value: string): number {
  const n = parseDecimal(value)
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 2) {
    throw new InvalidArgumentError(`expected a multiplier from 0 to 2, got ${quoteArgument(value)}`)
  }
  return n
}

export function addDriveCommand(program: Command): void {
  program
    .command('drive')
    .description(
      "animate portraits with the expression and head motion of a driving video (identity-free: only the driver's change carries over)"
    )
    .argument('<driving-video>', 'a video of a face (MP4, MOV, WebM, MKV, AVI)')
    .argument('<portrait...>', 'one or more portraits to drive; the driver is tracked once')
    .option(
      '-o, --out <file>',
      'output video for one portrait: .mp4 (H.264), .mov (ProRes 4444), .webm or .gif'
    )
    .option('--out-dir <folder>', 'several portraits: each is written to <folder>/<portrait name>.mp4')
    .option('--size <px>', `each side of the output (default ${DEFAULT_DRIVE_SIZE})`, parseSize)
    .option('--fps <n>', "frames per second (default: the driver's own)", parseFps)
    .addOption(new Option('--mode <mode>', 'what carries over (default both)').choices([...DRIVE_MODES]))
    .option('--intensity <x>', 'multiplies the expressions, 0…2 (default 1)', parseIntensity)
    .option(
      '--reference <auto|seconds>',
      "the driver's neutral frame: auto picks the most neutral one (default), or a time in seconds"
    )
    .addOption(
      new Option('--smooth <on|off>', 'smooth the tracked motion (default on)').choices(['on', 'off'])
    )
    .option(
      '--driver-face <n>',
      'which face of the driver to follow when it shows several, 1 = the largest (default 1)',
      parseFaceNumber
    )
    .option('--no-audio', "leave the driver's sound out")
    .option('--dense', 'keep one key per driver frame instead of the fewest within 0.01 and 0.2°')
    .option('--save-project <file.mimesis>', 'also save the driven project, to edit in the studio')
    .addOption(
      new Option('--quality <q>', 'encoder quality (default standard)').choices(['draft', 'standard', 'high'])
    )
    .option('--threads <n>', 'CPU threads for inference, 1…64', parseThreads, 2)
    .option('--json', 'print the result as JSON on stdout')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  mimesis drive actor.mp4 portrait.jpg --out driven.mp4\n' +
        '  mimesis drive actor.mp4 a.jpg b.png c.jpg --out-dir driven/ --mode expression --intensity 1.2\n' +
        '  mimesis drive actor.mp4 portrait.jpg --out driven.mp4 --reference 2.5 --save-project driven.mimesis\n' +
        '\nCtrl-C (or SIGTERM) cancels: nothing is left under the output names, and the exit status is 130.\n'
    )
    .action(async (driver: string, portraits: string[], options: DriveCliOptions) => {
      const job = resolveDriveJob(driver, portraits, options)
      const summary = await runWithProgress(options.threads, (deps) => runDrive(job, deps))
      process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : `${describe(summary)}\n`)
    })
}

function describe(summary: DriveSummary): string {
  const lines = summary.outputs.map(
    (o) =>
      `wrote ${o.out}: ${o.portrait} driven by ${summary.driver}, ${o.frames} frames at ${o.width}x${o.height}, ` +
      `${o.fps} fps, ${o.keys} keys, in ${(o.elapsedMs / 1000).toFixed(1)} s` +
      (o.project ? `; project ${o.project}` : '')
  )
  lines.push(
    `tracked ${summary.framesWithFace}/${summary.frames} frames with a face at ${summary.trackingFps} fps; ` +
      `reference frame at ${summary.referenceSec} s`
  )
  return lines.join('\n')
}
