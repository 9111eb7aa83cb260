/** An SSD anchor; centre in normalised input coordinates [0, 1] of the detector input, x right, y down. */
export interface SsdAnchor {
  readonly xCenter: number
  readonly yCenter: number
  readonly width: number
  readonly height: number
}

export interface SsdAnchorOptions {
  readonly inputWidth: number
  readonly inputHeight: number
  readonly minScale: number
  readonly maxScale: number
  readonly anchorOffsetX: number
  readonly anchorOffsetY: number
  readonly strides: readonly number[]
  readonly aspectRatios: readonly number[]
  readonly interpolatedScaleAspectRatio: number
  /** MediaPipe's fixed_anchor_size: every anchor is 1 x 1 and the regressors carry the size. */
  readonly fixedAnchorSize: boolean
}

/** BlazeFace short range (face_detection_short_range.tflite): 128 x 128 input, 896 anchors. */
export const BLAZE_FACE_SHORT_RANGE_ANCHORS: SsdAnchorOptions = {
  inputWidth: 128,
  inputHeight: 128,
  minScale: 0.1484375,
  maxScale: 0.75,
  anchorOffsetX: 0.5,
  anchorOffsetY: 0.5,
  strides: [8, 16, 16, 16],
  aspectRatios: [1],
  interpolatedScaleAspectRatio: 1,
  fixedAnchorSize: true
}

function calculateScale(minScale: number, maxScale: number, strideIndex: number, numStrides: number): number {
  return numStrides === 1
    ? (minScale + maxScale) / 2
    : minScale + ((maxScale - minScale) * strideIndex) / (numStrides - 1)
}

/**
 * Generates anchors as MediaPipe's SsdAnchorsCalculator does: consecutive layers with the same stride
 * share one feature map, and each layer adds one anchor per aspect ratio plus one interpolated-scale anchor.
 */
export function generateSsdAnchors(options: SsdAnchorOptions): SsdAnchor[] {
  const anchors: SsdAnchor[] = []
  const { strides } = options
  let layerId = 0
  while (layerId < strides.length) {
    const anchorHeights: number[] = []
    const anchorWidths: number[] = []
    let lastSameStrideLayer = layerId
    while (lastSameStrideLayer < strides.length && strides[lastSameStrideLayer] === strides[layerId]) {
      const scale = calculateScale(options.minScale, options.maxScale, lastSameStrideLayer, strides.length)
      for (const ratio of options.aspectRatios) {
        const ratioSqrt = Math.sqrt(ratio)
        anchorHeights.push(scale / ratioSqrt)
        anchorWidths.push(scale * ratioSqrt)
      }
      if (options.interpolatedScaleAspectRatio > 0) {
        const scaleNext =
          lastSameStrideLayer === strides.length - 1
            ? 1
            : calculateScale(options.minScale, options.maxScale, lastSameStrideLayer + 1, strides.length)
        const interpolated = Math.sqrt(scale * scaleNext)
        const ratioSqrt = Math.sqrt(options.interpolatedScaleAspectRatio)
        anchorHeights.push(interpolated / ratioSqrt)
        anchorWidths.push(interpolated * ratioSqrt)
      }
      lastSameStrideLayer++
    }
    const stride = strides[layerId]
    const featureMapHeight = Math.ceil(options.inputHeight / stride)
    const featureMapWidth = Math.ceil(options.inputWidth / stride)
    for (let y = 0; y < featureMapHeight; y++) {
      for (let x = 0; x < featureMapWidth; x++) {
        for (let a = 0; a < anchorHeights.length; a++) {
          anchors.push({
            xCenter: (x + options.anchorOffsetX) / featureMapWidth,
            yCenter: (y + options.anchorOffsetY) / featureMapHeight,
            width: options.fixedAnchorSize ? 1 : anchorWidths[a],
            height: options.fixedAnchorSize ? 1 : anchorHeights[a]
          })
        }
      }
    }
    layerId = lastSameStrideLayer
  }
  return anchors
}
