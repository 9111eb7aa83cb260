// How the pack's expression directions become ARKit's 52 blendshape weights (FreeAvatar's point: a performance
// transfers to any rig through its parameters, and ARKit's set is the one most rigs and tools read).
//
// Sides. Each side of a direction is a shape of its own: smile +1 (corners up) and smile -1 (corners down) are not
// one curve, so every two-sided direction is split into its positive part max(v, 0) and its negative part
// max(-v, 0), each 0..1. One-sided directions (jawOpen, the blinks, upperLipRaise, browFurrow, noseSneer) have only
// the positive side; their value is clamped at 0 as the engine does (`expressionCode`).
//
// Left and right. ARKit's Left / Right are the subject's own (ARFaceAnchor's x axis points to the face's left, the
// viewer's right): eyeBlinkLeft closes the subject's left eye. The pack uses the same convention: blinkL closes the
// subject's left eye (face-mesh landmarks 263…362, x toward the subject's left), jawSideways +1 moves the jaw to the
// subject's left, gazeHorizontal +1 turns the irises toward the subject's left (the image's right in a frontal
// photo). Looking toward the subject's left, the left eye looks out (away from the nose) and the right eye looks
// in (toward it): gazeHorizontal + drives eyeLookOutLeft and eyeLookInRight, - drives eyeLookInLeft and
// eyeLookOutRight.
//
// Combination. A shape driven by several sides takes their weighted sum, clamped to ARKit's 0..1 (the pack's
// directions add linearly, so a sum is what the face does). Symmetric directions drive both sides' shapes equally.
//
// Approximations (the pack and ARKit cut the face differently):
// - smile -1 (corners down) and frown +1 both drive mouthFrownLeft/Right; frown's mentalis part (chin boss and lower
//   lip up) also drives mouthShrugLower at 0.5.
// - browFurrow (the corrugators: brows in and down) drives browDownLeft/Right, ARKit's nearest shape; ARKit has no
//   pure furrow. browOuterUp -1 (outer brows down) is what Apple's browDown describes, and drives it too.
// - squint +1 (lids narrow, cheeks up) drives eyeSquintLeft/Right and cheekSquintLeft/Right.
// - gaze ±1 (about 30° sideways, 14° up or down) is eyeLook* 1.
// Sides with no ARKit counterpart are carried as extra columns `mimesis.<direction>.neg` (0..1): frown -1, pucker -1
// (lips wide and flat), mouthStretch -1 (corners drawn in), lipsPress -1 (full lips, rolled out), eyesWide -1,
// squint -1 and browInnerUp -1. A direction the table does not know (a pack trained elsewhere) is carried whole, as
// `mimesis.<name>.pos` and `mimesis.<name>.neg`. Nothing is dropped. The shapes no side drives (jawForward,
// mouthClose, mouthFunnel, mouthLeft/Right, mouthDimple*, mouthRoll*, mouthShrugUpper, mouthLowerDown*, cheekPuff,
// tongueOut) are written as 0 columns, so a file always has all 52.

/** ARKit's blendshape names (ARFaceAnchor.BlendShapeLocation), in Apple's documented order. */
export const ARKIT_BLENDSHAPES = [
  'eyeBlinkLeft',
  'eyeLookDownLeft',
  'eyeLookInLeft',
  'eyeLookOutLeft',
  'eyeLookUpLeft',
  'eyeSquintLeft',
  'eyeWideLeft',
  'eyeBlinkRight',
  'eyeLookDownRight',
  'eyeLookInRight',
  'eyeLookOutRight',
  'eyeLookUpRight',
  'eyeSquintRight',
  'eyeWideRight',
  'jawForward',
  'jawLeft',
  'jawRight',
  'jawOpen',
  'mouthClose',
  'mouthFunnel',
  'mouthPucker',
  'mouthLeft',
  'mouthRight',
  'mouthSmileLeft',
  'mouthSmileRight',
  'mouthFrownLeft',
  'mouthFrownRight',
  'mouthDimpleLeft',
  'mouthDimpleRight',
  'mouthStretchLeft',
  'mouthStretchRight',
  'mouthRollLower',
  'mouthRollUpper',
  'mouthShrugLower',
  'mouthShrugUpper',
  'mouthPressLeft',
  'mouthPressRight',
  'mouthLowerDownLeft',
  'mouthLowerDownRight',
  'mouthUpperUpLeft',
  'mouthUpperUpRight',
  'browDownLeft',
  'browDownRight',
  'browInnerUp',
  'browOuterUpLeft',
  'browOuterUpRight',
  'cheekPuff',
  'cheekSquintLeft',
  'cheekSquintRight',
  'noseSneerLeft',
  'noseSneerRight',
  'tongueOut'
] as const

