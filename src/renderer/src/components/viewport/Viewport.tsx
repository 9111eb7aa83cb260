import { useRef, useState } from 'react'
import { useViewportView } from '../../store/viewport-view-store'
import { usePreviewStage } from './FrameHeadButton'
import { ViewportToolbar } from './ViewportToolbar'
import { useStudio } from '../../store/studio-store'
import type { PortraitIntake } from '../use-portrait-intake'
import { FaceOverlay } from './FaceOverlay'
import { fitContain, useElementSize } from '../use-element-size'
import { PreviewCanvas } from './PreviewCanvas'
import { RgbaCanvas } from './RgbaCanvas'
import { useViewportOrbit } from './use-viewport-orbit'
import { RecentProjectsList } from './RecentProjectsList'
import { DriverPip } from './DriverPip'
import { isDriverVideoName } from '../driver-video-file'
import type { DriveCommands } from '../use-drive-commands'

export function Viewport({
  intake,
  drive,
  onOpenRecent
}: {
  intake: PortraitIntake
  /** Videos dropped here drive the portrait. */
  drive: DriveCommands
  /** Opens a project of the recent list, shown in the empty state. */
  onOpenRecent: (id: string) => void
}) {
  const portrait = useStudio((s) => s.portrait)
  const view = useStudio((s) => s.view)
  const preview = useStudio((s) => s.preview)
  const selectFace = useStudio((s) => s.selectFace)
  const avatar = useStudio((s) => s.avatar)
  const lastRenderMs = useStudio((s) => s.lastRenderMs)
  const previewBusy = useStudio((s) => s.previewBusy)
  const development = useStudio((s) => s.appInfo?.development ?? false)
  const frameRef = useRef<HTMLDivElement>(null)
  const frameSize = useElementSize(frameRef)
  const [dragOver, setDragOver] = useState(false)
  const orbit = useViewportOrbit()

  const ready = portrait.kind === 'ready'
  const compare = view.sideBySide && ready
  const box = compare ? { width: frameSize.width / 2 - 8, height: frameSize.height } : frameSize
  const framing = useViewportView((s) => s.framing)
  usePreviewStage(box)
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
        if (file && isDriverVideoName(file.name)) void drive.importFile(file)
        else if (file) void intake.importFile(file)
      }}
    >
      <ViewportToolbar ready={ready} />
      <div className="viewport__stage">
        <div className={`viewport__frame${compare ? ' viewport__frame--compare' : ''}`} ref={frameRef}>
          {compare && portrait.kind === 'ready' && (
            <div className="viewport__picture" style={fitContain(portrait.portrait.preview, box)}>
              <RgbaCanvas frame={portrait.portrait.preview} testId="source-canvas" />
              <span className="viewport__label">Source</span>
            </div>
          )}
          {preview && (
            <div
              className={`viewport__picture${avatar.kind === 'ready' ? ' viewport__picture--orbit' : ''}`}
              style={fitContain(preview, box)}
              title={
                avatar.kind === 'ready'
                  ? 'Drag to orbit · Shift+drag to pan · Alt+drag or wheel to zoom · double-click to reset'
                  : undefined
              }
              data-testid="preview-picture"
              aria-busy={previewBusy}
              {...orbit}
            >
              <PreviewCanvas frame={preview} testId="preview-canvas" />
              {portrait.kind === 'ready' && !view.depthView && (
                <FaceOverlay
                  portrait={portrait.portrait}
                  faceIndex={portrait.faceIndex}
                  showMesh={view.meshOverlay}
                  showPicker={avatar.kind !== 'ready' || portrait.portrait.faces.length > 1}
                  onSelectFace={selectFace}
                  framing={framing}
                />
              )}
              {view.safeFrame && <div className="safe-frame" aria-hidden="true" />}
              {compare && <span className="viewport__label">Result</span>}
            </div>
          )}
        </div>
        <DriverPip />
        {avatar.kind === 'building' && (
          <div className="viewport__badge" role="status" data-testid="avatar-building">
            <span className="spinner spinner--small" aria-hidden="true" /> Building the 3D head…
          </div>
        )}
        {avatar.kind === 'failed' && (
          <div className="viewport__badge viewport__badge--error" role="alert" data-testid="avatar-failed">
            The head could not be built: {avatar.message}
          </div>
        )}
        {development && avatar.kind === 'ready' && lastRenderMs !== null && (
          <div className="viewport__stats" data-testid="render-stats">
            {preview ? `${preview.width}×${preview.height}` : ''} · {lastRenderMs.toFixed(0)} ms ·{' '}
            {(1000 / Math.max(lastRenderMs, 1)).toFixed(0)} fps
          </div>
        )}
        {portrait.kind === 'empty' && <DropZone onOpen={intake.openDialog} onOpenRecent={onOpenRecent} />}
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

function DropZone({ onOpen, onOpenRecent }: { onOpen: () => void; onOpenRecent: (id: string) => void }) {
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
      <RecentProjectsList onOpen={onOpenRecent} />
    </div>
  )
}
