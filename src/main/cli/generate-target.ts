// What `mimesis generate` writes into: the project it is given, or a new project for a portrait (the photo
// embedded, one track per direction of the built-in pack, `seconds` long at the default frame rate).
import { MimesisError } from '@shared/errors/mimesis-error'
import { createProjectFile, type ProjectFile } from '@shared/project'
import { createDocument, DEFAULT_SETTINGS, seconds as secondsOf } from '@shared/timeline'
import { APP_VERSION } from '../core/app/app-version'
import { BUILTIN_PACK_DIR } from '../core/engine/engine'
import { loadPack } from '../core/engine/load-pack'
import { readPortraitSource } from '../core/project'
import { requireFile } from './run-render'

/** Length of a new project when neither --seconds nor a recording gives one, seconds. */
export const DEFAULT_GENERATE_SECONDS = 10

/** The frame rate a new project for a portrait gets. */
export const NEW_PROJECT_FPS = DEFAULT_SETTINGS.fps

/**
 * How long a new project is: `--seconds`, else long enough for the recording from where it starts (whole
 * seconds), else DEFAULT_GENERATE_SECONDS.
 */
export function newProjectSeconds(
  seconds: number | undefined,
  speech: { durationSec: number; startSec: number } | null
): number {
  if (seconds !== undefined) return seconds
  if (speech) return Math.max(1, Math.ceil(speech.startSec + speech.durationSec))
  return DEFAULT_GENERATE_SECONDS
}

/** A new project for the portrait at `path`, `durationSec` long, with the photo embedded. */
export async function projectForPortrait(path: string, durationSec: number): Promise<ProjectFile> {
  await requireFile(path, 'portrait')
  const pack = await loadPack(BUILTIN_PACK_DIR, { verifySessions: false })
  const portrait = await readPortraitSource(path, { embed: true }).catch((error: unknown) => {
    if (error instanceof MimesisError) throw error
    throw new MimesisError('unsupported-format', `${path} could not be read as a portrait picture.`, {
      cause: error
    })
  })
  return createProjectFile({
    appVersion: APP_VERSION,
    portrait,
    enginePack: { id: pack.manifest.id, version: pack.manifest.version },
    document: createDocument({
      expressionNames: pack.manifest.expression.directions.map((d) => d.name),
      settings: { fps: NEW_PROJECT_FPS, durationSec: secondsOf(durationSec) }
    }),
    selectedFaceIndex: 0,
    now: new Date()
  })
}
