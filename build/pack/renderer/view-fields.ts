import { type GraphBuilder, type Value } from '../../onnx'
import { VIEW_FIELDS, type ViewFieldName } from '../../../src/shared/engine/renderer-layout'
import { graphOps } from './graph-ops'

/** One entry of the `view` input as a [1] tensor (units: see VIEW_FIELDS). */
export function viewField(g: GraphBuilder, view: Value, name: ViewFieldName): Value {
  const { index } = VIEW_FIELDS[name]
  return graphOps(g).slice(view, index, index + 1, 0)
}

/** The `view` entries the stages share, each [1] in source px unless said otherwise. */
export interface ViewValues {
  /** [1, 3, 1]: the head rotation centre (x, y, depth). */
  readonly pivot: Value
  readonly cell: Value
  /** Source px per output px at zoom 1. */
  readonly sigma: Value
  readonly srcW: Value
  readonly srcH: Value
  readonly originX: Value
  readonly originY: Value
  /** Source px per texel of the texture and the plate fed (1 at full resolution; see VIEW_FIELDS). */
  readonly textureScale: Value
  /** [1, 3, 1, 1]: the shading's darkening exponent per channel (red, green, blue; see VIEW_FIELDS). */
  readonly shadowTint: Value
}

/** Reads the shared `view` entries (the leak depth is read where the gap fill uses it). */
export function readView(g: GraphBuilder, view: Value): ViewValues {
  const { op, i64, slice } = graphOps(g)
  const vw = (name: ViewFieldName): Value => viewField(g, view, name)
  const pivot = op('Reshape', [
    slice(view, VIEW_FIELDS.pivotX.index, VIEW_FIELDS.pivotZ.index + 1, 0),
    i64([1, 3, 1])
  ])
  const cell = vw('cellSize')
  const sigma = vw('sigma')
  const [srcW, srcH] = [vw('width'), vw('height')]
  // The splat grid covers a window of the portrait (the head and the room it may turn into), whose top-left
  // corner is at source px (originX, originY).
  const [originX, originY] = [vw('gridOriginX'), vw('gridOriginY')]
  const shadowTint = op('Reshape', [
    slice(view, VIEW_FIELDS.shadowTintRed.index, VIEW_FIELDS.shadowTintBlue.index + 1, 0),
    i64([1, 3, 1, 1])
  ])
  return { pivot, cell, sigma, srcW, srcH, originX, originY, textureScale: vw('textureScale'), shadowTint }
}
