import type { LoadedPortrait } from '@shared/ipc/contract'
import type { ViewFraming } from '@shared/engine/frame-on-head'

interface FaceOverlayProps {
  portrait: LoadedPortrait
  faceIndex: number
  showMesh: boolean
  /** Numbered face boxes to choose from, shown when the picture has several faces. */
  showPicker: boolean
  onSelectFace: (index: number) => void
  /** The view's framing (Frame the head): the overlay is zoomed and moved as the renderer frames the picture. */
  framing: ViewFraming
}

/**
 * The renderer's framing in the overlay's units (source px over a picture of the source's aspect): a source
 * point s shows at W/2 + (s − W/2)·zoom + pan·W along each axis (see frame-on-head.ts).
 */
function framingTransform(framing: ViewFraming, width: number, height: number): string | undefined {
  if (framing.zoom === 1 && framing.panX === 0 && framing.panY === 0) return undefined
  const x = width / 2 + framing.panX * width
  const y = height / 2 + framing.panY * height
  return `translate(${x} ${y}) scale(${framing.zoom}) translate(${-width / 2} ${-height / 2})`
}

/**
 * Drawn over the preview in its pixel coordinates: the face mesh of the chosen face (when the mesh
 * toggle is on) and, when the picture has several faces, a numbered box per face to pick from.
 */
export function FaceOverlay(props: FaceOverlayProps) {
  const { portrait, faceIndex, showMesh, showPicker, onSelectFace, framing } = props
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
  // Lines keep their width on screen however far the framing zooms.
  const stroke = Math.max(preview.width, preview.height) / 900 / framing.zoom
  return (
    <svg
      className="face-overlay"
      viewBox={`0 0 ${preview.width} ${preview.height}`}
      preserveAspectRatio="none"
      data-testid="face-overlay"
    >
      <g transform={framingTransform(framing, preview.width, preview.height)}>
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
      </g>
    </svg>
  )
}
