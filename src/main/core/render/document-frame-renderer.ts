import { composeCamera, type ViewFraming } from '@shared/engine/frame-on-head'
import { evaluate, type AnimationDocument } from '@shared/timeline'
import { seconds, type Seconds } from '@shared/timeline/units'
import { renderFrame, type Avatar, type RenderedFrame } from '../engine/engine'
import { knownExpression } from './known-expression'

/**
 * Frame `index` of an export of `document` from `rangeStart` at `fps`: the parameters at rangeStart + index / fps
 * from the same pure `evaluate` the preview uses, the camera composed on `framing`, rendered by the engine. Tracks
 * for directions the avatar's pack does not have are left out (see `knownExpression`).
 */
export function documentFrameRenderer(options: {
  avatar: Avatar
  document: AnimationDocument
  rangeStart: Seconds
  fps: number
  width: number
  height: number
  framing?: ViewFraming | undefined
}): (index: number) => Promise<RenderedFrame> {
  const { avatar, document, rangeStart, fps, width, height, framing } = options
  return async (index) => {
    const params = evaluate(document, seconds(rangeStart + index / fps))
    return renderFrame(avatar, {
      expression: knownExpression(avatar, params.expression).expression,
      camera: framing ? composeCamera(framing, params.camera) : params.camera,
      width,
      height
    })
  }
}
