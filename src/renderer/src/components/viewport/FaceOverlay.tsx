import type { LoadedPortrait } from '@shared/ipc/contract'

interface FaceOverlayProps {
  portrait: LoadedPortrait
  faceIndex: number
  showMesh: boolean
  /** Numbered face boxes to choose from, shown when the picture has several faces. */
  showPicker: boolean
  onSelectFace: (index: number) => void
}

/**
 * Drawn over the preview in its pixel coordinates: the face mesh of the chosen face (when the mesh
 * toggle is on) and, when the picture has several faces, a numbered box per face to pick from.
 */
export function FaceOverlay({ portrait, faceIndex, showMesh, showPicker, onSelectFace }: FaceOverlayProps) {
  const { preview, faces, meshTriangles } = portrait
  const face = faces[faceIndex]
  const pickable = showPicker && faces.length > 1
  let meshPath = ''
  if (showMesh && face) {
    const p = face.landmarks
    const pt = (i: number) => `${p[i * 2]!.toFixed(1)},${p[i * 2 + 1]!.toFixed(1)}`
    for (let t = 0; t < meshTriangles.length; t += 3) {
      meshPath += `M${pt(meshTriangles[t]!)}L${pt(meshTriangles[t + 1]!)}L${pt(meshTriangles[t + 2]!)}Z`
    }
  }
  const stroke = Math.max(preview.width, preview.height) / 900
  return (
    <svg
      className="face-overlay"
      viewBox={`0 0 ${preview.width} ${preview.height}`}
      preserveAspectRatio="none"
      data-testid="face-overlay"
    >
      {meshPath && (
        <path d={meshPath} className="face-overlay__mesh" strokeWidth={stroke} data-testid="face-mesh" />
      )}
      {pickable &&
        faces.map((f, i) => (
          <g
            key={i}
            className={`face-pick${i === faceIndex ? ' face-pick--selected' : ''}`}
            onClick={() => onSelectFace(i)}
            role="button"
            aria-label={`Animate face ${i + 1}`}
            aria-pressed={i === faceIndex}
            data-testid={`face-pick-${i}`}
          >
            <rect
              x={f.box.x}
              y={f.box.y}
              width={f.box.width}
              height={f.box.height}
              strokeWidth={stroke * 2}
            />
            <text x={f.box.x + stroke * 4} y={f.box.y - stroke * 6} fontSize={stroke * 22}>
              {i + 1}
            </text>
          </g>
        ))}
    </svg>
  )
}
