import { type FaceAnalysis } from '@shared/face/face-analysis'
import { createAvatarGrid } from './avatar-grid'
import {
  type AvatarImage,
  type AvatarRepresentation,
  type BuildAvatarOptions,
  type CanonicalBasis
} from './avatar-representation'
import { buildTextures } from './avatar-textures'
import { cellDepth } from './cell-depth'
import { addBlinkMotion, addCornerFollow } from './eye-blink'
import { addGazeLidFollow, eyeGazeFields } from './eye-gaze'
import { eyeLayerCells } from './eye-layer'
import { eyeRegions } from './eye-region'
import { paintEyeballs } from './eyeball-texture'
import { faceOpenings } from './face-openings'
import { rasterizeFace } from './face-raster'
import { faceShading } from './face-shading'
import { handOccluderMatte } from './hand-occluder'
import { createHeadProxy } from './head-proxy'
import { closingLidInFront, spreadLidStretch } from './lid-stretch'
import { liftShutLidTone } from './lid-tone'
import { marginPoints } from './margin-points'
import { mouthBackLayer } from './mouth-back-layer'
import { faceOvalMask, headAlphaUnderOccluder } from './occluder-layer'
import { buildPersonLayer } from './person-layer'
import { assemblePoints, splatWindow } from './point-assembly'
import { shadowTint } from './shadow-tint'
import { buildTextureLevels } from './texture-levels'

export type { AvatarImage, AvatarRepresentation, BuildAvatarOptions, CanonicalBasis }

/**
 * Builds the per-portrait representation from the analysed portrait: a grid of cells over it, of which those
 * that belong to the moving head become points, plus a back layer behind the mouth and eyeballs behind the lids.
 * Each stage takes the grid and what the stages before it produced.
 */
export function buildAvatarRepresentation(
  image: AvatarImage,
  analysis: FaceAnalysis,
  basis: CanonicalBasis,
  options: BuildAvatarOptions
): AvatarRepresentation {
  const t0 = performance.now()
  const timings: Record<string, number> = {}
  const mark = (name: string, since: number): number => {
    const now = performance.now()
    timings[name] = now - since
    return now
  }
  const lm = analysis.landmarks
  const s = analysis.pose.scale
  const head = createHeadProxy(analysis.pose.matrix, s)
  const grid = createAvatarGrid(image.width, image.height, s)
  const openings = faceOpenings(lm, grid.cell)

  let t = performance.now()
  const raster = rasterizeFace(grid, lm, basis.triangles, openings)
  t = mark('faceRasterMs', t)

  const personLayer = buildPersonLayer(grid, image.data, options.personMask, head, raster)
  t = mark('personLayerMs', t)

  // A hand in front of the head stays with the plate: out of the moving layer, the head whole under it.
  const occluder = handOccluderMatte(options.hands ?? [], image, options.personMask, s, (x, y) =>
    head.rigidityAt(x, y, head.pivot[2])
  )
  // The face oval (the landmark model completes it under a hand), source px.
  const oval = occluder ? faceOvalMask(lm, grid.width, grid.height) : null
  const onFace = (x: number, y: number): boolean => oval![Math.floor(y) * grid.width + Math.floor(x)] === 1
  const layer = occluder
    ? {
        ...personLayer,
        alpha: headAlphaUnderOccluder(personLayer.alpha, occluder, grid.width, grid.height, onFace)
      }
    : personLayer
  t = mark('occluderMs', t)

  const depth = cellDepth(grid, head, raster, basis, options.gains)
  t = mark('depthAndBasisMs', t)

  const mouth = mouthBackLayer(grid, lm, head.pivot[2], basis.names, image)
  const regions = eyeRegions(lm, s)
  const eyes = eyeLayerCells(grid, openings.eyes, regions, depth.skinZ)
  const eyeball = basis.eyeball ?? basis.names.map(() => [0, 0] as const)
  const eyeFields = eyeGazeFields(grid, eyes, lm, analysis.irises, eyeball)
  addGazeLidFollow(depth.cellBasis, grid, regions, lm, analysis.irises, eyeball)
  addCornerFollow(eyeFields, eyes, depth.vertexBasis, basis.names)
  addBlinkMotion(eyeFields, grid, eyes, regions, lm, depth.vertexBasis, basis.names)
  spreadLidStretch(depth.cellBasis, grid, lm, depth.vertexBasis, basis.names)
  closingLidInFront(depth.cellBasis, grid, depth.skinZ, lm, depth.vertexBasis, basis.names)
  const eyeballs = paintEyeballs(image, openings.eyes, regions, analysis.irises, grid)
  const margin = marginPoints(grid, layer.alpha, layer.moving, depth.skinZ, head)
  const tShading = performance.now()
  const shading = faceShading(grid, raster, basis.triangles, lm, analysis.canonicalLandmarks, basis.names)
  liftShutLidTone(shading, grid, image, lm, depth.cellBasis, depth.vertexBasis, basis.names)
  timings.shadingMs = performance.now() - tShading
  const points = assemblePoints(
    grid,
    head,
    raster,
    depth,
    { moving: layer.moving, margin: margin.cells, mouth, mouthOpening: openings.mouth, eyes },
    basis.names.length,
    shading,
    eyeFields
  )
  t = mark('pointsMs', t)

  const textures = buildTextures(
    grid,
    image.data,
    layer,
    mouth,
    margin,
    options.personMask,
    eyeballs,
    occluder && { matte: occluder, onFace }
  )
  const padded = (pad: number) => ({ width: grid.width + 2 * pad, height: grid.height + 2 * pad })
  const textureLevels = buildTextureLevels(
    { data: textures.texture, ...padded(margin.texturePad) },
    { data: textures.plate, ...padded(textures.platePad), channels: textures.plateChannels }
  )
  mark('texturesMs', t)
  timings.totalMs = performance.now() - t0

  return {
    width: grid.width,
    height: grid.height,
    cell: grid.cell,
    ...splatWindow(grid, points.features, points.count),
    leakDepth: 0.8 * s,
    pointCount: points.count,
    features: points.features,
    featureChannels: points.featureChannels,
    pointAttrs: points.pointAttrs,
    pointNeighbours: points.pointNeighbours,
    shadeCells: points.shadeCells,
    shadeGrid: [grid.gh, grid.gw],
    shadowTint: shadowTint(image, lm),
    pivot: head.pivot,
    texture: textures.texture,
    texturePad: margin.texturePad,
    backTexture: textures.backTexture,
    plate: textures.plate,
    plateChannels: textures.plateChannels,
    platePad: textures.platePad,
    textureLevels,
    occluder,
    timings
  }
}
