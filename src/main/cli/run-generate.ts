// `mimesis generate`: loads a project (or starts one for a portrait), generates idle life, emotion arcs and
// speech over a range of its document (the same pure edit the studio commits) and writes it atomically.
import { dirname, extname, resolve } from 'node:path'
import { MimesisError } from '@shared/errors/mimesis-error'
import { BUILTIN_EXPRESSION_DIRECTIONS } from '@shared/engine/expression-directions'
import {
  DEFAULT_IDLE,
  defaultEmotionArc,
  generateIntoDocument,
  type EmotionArc,
  type GenerateOutcome,
  type GenerateRange,
  type GenerateSettings,
  type IdleLifeParams
} from '@shared/generate'
import { PROJECT_FILE_EXTENSION } from '@shared/project'
import { expressionNames, type AnimationDocument } from '@shared/timeline'
import { APP_VERSION } from '../core/app/app-version'
import { loadProject, saveProjectAtomic, withAbsolutePortraitPath } from '../core/project'
import type { EmotionOption } from './generate-options'
import { NEW_PROJECT_FPS, newProjectSeconds, projectForPortrait } from './generate-target'
import { readSpeechSource, type SpeechSource } from './speech-source'

/** Options of `mimesis generate` as commander hands them over: only what was given is set. */
export interface GenerateCliOptions {
  idle?: boolean
  emotion?: EmotionOption[]
  seed: number
  from?: number
  to?: number
  energy?: number
  blinkRate?: number
  headMotion?: number
  /** A voice recording: speech-like motion, and the project's audio track. */
  speech?: string
  /** Document time at which the recording starts (default: the range's start). */
  speechAt?: number
  /** Length of the new project when the input is a portrait, seconds. */
  seconds?: number
  out?: string
  json?: boolean
}

/** What `--json` prints. Seconds as named. */
export interface GenerateSummary {
  project: string
  out: string
  seed: number
  from: number
  to: number
  idle: IdleLifeParams | null
  emotions: EmotionArc[]
  /** The recording and where it plays, when --speech was given. */
  speech: { file: string; startSec: number; phrases: number; syllables: number } | null
  keys: number
  tracks: string[]
}

const usage = (message: string) => new MimesisError('usage', message)

/** Refuses a request that asks for nothing or names an output that is not a project. */
export function checkGenerateOptions(options: GenerateCliOptions): void {
  if (!options.idle && (options.emotion ?? []).length === 0 && options.speech === undefined) {
    throw usage('Say what to generate: --idle, --emotion <name>, --speech <recording>, or several.')
  }
  if (options.speech === undefined && options.speechAt !== undefined) {
    throw usage('--speech-at places a recording: add --speech <recording>.')
  }
  if (!options.idle && (options.energy ?? options.blinkRate ?? options.headMotion) !== undefined) {
    throw usage('--energy, --blink-rate and --head-motion shape idle life: add --idle.')
  }
  if (options.out !== undefined && extname(options.out).toLowerCase() !== PROJECT_FILE_EXTENSION) {
    throw usage(`--out ${options.out}: end the name in ${PROJECT_FILE_EXTENSION}.`)
  }
}

/** The range (default: the work area) and the generator's settings for a document. */
export function generateSettingsFor(
  document: AnimationDocument,
  options: GenerateCliOptions
): { range: GenerateRange; settings: GenerateSettings } {
  const { workArea } = document.settings
  const range = { from: options.from ?? workArea.in, to: options.to ?? workArea.out }
  const idle: IdleLifeParams | null = options.idle
    ? {
        energy: options.energy ?? DEFAULT_IDLE.energy,
        blinkRate: options.blinkRate ?? DEFAULT_IDLE.blinkRate,
        headMotion: options.headMotion ?? DEFAULT_IDLE.headMotion
      }
    : null
  const emotions = (options.emotion ?? []).map((option) => {
    const arc = defaultEmotionArc(option.emotion, option.span ?? range, option.intensity ?? 1)
    return option.times ? { ...arc, ...option.times } : arc
  })
  return { range, settings: { seed: options.seed, idle, emotions } }
}

/** A project file's name, or else a portrait's (which needs --out, and may take --seconds). */
function checkInput(input: string, options: GenerateCliOptions): boolean {
  const isProject = extname(input).toLowerCase() === PROJECT_FILE_EXTENSION
  if (isProject && options.seconds !== undefined) {
    throw usage('--seconds sets the length of a new project for a portrait: a project keeps its own length.')
  }
  if (!isProject && options.out === undefined) {
    throw usage(
      `${input} is a portrait, not a project: name the project to write with --out scene${PROJECT_FILE_EXTENSION}.`
    )
  }
  return isProject
}

export async function runGenerate(inputPath: string, options: GenerateCliOptions): Promise<GenerateSummary> {
  checkGenerateOptions(options)
  const input = resolve(inputPath)
  const out = resolve(options.out ?? inputPath)
  const isProject = checkInput(input, options)
  // The portrait is not needed to write keys: a project whose photo has moved can still be generated into.
  const loaded = isProject ? (await loadProject(input, { checkPortrait: false })).project : null
  const fps = loaded?.document.settings.fps ?? NEW_PROJECT_FPS
  const speech = options.speech ? await readSpeechSource(options.speech, fps) : null
  try {
    const project =
      loaded ??
      (await projectForPortrait(
        input,
        newProjectSeconds(
          options.seconds,
          speech && { durationSec: speech.features.loudness.length / fps, startSec: options.speechAt ?? 0 }
        )
      ))
    const { range, settings } = generateSettingsFor(project.document, options)
    const known = new Map(BUILTIN_EXPRESSION_DIRECTIONS.map((d) => [d.name, d]))
    const directions = expressionNames(project.document).map((name) => known.get(name) ?? { name })
    const speechAt = options.speechAt ?? range.from
    const outcome = generateIntoDocument(project.document, {
      settings,
      range,
      directions,
      ...(speech ? { speech: { features: speech.features, startSec: speechAt } } : {})
    })
    const moved =
      !isProject || dirname(out) === dirname(input)
        ? project
        : withAbsolutePortraitPath(project, dirname(input))
    await saveProjectAtomic(
      out,
      { ...moved, appVersion: APP_VERSION, modifiedAt: new Date().toISOString(), document: outcome.document },
      speech
        ? { audio: { path: speech.m4a, fileName: speech.fileName, startSec: speechAt, muted: false } }
        : {}
    )
    return summaryOf(input, out, range, settings, outcome, speech && { ...speech, startSec: speechAt })
  } finally {
    await speech?.dispose()
  }
}

function summaryOf(
  input: string,
  out: string,
  range: GenerateRange,
  settings: GenerateSettings,
  outcome: GenerateOutcome,
  speech: (SpeechSource & { startSec: number }) | null
): GenerateSummary {
  return {
    project: input,
    out,
    seed: settings.seed,
    from: range.from,
    to: range.to,
    idle: settings.idle,
    emotions: [...settings.emotions],
    speech: speech && {
      file: speech.fileName,
      startSec: speech.startSec,
      phrases: speech.features.onsets.length,
      syllables: speech.features.peaks.length
    },
    keys: outcome.keys,
    tracks: outcome.performance.tracks.filter((t) => t.keys.length > 0).map((t) => `${t.kind}:${t.name}`)
  }
}
