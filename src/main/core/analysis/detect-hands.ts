import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { RgbImage } from '../image/decode-image'
import { type RotatedRect } from './align-face-crop'
import { detectPalms, type PalmDetectorModel } from './detect-palms'
import { readFaceModelManifest, type ManifestModel } from './face-model-manifest'
import { palmToHandRect } from './hand-roi'
import { getOnnxSession, type OnnxSessionOptions } from './onnx-session-cache'
import { runHandLandmarks, type HandLandmarkModel } from './run-hand-landmarks'

/** A hand found in an image. */
export interface DetectedHand {
  /** 21 x (x, y, z), MediaPipe's hand landmark order (0 wrist, 4 thumb tip, 8 index tip, …): image px. */
  readonly landmarks: Float32Array
  /** Hand presence probability from the landmark model (0..1). */
  readonly presence: number
  /** The palm detector's score (0..1). */
  readonly palmScore: number
  /** The landmark model's crop, image px. */
  readonly rect: RotatedRect
}

export interface HandModels {
  readonly palm: PalmDetectorModel
  readonly landmarks: HandLandmarkModel
}

/** Landmark results below this presence are not hands (MediaPipe's min_tracking_confidence default). */
const MIN_PRESENCE = 0.5
/** At most this many hands (MediaPipe's max_num_hands default). */
const MAX_HANDS = 2

const PALM_ID = 'palm_detection_full'
const LANDMARK_ID = 'hand_landmark_full'

/**
 * The palm detector and hand landmark model from `modelsDir` (models.json and the ONNX files the model build
 * writes), through the analysis's session pool; null when they are not there (hands are optional: an avatar
 * builds without them).
 */
export async function loadHandModels(
  modelsDir: string,
  options: OnnxSessionOptions = {}
): Promise<HandModels | null> {
  if (!existsSync(join(modelsDir, 'models.json'))) return null
  const manifest = await readFaceModelManifest(modelsDir)
  const palm = manifest.find((m) => m.id === PALM_ID)
  const landmarks = manifest.find((m) => m.id === LANDMARK_ID)
  if (!palm || !landmarks || ![palm, landmarks].every((m) => existsSync(join(modelsDir, m.file)))) return null
  const name = (m: ManifestModel, i: number): string => m.outputs[i]!.name
  const [palmSession, landmarkSession] = await Promise.all([
    getOnnxSession(join(modelsDir, palm.file), options),
    getOnnxSession(join(modelsDir, landmarks.file), options)
  ])
  return {
    palm: {
      session: palmSession,
      inputName: palm.inputs[0]!.name,
      regressorsName: name(palm, 0),
      scoresName: name(palm, 1)
    },
    landmarks: {
      session: landmarkSession,
      inputName: landmarks.inputs[0]!.name,
      landmarksName: name(landmarks, 0),
      presenceName: name(landmarks, 1)
    }
  }
}

/**
 * Hands in an image: palms first (the whole image letterboxed), then the landmark model on each palm's rotated
 * crop; a hand is kept when the landmark model says one is there. Best palm first, at most two.
 */
export async function detectHands(image: RgbImage, models: HandModels): Promise<DetectedHand[]> {
  const palms = await detectPalms(image, models.palm)
  const hands: DetectedHand[] = []
  for (const palm of palms.slice(0, MAX_HANDS)) {
    const rect = palmToHandRect(palm)
    const { landmarks, presence } = await runHandLandmarks(image, rect, models.landmarks)
    if (presence >= MIN_PRESENCE) hands.push({ landmarks, presence, palmScore: palm.score, rect })
  }
  return hands
}
