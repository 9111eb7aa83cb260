import { beforeEach, describe, expect, it } from 'vitest'
import { useExport } from '../../../src/renderer/src/store/export-store'

const folder = { token: 'a-granted-token-0123456789', name: 'shot.v2', sizeBytes: 0 }

describe('the export dialog store', () => {
  beforeEach(() => {
    useExport.setState({ file: null, fileFormat: null })
    useExport.getState().setChoices({ format: 'png-seq', bitDepth: 8, depthPass: false })
  })

  it('keeps a folder chosen for a sequence while its options change, whatever dots its name holds', () => {
    useExport.getState().setFile(folder, 'png-seq')
    useExport.getState().setChoices({ bitDepth: 16, depthPass: true, size: 768 })
    expect(useExport.getState()).toMatchObject({ file: folder, fileFormat: 'png-seq' })
  })

  it('drops it with a change of format: a video needs a file with its extension', () => {
    useExport.getState().setFile(folder, 'png-seq')
    useExport.getState().setChoices({ format: 'mp4-h264' })
    expect(useExport.getState()).toMatchObject({ file: null, fileFormat: null })
  })
})
