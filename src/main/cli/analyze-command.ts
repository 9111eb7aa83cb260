import { extname, join } from 'node:path'
import type { Command } from 'commander'
import type { FaceAnalysis, VideoAnalysis } from '@shared/face/face-analysis'
import { analyzeImage } from '../core/analysis/analyze-image'
import { analyzeVideo } from '../core/analysis/analyze-video'
import { renderOverlay } from '../core/analysis/render-overlay'
import { MimesisError } from '@shared/errors/mimesis-error'
import { resolveResourcesDir } from '../core/app/resolve-resources-dir'
import { checkOutputPath } from '../core/export/check-output-path'
import { probeVideo } from '../core/media/probe-video'
import { toExportError } from '../core/studio/export-session'
import { describeMissingFrames } from '../core/analysis/describe-missing-frames'
import { writeOutputFile } from './run-render'
import { parseThreads } from './parse-options'
import { createProgressLine } from './progress-line'

const VIDEO_EXTENSIONS = new Set(['.mp4', '.mov', '.m4v', '.webm', '.mkv', '.avi'])

interface AnalyzeOptions {
  json?: boolean
  overlay?: string
  landmarks?: boolean
  threads: number
}

export function addAnalyzeCommand(program: Command): void {
  program
    .command('analyze')
    .description('find faces in a portrait or a driving video: boxes, head pose, 468 landmarks, timing')
    .argument('<input>', 'an image (JPEG, PNG, WebP, TIFF, …) or a video (MP4, MOV, WebM, …)')
    .option('--json', 'print machine-readable JSON instead of a summary')
    .option('--landmarks', 'include the 468 landmarks per face in the JSON output')
    .option('--overlay <out.png>', 'write the image with the face mesh drawn on it (images only)')
    .option('--threads <n>', 'CPU threads for inference, 1…64', parseThreads, 2)
    .action(async (input: string, options: AnalyzeOptions) => {
      const modelsDir = join(resolveResourcesDir(), 'models')
      if (VIDEO_EXTENSIONS.has(extname(input).toLowerCase())) {
        if (options.overlay) throw new MimesisError('usage', '--overlay works on images only.')
        await analyzeVideoInput(input, options, modelsDir)
      } else {
        await analyzeImageInput(input, options, modelsDir)
      }
    })
}

async function analyzeImageInput(input: string, options: AnalyzeOptions, modelsDir: string): Promise<void> {
  // A folder that is missing, read-only or a file is reported before the analysis, not after it.
  if (options.overlay)
    await checkOutputPath(options.overlay).catch((error: unknown) => Promise.reject(toExportError(error)))
  const started = performance.now()
  const faces = await analyzeImage(input, { modelsDir, intraOpNumThreads: options.threads })
  const totalMs = performance.now() - started
  // Temp file + rename: a failed write leaves nothing under the overlay's name (exit 73).
  if (options.overlay) {
    await writeOutputFile(
      options.overlay,
      await renderOverlay(input, faces, { modelsDir }),
      'write the overlay'
    )
  }
  if (options.json) {
    const out = {
      input,
      totalMs: round(totalMs),
      faces: faces.map((f) => faceJson(f, options.landmarks ?? false))
    }
    process.stdout.write(JSON.stringify(out, null, 2) + '\n')
    return
  }
  process.stdout.write(
    `${input}: ${faces.length} face${faces.length === 1 ? '' : 's'} (${round(totalMs)} ms)\n`
  )
  faces.forEach((face, i) => process.stdout.write(describeFace(face, i)))
  if (options.overlay) process.stdout.write(`overlay written to ${options.overlay}\n`)
}