export type ArkitBlendshape = (typeof ARKIT_BLENDSHAPES)[number]

/** A name as Live Link Face's CSV writes it: `eyeBlinkLeft` → `EyeBlinkLeft`. */
export function liveLinkName(name: ArkitBlendshape): string {
  return name.charAt(0).toUpperCase() + name.slice(1)
}

/** The positive (+1 side) or negative (-1 side) part of a direction. */
export type DirectionSide = 'pos' | 'neg'

export interface ArkitTarget {
  readonly shape: ArkitBlendshape
  /** The shape's weight at the side's full value (1). */
  readonly weight: number
}

export interface DirectionSideMapping {
  readonly direction: string
  readonly side: DirectionSide
  /** The ARKit shapes this side drives; empty: it is carried as the extra column `extraColumnName`. */
  readonly targets: readonly ArkitTarget[]
}

const both = (left: ArkitBlendshape, right: ArkitBlendshape, weight = 1): ArkitTarget[] => [
  { shape: left, weight },
  { shape: right, weight }
]

const side = (
  direction: string,
  s: DirectionSide,
  targets: readonly ArkitTarget[] = []
): DirectionSideMapping => ({
  direction,
  side: s,
  targets
})

/**
 * Every side of the built-in pack's 18 directions (`BUILTIN_EXPRESSION_DIRECTIONS`): 12 two-sided directions have
 * two rows, the 6 one-sided ones one. See the module's comment for the conventions and the approximations.
 */
export const ARKIT_MAPPING: readonly DirectionSideMapping[] = [
  side('jawOpen', 'pos', [{ shape: 'jawOpen', weight: 1 }]),
  side('jawSideways', 'pos', [{ shape: 'jawLeft', weight: 1 }]),
  side('jawSideways', 'neg', [{ shape: 'jawRight', weight: 1 }]),
  side('smile', 'pos', both('mouthSmileLeft', 'mouthSmileRight')),
  side('smile', 'neg', both('mouthFrownLeft', 'mouthFrownRight')),
  side('frown', 'pos', [
    ...both('mouthFrownLeft', 'mouthFrownRight'),
    { shape: 'mouthShrugLower', weight: 0.5 }
  ]),
  side('frown', 'neg'),
  side('pucker', 'pos', [{ shape: 'mouthPucker', weight: 1 }]),
  side('pucker', 'neg'),
  side('mouthStretch', 'pos', both('mouthStretchLeft', 'mouthStretchRight')),
  side('mouthStretch', 'neg'),
  side('lipsPress', 'pos', both('mouthPressLeft', 'mouthPressRight')),
  side('lipsPress', 'neg'),
  side('upperLipRaise', 'pos', both('mouthUpperUpLeft', 'mouthUpperUpRight')),
  side('blinkL', 'pos', [{ shape: 'eyeBlinkLeft', weight: 1 }]),
  side('blinkR', 'pos', [{ shape: 'eyeBlinkRight', weight: 1 }]),
  side('eyesWide', 'pos', both('eyeWideLeft', 'eyeWideRight')),
  side('eyesWide', 'neg'),
  side('squint', 'pos', [
    ...both('eyeSquintLeft', 'eyeSquintRight'),
    ...both('cheekSquintLeft', 'cheekSquintRight')
  ]),
  side('squint', 'neg'),
  side('gazeHorizontal', 'pos', [
    { shape: 'eyeLookOutLeft', weight: 1 },
    { shape: 'eyeLookInRight', weight: 1 }
  ]),
  side('gazeHorizontal', 'neg', [
    { shape: 'eyeLookInLeft', weight: 1 },
    { shape: 'eyeLookOutRight', weight: 1 }
  ]),
  side('gazeVertical', 'pos', both('eyeLookUpLeft', 'eyeLookUpRight')),
  side('gazeVertical', 'neg', both('eyeLookDownLeft', 'eyeLookDownRight')),
  side('browInnerUp', 'pos', [{ shape: 'browInnerUp', weight: 1 }]),
  side('browInnerUp', 'neg'),
  side('browOuterUp', 'pos', both('browOuterUpLeft', 'browOuterUpRight')),
  side('browOuterUp', 'neg', both('browDownLeft', 'browDownRight')),
  side('browFurrow', 'pos', both('browDownLeft', 'browDownRight')),
  side('noseSneer', 'pos', both('noseSneerLeft', 'noseSneerRight'))
]

