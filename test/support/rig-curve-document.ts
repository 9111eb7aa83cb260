// A small animation for the rig-curve tests: linear keys on a few directions and the camera.
import { BUILTIN_EXPRESSION_DIRECTIONS } from '../../src/shared/engine/expression-directions'
import {
  createDocument,
  keyId,
  seconds,
  type AnimationDocument,
  type Keyframe,
  type Track
} from '../../src/shared/timeline'

const linear = (time: number, value: number, id: string): Keyframe => ({
  id: keyId(id),
  time: seconds(time),
  value,
  interpolation: 'linear'
})

/**
 * 1 s at 4 fps: smile 0 → 1 over the second, lipsPress -1 → 0, blinkL held at 0.5, yaw 0 → -20°, zoom 1 → 2; every
 * other track empty. Extra expression tracks named in `extraTracks` are added with value 0.25.
 */
export function rigCurveDocument(extraTracks: readonly string[] = []): AnimationDocument {
  const base = createDocument({
    expressionNames: [...BUILTIN_EXPRESSION_DIRECTIONS.map((d) => d.name), ...extraTracks],
    settings: { fps: 4, durationSec: seconds(1) }
  })
  const keys: Readonly<Record<string, readonly Keyframe[]>> = {
    smile: [linear(0, 0, 's0'), linear(1, 1, 's1')],
    lipsPress: [linear(0, -1, 'p0'), linear(1, 0, 'p1')],
    blinkL: [linear(0, 0.5, 'b0')],
    yaw: [linear(0, 0, 'y0'), linear(1, -20, 'y1')],
    zoom: [linear(0, 1, 'z0'), linear(1, 2, 'z1')],
    ...Object.fromEntries(extraTracks.map((name) => [name, [linear(0, 0.25, `${name}0`)]]))
  }
  const tracks: Track[] = base.tracks.map((t) => ({ ...t, keys: keys[t.name] ?? [] }))
  return { ...base, tracks }
}
