import { rm, stat } from 'node:fs/promises'
import { composeCamera, isUnframed, UNFRAMED, type ViewFraming } from '@shared/engine/frame-on-head'
import { BUILTIN_EXPRESSION_DIRECTIONS } from '@shared/engine/expression-directions'
import {
  isFaceMesh,
  isObjSequence,
  isRigCurves,
  type FaceMeshFormat,
  type RigCurveFormat
} from '@shared/export/output-formats'
import { type AnimationDocument } from '@shared/timeline'
import { presetDocument } from '@shared/timeline/presets'
import { MimesisError } from '@shared/errors/mimesis-error'
import { createEngine, renderFrame, type Avatar, type Engine } from '../core/engine/engine'
import { checkOutputPath } from '../core/export/check-output-path'
import { checkSequenceFolder } from '../core/export/check-sequence-folder'
import { DiskFullError } from '../core/export/disk-full-error'
import { ExportCancelledError } from '../core/export/export-cancelled-error'
import { ExportFailedError } from '../core/export/export-failed-error'
import { exportFaceGlb, FACE_MESH_PICTURE_SIDE } from '../core/export/export-face-glb'
import { exportFaceObjSequence, OBJ_SEQUENCE_FILES } from '../core/export/export-face-obj-sequence'
import { exportRigCurves } from '../core/export/export-rig-curves'
import { type ExportProgress } from '../core/export/export-video'
import { OutputNotWritableError } from '../core/export/output-not-writable-error'
import { defaultFfmpeg } from '../core/media/default-ffmpeg'
import { FfmpegNotFoundError } from '../core/media/ffmpeg-not-found-error'
import { type LocatedFfmpeg } from '../core/media/locate-ffmpeg'
import { type AtomicWriteFs, loadProject, ProjectIoError, writeFileAtomic } from '../core/project'
import { unpackEmbeddedPortrait } from '../core/project/unpack-embedded-portrait'
import {
  analysedFaceFromFile,
  avatarSideFor,
  avatarWithFaceFromFile,
  headFramingFor,
  readPortraitSize,
  type AvatarWithFace
} from '../core/render/avatar-from-file'
import { encodeDepthPng, encodeStillPng } from '../core/render/encode-still-png'
import { exportDocument, exportFrameCount, exportRange } from '../core/render/export-document'
import { toExportError } from '../core/studio/export-session'
import {
  type OutputAspect,
  type PresetJob,
  type ProjectJob,
  type RenderJob,
  type SequenceJobOptions,
  type StillJob
} from './render-job'
import { checkDirectionNames, fitLongestSide } from './render-options'
import { makeScratchDir } from './scratch-dirs'

/** The avatar size the studio previews at; larger outputs get a larger avatar (`avatarSideFor`). */
const PREVIEW_SIDE = 512

export interface RenderDeps {
  resourcesDir: string
  threads: number
  signal: AbortSignal
  /** What is happening now ("building the head…"); replaced by the next status or progress. */
  onStatus: (text: string) => void
  onProgress: (label: string, progress: ExportProgress) => void
  onWarning: (text: string) => void
  /** How ffmpeg is found; the default lookup ($MIMESIS_FFMPEG, bundled, PATH) unless a test injects another. */
  locateFfmpeg?: () => Promise<LocatedFfmpeg>
}

