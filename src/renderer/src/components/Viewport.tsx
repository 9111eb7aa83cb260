import { useEffect, useRef, useState } from 'react'
import { useStudio, type ViewToggles } from '../store/studio-store'
import type { PortraitIntake } from './use-portrait-intake'
import { FaceOverlay } from './FaceOverlay'
import { fitContain, useElementSize } from './use-element-size'

const TOGGLES: { key: keyof ViewToggles; label: string; title: string }[] = [
  { key: 'meshOverlay', label: 'Mesh', title: 'Show the face mesh found on the portrait' },
  { key: 'depthView', label: 'Depth', title: 'Show the depth of the head instead of its colour' },
  { key: 'sideBySide', label: 'Compare', title: 'Show the source photo beside the result' },
  { key: 'safeFrame', label: 'Safe frame', title: 'Show title- and action-safe guides' }
]

export function Viewport({ intake }: { intake: PortraitIntake }) {
  const portrait = useStudio((s) => s.portrait)
  const view = useStudio((s) => s.view)
  const toggleView = useStudio((s) => s.toggleView)
  const preview = useStudio((s) => s.preview)
  const selectFace = useStudio((s) => s.selectFace)
  const canvasRef = useRef<HTMLCanvasElement>(null)
  const frameRef = useRef<HTMLDivElement>(null)
  const frameSize = useElementSize(frameRef)
  const [dragOver, setDragOver] = useState(false)

  useEffect(() => {
    const canvas = canvasRef.current
    if (!canvas || !preview) return
    canvas.width = preview.width
    canvas.height = preview.height
    const context = canvas.getContext('2d')
    if (!context) return
    context.putImageData(
      new ImageData(new Uint8ClampedArray(preview.rgba), preview.width, preview.height),
      0,
      0
    )
  }, [preview])

  const ready = portrait.kind === 'ready'
  return (
    <section
      className={`viewport${dragOver ? ' viewport--drag' : ''}`}
      aria-label="Viewport"
      data-testid="viewport"
      onDragOver={(event) => {
        event.preventDefault()
        event.dataTransfer.dropEffect = 'copy'
        setDragOver(true)
      }}
      onDragLeave={() => setDragOver(false)}
      onDrop={(event) => {
        event.preventDefault()
        setDragOver(false)
        const file = event.dataTransfer.files[0]
        if (file) void intake.importFile(file)
      }}
    >
      <div className="viewport__toolbar" role="toolbar" aria-label="View options">
        {TOGGLES.map((toggle) => (
          <button
            key={toggle.key}
            type="button"
            className={`chip${view[toggle.key] ? ' chip--on' : ''}`}
            aria-pressed={view[toggle.key]}
            title={toggle.title}
            disabled={!ready}
            onClick={() => toggleView(toggle.key)}
          >
            {toggle.label}
          </button>
        ))}
      </div>
      <div className="viewport__stage">
        <div className="viewport__frame" ref={frameRef}>
          {preview && (
            <div className="viewport__picture" style={fitContain(preview, frameSize)}>
              <canvas ref={canvasRef} className="viewport__canvas" data-testid="preview-canvas" />
              {portrait.kind === 'ready' && (
                <FaceOverlay
                  portrait={portrait.portrait}
                  faceIndex={portrait.faceIndex}
                  showMesh={view.meshOverlay}
                  onSelectFace={selectFace}
                />
              )}
              {view.safeFrame && <div className="safe-frame" aria-hidden="true" />}
            </div>
          )}
        </div>
        {portrait.kind === 'empty' && <DropZone onOpen={intake.openDialog} />}
        {portrait.kind === 'ready' && portrait.portrait.faces.length > 1 && (
          <div className="viewport__hint" role="status" data-testid="face-pick-hint">
            {portrait.portrait.faces.length} faces found: face {portrait.faceIndex + 1} will be animated.
            Click another face to choose it.
          </div>
        )}
        {portrait.kind === 'loading' && (
          <div className="viewport__overlay" role="status" data-testid="portrait-loading">
            <div className="spinner" aria-hidden="true" />
            <p>{portrait.message}</p>
            <progress max={1} value={portrait.fraction} />
          </div>
        )}
        {portrait.kind === 'failed' && (
          <div
            className="viewport__overlay viewport__overlay--error"
            role="alert"
            data-testid="portrait-error"
          >
            <h2>That picture can’t be used</h2>
            <p>{portrait.error.message}</p>
            <button type="button" className="button button--primary" onClick={intake.openDialog}>
              Choose another portrait…
            </button>
          </div>
        )}
      </div>
    </section>
  )
}

function DropZone({ onOpen }: { onOpen: () => void }) {
  return (
    <div className="dropzone" data-testid="dropzone">
      <div className="dropzone__icon" aria-hidden="true" />
      <h2>Drop a portrait photo here</h2>
      <p>
        One face, looking roughly toward the camera, at least 256 pixels across.
        <br />
        JPEG, PNG, WebP, TIFF or HEIC.
      </p>
      <button type="button" className="button button--primary" onClick={onOpen}>
        Open portrait…
      </button>
    </div>
  )
}
