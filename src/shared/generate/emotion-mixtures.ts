// The emotions as data: each is a mixture of the built-in expression directions plus a small head pose,
// authored once here and read by the generator, the studio's Generate dialog and the CLI.
//
// The mixtures follow the prototype action units of Ekman & Friesen's EMFACS (as listed in the FACS
// Investigator's Guide, Ekman, Friesen & Hager 2002), mapped onto this project's directions:
//   joy      AU6 + AU12           → smile (which carries the cheek raise, AU6: squint 0.4 at +1)
//   surprise AU1 + AU2 + AU5 + AU26 → inner and outer brow raise, eyes wide, jaw drop
//   sadness  AU1 + AU4 + AU15     → inner brow raise, brow furrow, frown (lip corners down); head down
//   anger    AU4 + AU5 + AU7 + AU23 → brow furrow, eyes wide and squint (lid tightener), lips press
//   disgust  AU9 + AU10 + AU15    → nose sneer, upper lip raise, frown; head turned a little away
//   fear     AU1 + AU2 + AU4 + AU5 + AU20 + AU26 → brows up and furrowed, eyes wide, mouth stretch, jaw
//   doubt    (not a basic emotion) brow furrow, lips press, a corner-down mouth, narrowed eyes, a look
//            aside and a head tilt.
// Weights are in direction units (1 = the pack's full extent) and stay at or under 0.9, so layered idle
// life still has room; camera angles are degrees (positive pitch looks from above = head lowered).
import type { CameraParam } from '../timeline/track-definitions'

export const EMOTION_NAMES = ['joy', 'surprise', 'sadness', 'anger', 'disgust', 'fear', 'doubt'] as const
export type EmotionName = (typeof EMOTION_NAMES)[number]

/** The head-rotation parameters an emotion may lean on. */
export type EmotionHeadParam = Extract<CameraParam, 'yaw' | 'pitch' | 'roll'>

export interface EmotionMixture {
  readonly label: string
  /** Expression direction → weight at full intensity (built-in direction names). */
  readonly expression: Readonly<Record<string, number>>
  /** Head rotation at full intensity, degrees. */
  readonly head: Readonly<Partial<Record<EmotionHeadParam, number>>>
}

export const EMOTION_MIXTURES: Readonly<Record<EmotionName, EmotionMixture>> = {
  joy: {
    label: 'Joy',
    expression: { smile: 0.85, browOuterUp: 0.1, jawOpen: 0.08 },
    head: { pitch: -1.5, roll: 1.5 }
  },
  surprise: {
    label: 'Surprise',
    expression: { browInnerUp: 0.75, browOuterUp: 0.85, eyesWide: 0.85, jawOpen: 0.5 },
    head: { pitch: -2.5 }
  },
  sadness: {
    label: 'Sadness',
    expression: { browInnerUp: 0.7, browFurrow: 0.3, frown: 0.65, squint: 0.1, gazeVertical: -0.2 },
    head: { pitch: 4, roll: -1.5 }
  },
  anger: {
    label: 'Anger',
    expression: { browFurrow: 0.85, eyesWide: 0.2, squint: 0.4, lipsPress: 0.6, noseSneer: 0.2 },
    head: { pitch: 2 }
  },
  disgust: {
    label: 'Disgust',
    expression: { noseSneer: 0.8, upperLipRaise: 0.6, frown: 0.35, squint: 0.3, browFurrow: 0.3 },
    head: { yaw: -3, pitch: -1, roll: -2 }
  },
  fear: {
    label: 'Fear',
    expression: {
      browInnerUp: 0.8,
      browOuterUp: 0.4,
      browFurrow: 0.3,
      eyesWide: 0.9,
      mouthStretch: 0.6,
      jawOpen: 0.2
    },
    head: { pitch: -2, yaw: 2 }
  },
  doubt: {
    label: 'Doubt',
    expression: {
      browFurrow: 0.3,
      lipsPress: 0.4,
      frown: 0.2,
      squint: 0.25,
      jawSideways: 0.15,
      gazeHorizontal: 0.25
    },
    head: { roll: 4, yaw: 1.5 }
  }
}

export function isEmotionName(name: string): name is EmotionName {
  return (EMOTION_NAMES as readonly string[]).includes(name)
}
