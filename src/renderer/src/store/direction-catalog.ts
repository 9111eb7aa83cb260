import type { CameraParam } from '@shared/timeline'
import {
  BUILTIN_EXPRESSION_DIRECTIONS,
  type ExpressionDirectionSpec,
  type ExpressionRegion
} from '@shared/engine/index'

/** How an expression direction is shown: its track name, a label, and the inspector group it sits in. */
export type DirectionInfo = ExpressionDirectionSpec

export const REGION_ORDER: readonly ExpressionRegion[] = ['eyes', 'gaze', 'brows', 'mouth', 'jaw', 'nose']

export const REGION_LABELS: Record<ExpressionRegion, string> = {
  eyes: 'Eyes',
  gaze: 'Gaze',
  brows: 'Brows',
  mouth: 'Mouth',
  jaw: 'Jaw',
  nose: 'Nose'
}

/**
 * The built-in pack's directions, shown before a pack's manifest has been read. Once an engine pack is
 * loaded, its manifest's direction list replaces this one.
 */
export const DEFAULT_DIRECTIONS: DirectionInfo[] = [...BUILTIN_EXPRESSION_DIRECTIONS]

/** How the camera parameters are labelled in the inspector and the timeline. */
export const CAMERA_LABELS: Record<CameraParam, string> = {
  yaw: 'Yaw',
  pitch: 'Pitch',
  roll: 'Roll',
  zoom: 'Zoom',
  panX: 'Pan X',
  panY: 'Pan Y'
}