/** What `--json` prints. Sizes in px, times in ms, `face` counted from 1. */
export type RenderSummary =
  | {
      kind: 'still'
      input: string
      out: string
      depth: string | null
      width: number
      height: number
      face: number
      expression: Record<string, number>
      camera: Record<string, number>
      /** The base view the camera composes on: the head's framing, or zoom 1 and no pan. */
      framing: ViewFraming
      elapsedMs: number
    }
  | {
      kind: 'preset' | 'project'
      input: string
      /** The video file, or the PNG sequence's folder. */
      out: string
      format: string
      /** A PNG sequence: its files (colour and depth frames, the depth sidecar); null for a video. */
      files: number | null
      bitDepth: number | null
      depth: boolean
      width: number
      height: number
      fps: number
      frames: number
      startSec: number
      endSec: number
      face: number
      preset: string | null
      framing: ViewFraming
      bytes: number
      elapsedMs: number
    }
  | {
      /** Rig curves (`--format arkit-csv|arkit-json`, or a .csv / .json --out): no head is built, no frame rendered. */
      kind: 'curves'
      input: string
      out: string
      format: RigCurveFormat
      fps: number
      frames: number
      startSec: number
      endSec: number
      preset: string | null
      bytes: number
      elapsedMs: number
    }
  | {
      /**
       * The animated 3D face (`--format glb`, or a .glb --out; or `--format obj-seq`, a folder of OBJ frames): the face
       * analysed, no head built, no frame rendered.
       */
      kind: 'mesh'
      input: string
      out: string
      format: FaceMeshFormat
      /** The OBJ sequence's files (frames, MTL, textures); null for the .glb. */
      files: number | null
      fps: number
      frames: number
      /** Morph targets: one per direction of the engine's pack. */
      targets: number
      startSec: number
      endSec: number
      face: number
      preset: string | null
      bytes: number
      elapsedMs: number
    }

/**
 * Runs one `mimesis render` job. Outputs are written under a temporary name and renamed when complete,
 * so a failed or cancelled render (`signal`) never leaves a partial file under the final name.
 * Errors are MimesisErrors (or core errors with a stable `code`) whose messages say what to do.
 */
export async function runRender(job: RenderJob, deps: RenderDeps): Promise<RenderSummary> {
  try {
    switch (job.kind) {
      case 'still':
        return await renderStill(job, deps)
      case 'preset':
        return await renderPreset(job, deps)
      case 'project':
        return await renderProject(job, deps)
    }
  } catch (error) {
    throw toRenderError(error, deps.signal)
  }
}

async function renderStill(job: StillJob, deps: RenderDeps): Promise<RenderSummary> {
  const started = performance.now()
  await requireFile(job.portrait, 'portrait')
  await checkOutputPath(job.out)
  if (job.depthOut) await checkOutputPath(job.depthOut)
  const engine = await createEngine({ threads: deps.threads })
  checkDirectionNames(job.expression, engine.directionNames)
  deps.onStatus(`building the head from ${job.portrait}…`)
  const built = await avatarWithFaceFromFile(job.portrait, {
    engine,
    resourcesDir: deps.resourcesDir,
    maxSide: await avatarSideForJob(
      job.portrait,
      { width: job.size, height: job.size },
      job.aspect === 'square'
    ),
    faceIndex: job.faceIndex
  })
  throwIfCancelled(deps.signal, job.out)
  const size = outputSize(built.avatar, job.size, job.aspect)
  const framing = framingFor(built, size, job.aspect === 'square')
  deps.onStatus(`rendering ${job.out}…`)
  const frame = await renderFrame(built.avatar, {
    expression: job.expression,
    camera: composeCamera(framing, job.camera),
    ...size
  })
  const png = await encodeStillPng(frame)
  const depth = job.depthOut ? await encodeDepthPng(frame) : null
  throwIfCancelled(deps.signal, job.out)
  await writeOutputFile(job.out, png, 'write the still')
  if (job.depthOut && depth) await writeOutputFile(job.depthOut, depth, 'write the depth map')
  return {
    kind: 'still',
    input: job.portrait,
    out: job.out,
    depth: job.depthOut,
    width: frame.width,
    height: frame.height,
    face: job.faceIndex + 1,
    expression: { ...job.expression },
    camera: { ...job.camera },
    framing: rounded(framing),
    elapsedMs: Math.round(performance.now() - started)
  }
}

