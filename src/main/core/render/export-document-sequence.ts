import { exportImageSequence } from '../export/export-image-sequence'
import { encodeSequenceDepth } from '../export/sequence-depth'
import { documentFrameRenderer } from './document-frame-renderer'
import type { DocumentExportResult, ExportDocumentOptions, ExportRange } from './export-document'
import { exportFrameCount } from './export-document'
import { sequenceDepthRange } from './sequence-depth-range'

/**
 * `exportDocument` for a PNG sequence: the same frames as a video export (`documentFrameRenderer`), written into
 * the folder `outPath` by `exportImageSequence`. The depth pass is encoded from each frame's depth and person alpha
 * over the avatar's fixed range (`sequenceDepthRange`) before an opaque export sets every alpha to 255.
 */
export async function exportDocumentSequence(
  options: ExportDocumentOptions,
  range: ExportRange
): Promise<DocumentExportResult> {
  const { avatar, document, width, height, fps } = options
  const transparent = options.transparent ?? true
  const sequence = options.sequence ?? {}
  const depth = sequence.depth === true ? sequenceDepthRange(avatar) : null
  const render = documentFrameRenderer({
    avatar,
    document,
    rangeStart: range.start,
    fps,
    width,
    height,
    framing: options.framing
  })
  const result = await exportImageSequence({
    width,
    height,
    fps,
    frameCount: exportFrameCount(range, fps),
    outDir: options.outPath,
    bitDepth: sequence.bitDepth ?? 8,
    depth,
    replace: sequence.replace ?? false,
    ...(sequence.overwriteHint ? { overwriteHint: sequence.overwriteHint } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    renderFrame: async (index) => {
      const frame = await render(index)
      const depthLevels = depth ? encodeSequenceDepth(frame.depth, frame.rgba, depth) : undefined
      if (!transparent) for (let i = 3; i < frame.rgba.length; i += 4) frame.rgba[i] = 255
      return depthLevels ? { rgba: frame.rgba, depthLevels } : { rgba: frame.rgba }
    }
  })
  return {
    outPath: result.outDir,
    frameCount: result.frameCount,
    bytes: result.bytes,
    elapsedMs: result.elapsedMs,
    files: result.files
  }
}
