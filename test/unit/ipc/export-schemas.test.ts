import { describe, expect, it } from 'vitest'
import { exportRequestSchema } from '../../../src/shared/ipc/export-schemas'
import { createDocument, packDocument, seconds } from '../../../src/shared/timeline'

const base = {
  outputToken: 'a-granted-token-0123456789',
  document: packDocument(
    createDocument({
      expressionNames: ['smile'],
      settings: { fps: 24, durationSec: seconds(1), width: 512, height: 512 }
    })
  ),
  width: 512,
  height: 512,
  fps: 24,
  range: 'all'
}

describe('the export request', () => {
  it('defaults to an MP4, and a sequence to 8 bits without depth, never replacing a folder unasked', () => {
    const request = exportRequestSchema.parse({ ...base, format: 'png-seq' })
    expect(request).toMatchObject({
      format: 'png-seq',
      pngBitDepth: 8,
      depthPass: false,
      replaceExisting: false
    })
    expect(exportRequestSchema.parse(base).format).toBe('mp4-h264')
  })

  it('takes 16 bits and the depth pass, and refuses another bit depth or an unknown format', () => {
    expect(
      exportRequestSchema.parse({ ...base, format: 'png-seq', pngBitDepth: 16, depthPass: true })
    ).toMatchObject({ pngBitDepth: 16, depthPass: true })
    expect(exportRequestSchema.safeParse({ ...base, format: 'png-seq', pngBitDepth: 12 }).success).toBe(false)
    expect(exportRequestSchema.safeParse({ ...base, format: 'tiff-seq' }).success).toBe(false)
    expect(exportRequestSchema.safeParse({ ...base, replaceExisting: 'yes' }).success).toBe(false)
  })

  it('takes the rig-curve formats, and refuses one it does not know', () => {
    expect(exportRequestSchema.parse({ ...base, format: 'arkit-csv' }).format).toBe('arkit-csv')
    expect(exportRequestSchema.parse({ ...base, format: 'arkit-json' }).format).toBe('arkit-json')
    expect(exportRequestSchema.safeParse({ ...base, format: 'arkit-fbx' }).success).toBe(false)
  })
})