async function renderPreset(job: PresetJob, deps: RenderDeps): Promise<RenderSummary> {
  const started = performance.now()
  await requireFile(job.portrait, 'portrait')
  await checkOutput(job)
  if (isRigCurves(job.format)) {
    // The preset's curves are the portrait's whatever its face: the built-in pack's directions, no head built.
    const names = BUILTIN_EXPRESSION_DIRECTIONS.map((d) => d.name)
    const document = presetDocumentFor(job, names)
    return writeCurves(job.format, deps, {
      input: job.portrait,
      preset: job.preset,
      document,
      out: job.out,
      fps: job.fps,
      started
    })
  }
  if (isFaceMesh(job.format)) {
    const engine = await createEngine({ threads: deps.threads })
    return writeFaceMesh(engine, deps, {
      format: job.format,
      replace: job.sequence?.replace ?? false,
      input: job.portrait,
      preset: job.preset,
      portrait: job.portrait,
      faceIndex: job.faceIndex,
      document: presetDocumentFor(job, engine.directionNames),
      out: job.out,
      fps: job.fps,
      range: 'all',
      started
    })
  }
  const ffmpeg = await (deps.locateFfmpeg ?? defaultFfmpeg)()
  const engine = await createEngine({ threads: deps.threads })
  const document = presetDocumentFor(job, engine.directionNames)
  return exportWith(engine, ffmpeg, deps, {
    input: job.portrait,
    kind: 'preset',
    preset: job.preset,
    portrait: job.portrait,
    faceIndex: job.faceIndex,
    document,
    sizedFor: { width: job.size, height: job.size },
    size: (avatar) => outputSize(avatar, job.size, job.aspect),
    framed: job.aspect === 'square',
    fps: job.fps,
    range: 'all',
    out: job.out,
    format: job.format,
    sequence: job.sequence ?? null,
    quality: job.quality,
    started
  })
}

async function renderProject(job: ProjectJob, deps: RenderDeps): Promise<RenderSummary> {
  const started = performance.now()
  await requireFile(job.project, 'project')
  await checkOutput(job)
  const { project, portraitPath } = await loadProject(job.project)
  if (isRigCurves(job.format)) {
    const { document } = project
    return writeCurves(job.format, deps, {
      input: job.project,
      preset: null,
      document,
      out: job.out,
      fps: job.fps ?? document.settings.fps,
      range: job.range,
      started
    })
  }
  const format = job.format
  // The 3D face is made from the analysed face alone: no ffmpeg, no head built.
  const ffmpeg = isFaceMesh(format) ? null : await (deps.locateFfmpeg ?? defaultFfmpeg)()
  const engine = await createEngine({ threads: deps.threads })
  const known = new Set(engine.directionNames)
  const unknown = project.document.tracks.filter((t) => t.kind === 'expression' && !known.has(t.name))
  if (unknown.length > 0) {
    deps.onWarning(
      `ignoring the expression track${unknown.length > 1 ? 's' : ''} ${unknown.map((t) => t.name).join(', ')}: ` +
        'the engine pack has no such direction.'
    )
  }
  const document: AnimationDocument = {
    ...project.document,
    tracks: project.document.tracks.filter((t) => t.kind !== 'expression' || known.has(t.name))
  }
  const { settings } = document
  const size =
    job.size === null
      ? { width: settings.width, height: settings.height }
      : fitLongestSide(settings.width, settings.height, job.size)
  const unpackDir = portraitPath ? null : await makeScratchDir('render')
  try {
    const portrait = portraitPath ?? (await unpackEmbeddedPortrait(project, unpackDir!))
    const faceIndex = job.faceIndex ?? project.selectedFaceIndex
    if (isFaceMesh(format)) {
      return await writeFaceMesh(engine, deps, {
        format,
        replace: job.sequence?.replace ?? false,
        input: job.project,
        preset: null,
        portrait,
        faceIndex,
        document,
        out: job.out,
        fps: job.fps ?? settings.fps,
        range: job.range,
        started
      })
    }
    return await exportWith(engine, ffmpeg!, deps, {
      input: job.project,
      kind: 'project',
      preset: null,
      portrait,
      faceIndex,
      document,
      sizedFor: size,
      size: () => size,
      // As the studio exports it: a frame of another aspect than the portrait's is placed on the head.
      framed: true,
      fps: job.fps ?? settings.fps,
      range: job.range,
      out: job.out,
      format,
      sequence: job.sequence ?? null,
      quality: job.quality,
      started
    })
  } finally {
    if (unpackDir) await rm(unpackDir, { recursive: true, force: true })
  }
}

