/** An SVG path of the face mesh's triangles over 2-D landmarks (x, y pairs). */
export function meshPath(landmarks: readonly number[], triangles: readonly number[]): string {
  const pt = (i: number) => `${landmarks[i * 2]!.toFixed(1)},${landmarks[i * 2 + 1]!.toFixed(1)}`
  let path = ''
  for (let t = 0; t + 2 < triangles.length; t += 3) {
    path += `M${pt(triangles[t]!)}L${pt(triangles[t + 1]!)}L${pt(triangles[t + 2]!)}Z`
  }
  return path
}
