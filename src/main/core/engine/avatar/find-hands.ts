import { join } from 'node:path'
import { resolveResourcesDir } from '../../app/resolve-resources-dir'
import { detectHands, loadHandModels } from '../../analysis/detect-hands'
import { type AvatarImage } from './avatar-representation'
import { type OccludingHand } from './hand-occluder'

/** resources/models, where the model build writes palm_detection_full.onnx and hand_landmark_full.onnx. */
export const DEFAULT_HAND_MODELS_DIR = join(resolveResourcesDir(), 'models')

/**
 * The hands in the portrait (landmarks in its px), for the occluder; none when the hand models are not there
 * (the avatar builds without them, as it does without the segmentation model).
 */
export async function findHands(
  image: AvatarImage,
  modelsDir = DEFAULT_HAND_MODELS_DIR
): Promise<OccludingHand[]> {
  const models = await loadHandModels(modelsDir)
  return models ? detectHands(image, models) : []
}