function presetDocumentFor(job: PresetJob, expressionNames: readonly string[]): AnimationDocument {
  try {
    return presetDocument(job.preset, {
      expressionNames,
      durationSec: job.seconds,
      fps: job.fps,
      width: job.size,
      height: job.size
    })
  } catch (error) {
    throw new MimesisError(
      'usage',
      `${error instanceof Error ? error.message : String(error)} Use more --seconds or a higher --fps.`
    )
  }
}

/**
 * Writes the rig curves of `job.document` (`exportRigCurves`): every expression track is carried, those the built-in
 * pack does not know as extra columns, so nothing is dropped.
 */
async function writeCurves(
  format: RigCurveFormat,
  deps: RenderDeps,
  job: {
    input: string
    preset: string | null
    document: AnimationDocument
    out: string
    fps: number
    range?: 'all' | 'work-area'
    started: number
  }
): Promise<RenderSummary> {
  const range = exportRange(job.document, job.range ?? 'all')
  const frames = exportFrameCount(range, job.fps)
  deps.onStatus(`writing the rig curves to ${job.out}…`)
  const result = await exportRigCurves({
    document: job.document,
    startSec: range.start,
    fps: job.fps,
    frameCount: frames,
    format,
    outPath: job.out,
    signal: deps.signal,
    onProgress: (progress) => deps.onProgress(job.out, progress)
  })
  return {
    kind: 'curves',
    input: job.input,
    out: result.outPath,
    format,
    fps: job.fps,
    frames,
    startSec: range.start,
    endSec: range.end,
    preset: job.preset,
    bytes: result.bytes,
    elapsedMs: Math.round(performance.now() - job.started)
  }
}

/**
 * Writes the animated 3D face of `job.document` (`exportFaceGlb`, or with `obj-seq` `exportFaceObjSequence`): the
 * portrait's face analysed at up to FACE_MESH_PICTURE_SIDE px (the texture's resolution), no head built, no frame
 * rendered.
 */
async function writeFaceMesh(
  engine: Engine,
  deps: RenderDeps,
  job: {
    format: FaceMeshFormat
    /** An OBJ sequence replaces an earlier one in its folder (--overwrite). */
    replace: boolean
    input: string
    preset: string | null
    portrait: string
    faceIndex: number
    document: AnimationDocument
    out: string
    fps: number
    range: 'all' | 'work-area'
    started: number
  }
): Promise<RenderSummary> {
  deps.onStatus(`finding the face in ${job.portrait}…`)
  const analysed = await analysedFaceFromFile(job.portrait, {
    resourcesDir: deps.resourcesDir,
    maxSide: FACE_MESH_PICTURE_SIDE,
    faceIndex: job.faceIndex
  })
  throwIfCancelled(deps.signal, job.out)
  const range = exportRange(job.document, job.range)
  const frames = exportFrameCount(range, job.fps)
  deps.onStatus(`writing the 3D face to ${job.out}…`)
  const common = {
    source: { ...analysed, engine },
    document: job.document,
    startSec: range.start,
    fps: job.fps,
    frameCount: frames,
    signal: deps.signal,
    onProgress: (progress: ExportProgress) => deps.onProgress(job.out, progress)
  }
  const written =
    job.format === 'obj-seq'
      ? await exportFaceObjSequence({
          ...common,
          outDir: job.out,
          replace: job.replace,
          overwriteHint: OVERWRITE_HINT
        }).then((r) => ({ out: r.outDir, bytes: r.bytes, files: r.files }))
      : await exportFaceGlb({ ...common, outPath: job.out }).then((r) => ({
          out: r.outPath,
          bytes: r.bytes,
          files: null
        }))
  return {
    kind: 'mesh',
    input: job.input,
    out: written.out,
    format: job.format,
    files: written.files,
    fps: job.fps,
    frames,
    targets: engine.directionNames.length,
    startSec: range.start,
    endSec: range.end,
    face: job.faceIndex + 1,
    preset: job.preset,
    bytes: written.bytes,
    elapsedMs: Math.round(performance.now() - job.started)
  }
}

