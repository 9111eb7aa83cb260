import type { Command } from 'commander'
import { DEFAULT_BLINK_RATE, EMOTION_NAMES } from '@shared/generate'
import {
  parseBlinkRate,
  parseEmotion,
  parseEnergy,
  parseHeadMotion,
  parseSeed,
  parseTime
} from './generate-options'
import { parseSeconds } from './render-options'
import { runGenerate, type GenerateCliOptions, type GenerateSummary } from './run-generate'

export function addGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description(
      'write generated motion into a project as ordinary keys: idle life (blinks, gaze, head drift, breathing) and emotion arcs, reproducibly from a seed'
    )
    .argument(
      '<project.mimesis|portrait>',
      'the project to generate into (written in place unless --out is given), or a portrait to start a new project from (needs --out)'
    )
    .option(
      '--idle',
      'idle life: blinks, gaze shifts, slow head drift and breathing nods, faint expression drift'
    )
    .option(
      '--emotion <name[,onset,apex,offset[,intensity]] | name@from-to[,intensity]>',
      `an emotion arc (repeatable): ${EMOTION_NAMES.join(', ')}; times in seconds (neutral at onset, full at apex, neutral again at offset), or a span it rises and falls within, intensity 0…1 (default 1); without times it spans the range`,
      parseEmotion
    )
    .option('--seed <n>', 'the same seed and options give the same keys', parseSeed, 1)
    .option('--from <seconds>', 'start of the range (default: the work area’s start)', parseTime)
    .option('--to <seconds>', 'end of the range (default: the work area’s end)', parseTime)
    .option('--energy <x>', 'idle life: 0 calm … 1 lively (default 0.5)', parseEnergy)
    .option(
      '--blink-rate <n>',
      `idle life: blinks per minute (default ${DEFAULT_BLINK_RATE})`,
      parseBlinkRate
    )
    .option(
      '--head-motion <x>',
      'idle life: head motion, 0 still … 2 twice the usual (default 1)',
      parseHeadMotion
    )
    .option(
      '--speech <recording>',
      'a voice recording (WAV, MP3, AAC/M4A, or a video with sound): jaw, lips, nods and brows follow its loudness and rhythm (no phoneme-exact visemes); it becomes the project’s audio track'
    )
    .option(
      '--speech-at <seconds>',
      'when the recording starts on the document clock (default: the range’s start)',
      parseTime
    )
    .option(
      '--seconds <n>',
      'length of the new project when starting from a portrait (default: the recording’s length, else 10)',
      parseSeconds
    )
    .option('-o, --out <file.mimesis>', 'write the result to another project file instead')
    .option('--json', 'print the result as JSON on stdout')
    .addHelpText(
      'after',
      '\nKeys of the generated tracks inside the range are replaced; keys outside it and other tracks stay.\n' +
        'Emotion arcs layer over idle life. The project is written atomically (never half-written).\n' +
        '\nExamples:\n' +
        '  mimesis generate scene.mimesis --idle --seed 7\n' +
        '  mimesis generate portrait.jpg --idle --emotion joy@1-3 --speech voice.wav --seconds 20 --out scene.mimesis\n' +
        '  mimesis generate scene.mimesis --idle --emotion joy,1,2,4 --from 0 --to 6 --out lively.mimesis\n' +
        '  mimesis generate scene.mimesis --emotion surprise,0.5,0.8,2.5,0.7 --emotion doubt,3,4,6\n' +
        '  mimesis generate scene.mimesis --idle --speech line.wav --speech-at 0.5\n'
    )
    .action(async (project: string, options: GenerateCliOptions) => {
      const summary = await runGenerate(project, options)
      process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : `${describe(summary)}\n`)
    })
}

function describe(summary: GenerateSummary): string {
  const what = [
    ...(summary.idle ? ['idle life'] : []),
    ...summary.emotions.map((arc) => `${arc.emotion} ${arc.onsetSec}–${arc.offsetSec} s`),
    ...(summary.speech
      ? [
          `speech from ${summary.speech.file} at ${summary.speech.startSec} s (${summary.speech.syllables} syllables)`
        ]
      : [])
  ].join(', ')
  return (
    `wrote ${summary.out}: ${what} from ${summary.from} to ${summary.to} s, seed ${summary.seed}, ` +
    `${summary.keys} keys on ${summary.tracks.length} tracks`
  )
}
