import { normalizeRadians, type RotatedRect } from './align-face-crop'
import type { RawDetection } from './raw-detection'

/** Palm keypoints used for the hand's orientation (MediaPipe's palm detector: 0 wrist, 2 middle finger's MCP). */
const WRIST = 0
const MIDDLE_MCP = 2
/** MediaPipe's hand rect from a palm (palm_detection_detection_to_roi): scale 2.6, shift 0.5 up the hand, square. */
const ROI_SCALE = 2.6
const ROI_SHIFT_Y = -0.5

/**
 * The landmark model's crop for a palm detection (box and keypoints in image px, x right, y down), as MediaPipe's
 * DetectionsToRectsCalculator and RectTransformationCalculator make it: rotated so the wrist → middle-finger
 * axis points up in the crop (target angle 90°), moved half the box's height toward the fingers, squared on the
 * longer side and scaled by 2.6. Returns the rect in image px.
 */
export function palmToHandRect(palm: RawDetection): RotatedRect {
  const x0 = palm.keypoints[2 * WRIST]!
  const y0 = palm.keypoints[2 * WRIST + 1]!
  const x1 = palm.keypoints[2 * MIDDLE_MCP]!
  const y1 = palm.keypoints[2 * MIDDLE_MCP + 1]!
  const rotation = normalizeRadians(Math.PI / 2 - Math.atan2(-(y1 - y0), x1 - x0))
  const { width: w, height: h } = palm
  // The shift is along the rect's own (rotated) y axis.
  const dy = h * ROI_SHIFT_Y
  const xCenter = palm.xMin + w / 2 - Math.sin(rotation) * dy
  const yCenter = palm.yMin + h / 2 + Math.cos(rotation) * dy
  const side = Math.max(w, h) * ROI_SCALE
  return { xCenter, yCenter, width: side, height: side, rotation }
}