async function analyzeVideoInput(input: string, options: AnalyzeOptions, modelsDir: string): Promise<void> {
  const controller = new AbortController()
  const onSigint = () => controller.abort()
  process.once('SIGINT', onSigint)
  const progress = createProgressLine(process.stderr)
  const started = performance.now()
  let analysis: VideoAnalysis
  try {
    analysis = await analyzeVideo(input, {
      modelsDir,
      intraOpNumThreads: options.threads,
      signal: controller.signal,
      onProgress: (p) =>
        progress.update(
          `analysing ${input}: frame ${p.framesDone}${p.fraction === null ? '' : ` (${Math.round(p.fraction * 100)}%)`}`
        )
    })
  } finally {
    process.off('SIGINT', onSigint)
    progress.done()
  }
  const totalMs = performance.now() - started
  const withFace = analysis.frames.filter((f) => f.face !== null).length
  // A file cut short (an MP4 with its index at the start) decodes fewer frames than it declares, silently.
  const declared = (await probeVideo(input).catch(() => null))?.frameCountEstimate ?? null
  const missing = describeMissingFrames(input, analysis.frames.length, declared)
  if (missing) process.stderr.write(`mimesis: warning: ${missing}\n`)
  if (options.json) {
    const out = {
      input,
      width: analysis.width,
      height: analysis.height,
      framesDecoded: analysis.frames.length,
      framesDeclared: declared,
      warnings: missing ? [missing] : [],
      totalMs: round(totalMs),
      framesPerSecond: round(analysis.frames.length / (totalMs / 1000)),
      frames: analysis.frames.map((f) => ({
        index: f.index,
        timeSec: round(f.timeSec, 4),
        face: f.face ? faceJson(f.face, options.landmarks ?? false) : null
      }))
    }
    process.stdout.write(JSON.stringify(out) + '\n')
    return
  }
  const noFace = analysis.frames.length - withFace
  process.stdout.write(
    `${input}: ${analysis.frames.length} frames at ${analysis.width}x${analysis.height}, a face in ${withFace}` +
      `${noFace > 0 ? ` (no face in ${noFace})` : ''}; ${round(totalMs)} ms, ` +
      `${round(analysis.frames.length / (totalMs / 1000))} frames/s\n`
  )
  const step = Math.max(1, Math.round(analysis.frames.length / 12))
  for (let i = 0; i < analysis.frames.length; i += step) {
    const frame = analysis.frames[i]!
    const pose = frame.face?.pose
    process.stdout.write(
      `  ${frame.timeSec.toFixed(2).padStart(7)} s  ` +
        (pose ? `yaw ${deg(pose.yaw)}  pitch ${deg(pose.pitch)}  roll ${deg(pose.roll)}\n` : 'no face\n')
    )
  }
}

function describeFace(face: FaceAnalysis, index: number): string {
  const { box, pose } = face
  return (
    `  face ${index + 1}: box ${round(box.x)},${round(box.y)} ${round(box.width)}x${round(box.height)} px, ` +
    `score ${face.score.toFixed(3)}, presence ${face.presence.toFixed(3)}\n` +
    `          pose yaw ${deg(pose.yaw)} pitch ${deg(pose.pitch)} roll ${deg(pose.roll)}, ` +
    `${face.landmarks.length / 3} landmarks, fit error ${pose.rmsError.toFixed(3)} cm\n` +
    `          detector ${round(face.timings.detectionMs)} ms, landmarks ${round(face.timings.landmarksMs)} ms, ` +
    `pose ${round(face.timings.poseMs)} ms\n`
  )
}

function faceJson(face: FaceAnalysis, withLandmarks: boolean) {
  return {
    box: face.box,
    score: round(face.score, 4),
    presence: round(face.presence, 4),
    keypoints: face.keypoints,
    pose: {
      yaw: round(face.pose.yaw, 2),
      pitch: round(face.pose.pitch, 2),
      roll: round(face.pose.roll, 2),
      scale: round(face.pose.scale, 4),
      translation: face.pose.translation.map((v) => round(v, 2)),
      rmsError: round(face.pose.rmsError, 4)
    },
    landmarkCount: face.landmarks.length / 3,
    ...(withLandmarks ? { landmarks: Array.from(face.landmarks, (v) => round(v, 2)) } : {}),
    timings: face.timings
  }
}

function round(value: number, digits = 1): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}

function deg(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(1)}°`.padStart(7)
}
