// The export dialog's choices as data: their schema (the core remembers the last ones per project,
// `core/studio/export-choices-store.ts`), the limits a format puts on them, and the named presets the dialog offers.
import { z } from 'zod'
import { EXPORT_FRAME_RATES, EXPORT_SIZES } from '../ipc/export-schemas'
import { OUTPUT_FORMATS, outputFormatSchema, pngBitDepthSchema } from './output-formats'

export const exportChoicesSchema = z.object({
  format: outputFormatSchema,
  /** Each side of the square frame, px (one of EXPORT_SIZES). */
  size: z.number().int().min(16).max(4096),
  fps: z.number().int().min(1).max(120),
  range: z.enum(['all', 'work-area']),
  /** Formats with alpha only: leave the background transparent (the person layer's alpha). */
  transparent: z.boolean(),
  /** PNG sequences only: bits a sample of the colour frames. */
  bitDepth: pngBitDepthSchema,
  /** PNG sequences only: also write the 16-bit depth pass. */
  depthPass: z.boolean()
})
export type ExportChoices = z.infer<typeof exportChoicesSchema>
export type ExportRangeChoice = ExportChoices['range']

/** `choices` with the size and frame rate brought within its format's limits (GIF: 640 px, 30 fps at most). */
export function withinFormatLimits(choices: ExportChoices): ExportChoices {
  const { maxSide, maxFps } = OUTPUT_FORMATS[choices.format]
  const size =
    maxSide != null && choices.size > maxSide
      ? Math.max(...EXPORT_SIZES.filter((s) => s <= maxSide))
      : choices.size
  const fps =
    maxFps != null && choices.fps > maxFps
      ? Math.max(...EXPORT_FRAME_RATES.filter((r) => r <= maxFps))
      : choices.fps
  return { ...choices, size, fps }
}

/** A named set of choices; what it leaves out (the range, often the frame rate) stays as the dialog has it. */
export interface ExportPreset {
  readonly id: string
  readonly label: string
  /** What it is for, shown as the option's tooltip. */
  readonly description: string
  readonly choices: Partial<ExportChoices>
}

export const EXPORT_PRESETS: readonly ExportPreset[] = [
  {
    id: 'social-square',
    label: 'Social square MP4',
    description:
      'H.264 MP4, 1024 × 1024 at 30 fps, opaque, with sound: plays everywhere a post or a chat does.',
    choices: { format: 'mp4-h264', size: 1024, fps: 30, transparent: false }
  },
  {
    id: 'alpha-compositing',
    label: 'Alpha for compositing',
    description:
      'ProRes 4444 MOV, 1024 × 1024 at 25 fps, transparent background (the person only), with sound: for Nuke, ' +
      'After Effects, Resolve or Premiere.',
    choices: { format: 'mov-prores4444', size: 1024, fps: 25, transparent: true }
  },
  {
    id: 'rig-curves',
    label: 'Rig curves',
    description:
      "ARKit's 52 blendshapes, head and eyes as a Live Link Face CSV at 60 fps: for Unreal, Blender, Maya or any " +
      'ARKit rig.',
    choices: { format: 'arkit-csv', fps: 60 }
  }
]

/** `choices` with `preset` applied, within its format's limits. */
export function applyExportPreset(choices: ExportChoices, preset: ExportPreset): ExportChoices {
  return withinFormatLimits({ ...choices, ...preset.choices })
}

/** The preset `choices` are (every value it sets is as it sets it), or undefined. */
export function presetOfChoices(choices: ExportChoices): ExportPreset | undefined {
  return EXPORT_PRESETS.find((preset) =>
    (Object.keys(preset.choices) as (keyof ExportChoices)[]).every((k) => preset.choices[k] === choices[k])
  )
}
