import { useMemo } from 'react'
import type { DriverFrame } from '@shared/ipc/contract'
import { useStudio } from '../../store/studio-store'
import { meshPath } from './mesh-path'
import { RgbaCanvas } from './RgbaCanvas'

/**
 * One picture of the driving clip, scaled to its box, with the face mesh tracked on that frame drawn
 * over it when `showMesh` is on (the mesh's triangles are the portrait's: one face model for both).
 */
export function DriverPicture({
  frame,
  showMesh,
  testId
}: {
  frame: DriverFrame | null
  showMesh: boolean
  testId?: string
}) {
  const triangles = useStudio((s) => (s.portrait.kind === 'ready' ? s.portrait.portrait.meshTriangles : null))
  const path = useMemo(
    () => (showMesh && frame?.landmarks && triangles ? meshPath(frame.landmarks, triangles) : ''),
    [showMesh, frame, triangles]
  )
  if (!frame) {
    return (
      <div className="driver-picture driver-picture--empty" data-testid={testId}>
        <span className="spinner spinner--small" aria-hidden="true" />
      </div>
    )
  }
  return (
    <div
      className="driver-picture"
      style={{ aspectRatio: `${frame.width} / ${frame.height}` }}
      data-testid={testId}
      data-time={frame.timeSec.toFixed(3)}
    >
      <RgbaCanvas frame={frame} />
      {path && (
        <svg
          className="face-overlay"
          viewBox={`0 0 ${frame.width} ${frame.height}`}
          preserveAspectRatio="none"
          aria-hidden="true"
        >
          <path
            d={path}
            className="face-overlay__mesh"
            strokeWidth={Math.max(frame.width, frame.height) / 500}
            data-testid={testId ? `${testId}-mesh` : undefined}
          />
        </svg>
      )}
    </div>
  )
}