interface ExportJob {
  input: string
  kind: 'preset' | 'project'
  preset: string | null
  portrait: string
  faceIndex: number
  document: AnimationDocument
  /** The output size the avatar's working image is sized for (`avatarSideFor`). */
  sizedFor: { width: number; height: number }
  /** The output frame for the avatar built. */
  size: (avatar: Avatar) => { width: number; height: number }
  /** Place a frame of another aspect than the portrait's on the head (`headFramingFor`). */
  framed: boolean
  fps: number
  range: 'all' | 'work-area'
  out: string
  format: Exclude<PresetJob['format'], FaceMeshFormat>
  sequence: SequenceJobOptions | null
  quality: PresetJob['quality']
  started: number
}

async function exportWith(
  engine: Engine,
  ffmpeg: LocatedFfmpeg,
  deps: RenderDeps,
  job: ExportJob
): Promise<RenderSummary> {
  deps.onStatus(`building the head from ${job.portrait}…`)
  const built = await avatarWithFaceFromFile(job.portrait, {
    engine,
    resourcesDir: deps.resourcesDir,
    maxSide: await avatarSideForJob(job.portrait, job.sizedFor, job.framed),
    faceIndex: job.faceIndex
  })
  throwIfCancelled(deps.signal, job.out)
  const { width, height } = job.size(built.avatar)
  const framing = framingFor(built, { width, height }, job.framed)
  const document: AnimationDocument = {
    ...job.document,
    settings: { ...job.document.settings, width, height }
  }
  const range = exportRange(document, job.range)
  const result = await exportDocument({
    avatar: built.avatar,
    document,
    width,
    height,
    fps: job.fps,
    range,
    outPath: job.out,
    format: job.format,
    ...(job.sequence
      ? {
          sequence: {
            bitDepth: job.sequence.bitDepth,
            depth: job.sequence.depth,
            replace: job.sequence.replace,
            overwriteHint: OVERWRITE_HINT
          }
        }
      : {}),
    quality: job.quality,
    ffmpeg,
    signal: deps.signal,
    onProgress: (progress) => deps.onProgress(job.out, progress),
    framing
  })
  return {
    kind: job.kind,
    input: job.input,
    out: result.outPath,
    format: job.format,
    files: result.files ?? null,
    bitDepth: job.sequence?.bitDepth ?? null,
    depth: job.sequence?.depth ?? false,
    width,
    height,
    fps: job.fps,
    frames: exportFrameCount(range, job.fps),
    startSec: range.start,
    endSec: range.end,
    face: job.faceIndex + 1,
    preset: job.preset,
    framing: rounded(framing),
    bytes: result.bytes,
    elapsedMs: Math.round(performance.now() - job.started)
  }
}

/** What an `OutputExistsError` tells the user of the command line to do. */
const OVERWRITE_HINT = 'Pass --overwrite to replace it, or choose another --out.'

/**
 * Checks the output before the head is built: a video's folder, or a sequence's folder and what it holds (an earlier
 * sequence needs --overwrite), so that a refusal comes in a second, not after the render.
 */