/** The extra column of a direction side that no ARKit shape carries: `mimesis.lipsPress.neg`. */
export function extraColumnName(direction: string, s: DirectionSide): string {
  return `mimesis.${direction}.${s}`
}

/** A direction as the mapping needs it (`ExpressionDirectionSpec` fits). */
export interface RigDirection {
  readonly name: string
  readonly oneSided?: boolean | undefined
}

/** Where each direction side goes, for one list of directions: decided once per export. */
export interface ArkitLayout {
  readonly directions: readonly RigDirection[]
  /** Names of the extra columns, in order: the table's unmapped sides, then unknown directions' sides. */
  readonly extraNames: readonly string[]
  /** Per direction (same order), per side: the ARKit targets, or the index of its extra column. */
  readonly routes: readonly { readonly pos: SideRoute; readonly neg: SideRoute | null }[]
}

type SideRoute = { readonly targets: readonly ArkitTarget[] } | { readonly extra: number }

const SHAPE_INDEX: ReadonlyMap<string, number> = new Map(ARKIT_BLENDSHAPES.map((name, i) => [name, i]))

/**
 * The layout for `directions` (the pack's, in its order): each side with a table row goes to its ARKit targets or
 * its extra column; a direction without rows is carried whole (`.pos`, and `.neg` unless one-sided).
 */
export function arkitLayout(directions: readonly RigDirection[]): ArkitLayout {
  const extraNames: string[] = []
  const route = (name: string, s: DirectionSide): SideRoute => {
    const row = ARKIT_MAPPING.find((m) => m.direction === name && m.side === s)
    if (row && row.targets.length > 0) return { targets: row.targets }
    extraNames.push(extraColumnName(name, s))
    return { extra: extraNames.length - 1 }
  }
  const routes = directions.map((d) => ({
    pos: route(d.name, 'pos'),
    neg: d.oneSided === true ? null : route(d.name, 'neg')
  }))
  return { directions, extraNames, routes }
}

/** One frame's rig weights: the 52 ARKit shapes in Apple's order and the extra columns, each 0..1. */
export interface ArkitFrame {
  readonly shapes: Float64Array
  readonly extra: Float64Array
}

const clamp01 = (v: number): number => (v > 1 ? 1 : v > 0 ? v : 0)

/**
 * The ARKit weights of one expression code (`evaluate(document, t).expression`; missing names are 0). Each value is
 * first clamped to its direction's range (-1..1, or 0..1 one-sided), as the renderer does.
 */
export function arkitFrame(layout: ArkitLayout, values: Readonly<Record<string, number>>): ArkitFrame {
  const shapes = new Float64Array(ARKIT_BLENDSHAPES.length)
  const extra = new Float64Array(layout.extraNames.length)
  const apply = (r: SideRoute, amount: number): void => {
    if ('extra' in r) extra[r.extra] = clamp01(amount)
    else for (const t of r.targets) shapes[SHAPE_INDEX.get(t.shape)!]! += t.weight * amount
  }
  layout.directions.forEach((d, i) => {
    const raw = values[d.name] ?? 0
    const v = Number.isFinite(raw) ? Math.max(d.oneSided === true ? 0 : -1, Math.min(1, raw)) : 0
    const r = layout.routes[i]!
    apply(r.pos, Math.max(v, 0))
    if (r.neg) apply(r.neg, Math.max(-v, 0))
  })
  for (let i = 0; i < shapes.length; i++) shapes[i] = clamp01(shapes[i]!)
  return { shapes, extra }
}
