/** Grey level of the farthest point of the person: darker than the nearest, still apart from the background. */
export const FARTHEST_GREY16 = 4096

/**
 * A rendered frame's depth as 16-bit grey levels: 65535 at the nearest point of the person layer,
 * FARTHEST_GREY16 at its farthest, linear in depth in between (normalised to this frame's own depth
 * range), weighted by the person layer's alpha so its edge stays soft. The background plate, which
 * has no depth, is 0 (black). `depth` is in source px, smaller = closer; `rgba`'s alpha is the
 * person layer (both as `renderFrame` returns them).
 */
export function depthToGrey16(depth: Float32Array, rgba: Uint8Array): Uint16Array {
  if (rgba.length !== depth.length * 4) {
    throw new RangeError(`depthToGrey16: ${depth.length} depth values need ${depth.length * 4} RGBA bytes`)
  }
  let near = Infinity
  let far = -Infinity
  for (let i = 0; i < depth.length; i++) {
    const d = depth[i]!
    if (rgba[4 * i + 3]! > 0 && Number.isFinite(d)) {
      if (d < near) near = d
      if (d > far) far = d
    }
  }
  const out = new Uint16Array(depth.length)
  for (let i = 0; i < depth.length; i++) {
    const alpha = rgba[4 * i + 3]!
    const d = depth[i]!
    if (alpha === 0 || !Number.isFinite(d)) continue
    // A person at one depth (or a single pixel) is all nearest.
    const nearness = far > near ? (far - d) / (far - near) : 1
    const level = FARTHEST_GREY16 + nearness * (65535 - FARTHEST_GREY16)
    out[i] = Math.round((level * alpha) / 255)
  }
  return out
}