async function checkOutput(job: PresetJob | ProjectJob): Promise<void> {
  if (job.sequence) {
    await checkSequenceFolder(job.out, {
      replace: job.sequence.replace,
      overwriteHint: OVERWRITE_HINT,
      ...(isObjSequence(job.format) ? { owns: OBJ_SEQUENCE_FILES } : {})
    })
  } else {
    await checkOutputPath(job.out)
  }
}

/** A still's or preset's frame: `size` px square, or the avatar's (the portrait's) aspect `size` px long. */
function outputSize(avatar: Avatar, size: number, aspect: OutputAspect): { width: number; height: number } {
  return aspect === 'square'
    ? { width: size, height: size }
    : fitLongestSide(avatar.width, avatar.height, size)
}

/**
 * The avatar size for an output of `size`: with `framed`, large enough that the window the framing shows has
 * the output's resolution where the portrait has it (`avatarSideFor` with the portrait's size).
 */
async function avatarSideForJob(
  portrait: string,
  size: { width: number; height: number },
  framed: boolean
): Promise<number> {
  const shape = framed ? await readPortraitSize(portrait) : null
  return avatarSideFor(size.width, size.height, PREVIEW_SIDE, shape ?? undefined)
}

/** The head's framing for an output of `size`, or the source framing when `framed` is false. */
function framingFor(
  built: AvatarWithFace,
  size: { width: number; height: number },
  framed: boolean
): ViewFraming {
  return framed ? headFramingFor(built, size) : UNFRAMED
}

/** The framing as `--json` prints it: 4 decimals, no -0. */
function rounded(framing: ViewFraming): ViewFraming {
  const r = (x: number): number => Math.round(x * 1e4) / 1e4 + 0
  return { zoom: r(framing.zoom), panX: r(framing.panX), panY: r(framing.panY) }
}

/** ` framed on the head` when the framing moved the window, for the summary line. */
export function describeFraming(framing: ViewFraming): string {
  return isUnframed(framing) ? '' : ', framed on the head'
}

/**
 * Writes a still (or its depth map) under a temporary name beside `path`, fsyncs it and renames it into
 * place (`writeFileAtomic`), so a failed write leaves nothing under the final name and an existing file
 * intact. Failures get the export's codes, which exit with 73 (cannot create): `disk-full` for a full
 * disk or quota, `output-not-writable` otherwise. `fs` is a test seam.
 */
export async function writeOutputFile(
  path: string,
  data: Uint8Array,
  action: string,
  fs?: AtomicWriteFs
): Promise<void> {
  try {
    await writeFileAtomic(path, data, { action, ...(fs ? { fs } : {}) })
  } catch (error) {
    if (!(error instanceof ProjectIoError)) throw error
    const code = error.code === 'DISK_FULL' ? 'disk-full' : 'output-not-writable'
    throw new MimesisError(code, error.message, { cause: error })
  }
}

export async function requireFile(path: string, what: string): Promise<void> {
  const info = await stat(path).catch(() => null)
  if (!info) throw new MimesisError('input-not-found', `The ${what} ${path} does not exist.`)
  if (!info.isFile()) throw new MimesisError('input-not-found', `The ${what} ${path} is not a file.`)
}

function throwIfCancelled(signal: AbortSignal, outPath: string): void {
  if (signal.aborted) throw new ExportCancelledError(outPath)
}

/** Export failures and cancellation as MimesisErrors; other errors already carry their own code. */
export function toRenderError(error: unknown, signal: AbortSignal): unknown {
  if (error instanceof ExportCancelledError || (signal.aborted && !(error instanceof MimesisError))) {
    return new MimesisError('cancelled', 'Render cancelled; no file was written.')
  }
  if (
    error instanceof DiskFullError ||
    error instanceof OutputNotWritableError ||
    error instanceof FfmpegNotFoundError ||
    error instanceof ExportFailedError
  ) {
    return toExportError(error)
  }
  return error
}
