import { useMemo, useRef } from 'react'
import { useLive } from '../../store/live-store'
import { useStudio } from '../../store/studio-store'
import { DriveOptionsForm } from '../dialogs/DriveOptionsForm'
import { ModalDialog } from '../dialogs/ModalDialog'
import { meshPath } from '../viewport/mesh-path'
import { RgbaCanvas } from '../viewport/RgbaCanvas'
import { LiveControls } from './LiveControls'
import { LiveTakes } from './LiveTakes'
import { useLiveSession, type LiveView } from './use-live-session'
import '../../styles/drive-dialog.css'
import '../../styles/live-panel.css'

/**
 * Live mode: the camera's raw feed with the tracked mesh, the portrait following the performer, the
 * driving options, Set neutral, takes with a 3-2-1 countdown and punch-in, and the takes list.
 */
export function LivePanel() {
  const open = useLive((s) => s.status.kind !== 'closed')
  return open ? <LivePanelBody /> : null
}

function LivePanelBody() {
  const video = useRef<HTMLVideoElement>(null)
  const view = useLiveSession(video)
  const closeLive = useLive((s) => s.closeLive)
  const recording = useLive((s) => s.recording.phase !== 'idle')
  return (
    <ModalDialog
      title="Live"
      wide
      testId="live-panel"
      className="live-panel"
      onDismiss={recording ? undefined : closeLive}
      actions={
        <button type="button" className="button" onClick={closeLive} data-testid="live-close">
          Close
        </button>
      }
    >
      <LiveCameraBar />
      <div className="live-panel__views">
        <RawFeed video={video} view={view} />
        <AvatarView view={view} />
      </div>
      <LiveHints />
      <div className="live-panel__columns">
        <div>
          <LiveControls />
          <LiveTakes />
        </div>
        <fieldset className="drive-dialog__form" disabled={recording}>
          <DriveOptionsForm live />
        </fieldset>
      </div>
    </ModalDialog>
  )
}

function LiveCameraBar() {
  const cameras = useLive((s) => s.cameras)
  const deviceId = useLive((s) => s.deviceId)
  const setDevice = useLive((s) => s.setDevice)
  const mirror = useLive((s) => s.mirror)
  const setMirror = useLive((s) => s.setMirror)
  const previewSide = useLive((s) => s.previewSide)
  const setPreviewSide = useLive((s) => s.setPreviewSide)
  const recording = useLive((s) => s.recording.phase !== 'idle')
  return (
    <div className="live-panel__bar">
      <label>
        Camera{' '}
        <select
          value={deviceId ?? ''}
          disabled={recording || cameras.length === 0}
          onChange={(event) => setDevice(event.target.value)}
          data-testid="live-camera"
        >
          {cameras.length === 0 && <option value="">No camera</option>}
          {cameras.map((camera) => (
            <option key={camera.deviceId} value={camera.deviceId}>
              {camera.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          checked={mirror}
          onChange={(event) => setMirror(event.target.checked)}
          data-testid="live-mirror"
        />{' '}
        Mirror
      </label>
      <label>
        Preview{' '}
        <select
          value={previewSide}
          onChange={(event) => setPreviewSide(event.target.value === '512' ? 512 : 256)}
          data-testid="live-preview-size"
        >
          <option value="256">256 px</option>
          <option value="512">512 px</option>
        </select>
      </label>
    </div>
  )
}

/** The camera as the performer sees it (mirrored by default) with the tracked mesh over it. */
function RawFeed({
  video,
  view
}: {
  video: React.RefObject<HTMLVideoElement | null>
  view: LiveView | null
}) {
  const mirror = useLive((s) => s.mirror)
  const status = useLive((s) => s.status)
  const triangles = useStudio((s) => (s.portrait.kind === 'ready' ? s.portrait.portrait.meshTriangles : null))
  const landmarks = view?.result.face?.landmarks
  const path = useMemo(
    () => (landmarks && triangles ? meshPath(landmarks, triangles) : ''),
    [landmarks, triangles]
  )
  return (
    <div className="live-feed" data-testid="live-feed">
      <video
        ref={video}
        className={`live-feed__video${mirror ? ' live-feed__video--mirror' : ''}`}
        muted
        playsInline
      />
      {path && view && (
        <svg
          className="face-overlay"
          viewBox={`0 0 ${view.frame.width} ${view.frame.height}`}
          preserveAspectRatio="xMidYMid meet"
          aria-hidden="true"
        >
          <path d={path} className="face-overlay__mesh" strokeWidth={0.6} data-testid="live-mesh" />
        </svg>
      )}
      {status.kind !== 'live' && (
        <div className="live-feed__status" role="status" data-testid="live-status">
          {status.kind === 'starting' && <span className="spinner spinner--small" aria-hidden="true" />}
          {status.kind === 'starting' || status.kind === 'no-camera' ? status.message : ''}
        </div>
      )}
    </div>
  )
}

/** The portrait following the performer, with fps and latency in its corner. */
function AvatarView({ view }: { view: LiveView | null }) {
  const meters = useLive((s) => s.meters)
  return (
    <div className="live-avatar" data-testid="live-avatar">
      {view && <RgbaCanvas frame={view.result.preview} testId="live-avatar-canvas" />}
      <span
        className="live-avatar__meters"
        data-testid="live-meters"
        title={
          meters.timing
            ? `In the engine: analysis ${meters.timing.analysisMs.toFixed(0)} ms, solve ${meters.timing.solveMs.toFixed(0)} ms, render ${meters.timing.renderMs.toFixed(0)} ms`
            : undefined
        }
      >
        {meters.fps.toFixed(0)} fps · {meters.latencyMs.toFixed(0)} ms
      </span>
    </div>
  )
}

const NEUTRAL_HINT_TEXT = {
  'not-frontal':
    'Your head was turned when the neutral face was taken: face the camera and Set neutral again.',
  'mouth-open': 'Your mouth was open when the neutral face was taken: close it and Set neutral again.'
} as const

/** What may be wrong now: no face, a dark picture, a poor neutral face. */
function LiveHints() {
  const live = useLive((s) => s.status.kind === 'live')
  const faceFound = useLive((s) => s.faceFound)
  const dark = useLive((s) => s.dark)
  const neutral = useLive((s) => s.neutral)
  const hints: string[] = []
  if (live && neutral && !faceFound)
    hints.push('No face in the picture: the portrait eases back to its neutral face.')
  if (live && dark) hints.push('The picture is dark: add light in front of you so the face can be read.')
  for (const hint of neutral?.state === 'set' ? neutral.hints : []) hints.push(NEUTRAL_HINT_TEXT[hint])
  return (
    <div className="live-panel__hints" aria-live="polite">
      {hints.map((hint) => (
        <p key={hint} className="live-panel__hint" data-testid="live-hint">
          {hint}
        </p>
      ))}
    </div>
  )
}
