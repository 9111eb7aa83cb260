// The export presets as data: each is valid choices once applied, within its format's limits, recognised back from
// the choices it makes, and leaves alone what it does not set.
import { describe, expect, it } from 'vitest'
import {
  EXPORT_PRESETS,
  applyExportPreset,
  exportChoicesSchema,
  presetOfChoices,
  withinFormatLimits,
  type ExportChoices
} from '../../../src/shared/export/export-presets'
import { OUTPUT_FORMATS } from '../../../src/shared/export/output-formats'
import { EXPORT_FRAME_RATES, EXPORT_SIZES } from '../../../src/shared/ipc/contract'

const start: ExportChoices = {
  format: 'gif',
  size: 512,
  fps: 24,
  range: 'work-area',
  transparent: false,
  bitDepth: 16,
  depthPass: true
}

describe('export presets', () => {
  it('offers the three named presets, with distinct ids and a description each', () => {
    expect(EXPORT_PRESETS.map((p) => p.label)).toEqual([
      'Social square MP4',
      'Alpha for compositing',
      'Rig curves'
    ])
    expect(new Set(EXPORT_PRESETS.map((p) => p.id)).size).toBe(EXPORT_PRESETS.length)
    for (const preset of EXPORT_PRESETS) expect(preset.description.length).toBeGreaterThan(20)
  })

  it.each(EXPORT_PRESETS.map((p) => [p.label, p] as const))(
    '%s gives valid choices the dialog offers, and is recognised back',
    (_, preset) => {
      const choices = applyExportPreset(start, preset)
      expect(exportChoicesSchema.parse(choices)).toEqual(choices)
      expect(EXPORT_SIZES).toContain(choices.size)
      expect(EXPORT_FRAME_RATES).toContain(choices.fps)
      const { maxSide, maxFps } = OUTPUT_FORMATS[choices.format]
      expect(choices.size).toBeLessThanOrEqual(maxSide ?? Infinity)
      expect(choices.fps).toBeLessThanOrEqual(maxFps ?? Infinity)
      expect(presetOfChoices(choices)).toBe(preset)
      // What it does not set stays as it was: the range always.
      expect(choices.range).toBe('work-area')
    }
  )

  it('sets what each is named for', () => {
    const [social, alpha, curves] = EXPORT_PRESETS.map((p) => applyExportPreset(start, p))
    expect(social).toMatchObject({ format: 'mp4-h264', size: 1024, transparent: false })
    expect(alpha).toMatchObject({ format: 'mov-prores4444', transparent: true })
    expect(OUTPUT_FORMATS[alpha!.format].keepsAlpha).toBe(true)
    expect(curves).toMatchObject({ format: 'arkit-csv', fps: 60 })
    expect(OUTPUT_FORMATS[curves!.format].curves).toBe(true)
  })

  it('is "custom" once a choice the preset sets is changed', () => {
    const social = applyExportPreset(start, EXPORT_PRESETS[0]!)
    expect(presetOfChoices({ ...social, size: 768 })).toBeUndefined()
    expect(presetOfChoices(start)).toBeUndefined()
  })

  it('brings size and frame rate within a format’s limits (GIF: 640 px, 30 fps)', () => {
    expect(withinFormatLimits({ ...start, format: 'gif', size: 1024, fps: 60 })).toMatchObject({
      size: 512,
      fps: 30
    })
    expect(withinFormatLimits({ ...start, format: 'mp4-h264', size: 1024, fps: 60 })).toMatchObject({
      size: 1024,
      fps: 60
    })
  })

  it('the schema refuses choices the dialog cannot make', () => {
    expect(exportChoicesSchema.safeParse({ ...start, format: 'avi' }).success).toBe(false)
    expect(exportChoicesSchema.safeParse({ ...start, bitDepth: 12 }).success).toBe(false)
    expect(exportChoicesSchema.safeParse({ ...start, range: 'some' }).success).toBe(false)
  })
})
