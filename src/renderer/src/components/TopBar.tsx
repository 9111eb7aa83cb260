import { useExport } from '../store/export-store'
import { selectDirty, useStudio } from '../store/studio-store'
import type { ProjectCommands } from './use-project-commands'
import type { DriveCommands } from './use-drive-commands'
import { openGenerateDialog } from './generate-plan'
import { openLiveMode } from './live/live-takes'
import { useTimelineSelection } from '../store/timeline-selection-store'

export function TopBar({
  onOpenPortrait,
  projects,
  drive
}: {
  onOpenPortrait: () => void
  projects: ProjectCommands
  drive: DriveCommands
}) {
  const portrait = useStudio((s) => s.portrait)
  const appInfo = useStudio((s) => s.appInfo)
  const canUndo = useStudio((s) => s.past.length > 0)
  const canRedo = useStudio((s) => s.future.length > 0)
  const undo = useStudio((s) => s.undo)
  const redo = useStudio((s) => s.redo)
  const project = useStudio((s) => s.project)
  const dirty = useStudio(selectDirty)
  const canSave = portrait.kind === 'ready'
  // Export works on an animatable avatar; it stays off until the engine has built one.
  const hasAvatar = useStudio((s) => s.avatar.kind === 'ready')
  const openExportDialog = useExport((s) => s.openDialog)
  const title = `${project?.file.name ?? (portrait.kind === 'ready' ? `${portrait.file.name} (unsaved)` : 'Untitled')}${dirty && project ? ' •' : ''}`

  return (
    <header className="topbar">
      <div className="topbar__brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Mimesis Studio</span>
      </div>
      <div className="topbar__title" title={title}>
        {title}
      </div>
      <nav className="topbar__actions" aria-label="Project">
        <button
          type="button"
          className="button"
          onClick={onOpenPortrait}
          title="Open a portrait photo (Ctrl+Shift+O)"
        >
          Open portrait…
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void projects.open()}
          title="Open a project (Ctrl+O)"
        >
          Open project…
        </button>
        <button type="button" className="button" disabled={!canUndo} onClick={undo} title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button
          type="button"
          className="button"
          disabled={!canRedo}
          onClick={redo}
          title="Redo (Ctrl+Shift+Z)"
        >
          Redo
        </button>
        <button
          type="button"
          className="button"
          disabled={!canSave}
          onClick={() => void projects.save()}
          title={canSave ? 'Save the project (Ctrl+S; Save As: Ctrl+Shift+S)' : 'Open a portrait first'}
        >
          Save
        </button>
        <button
          type="button"
          className="button"
          disabled={!hasAvatar}
          onClick={drive.open}
          data-testid="drive-open"
          title={
            hasAvatar
              ? 'Drive the portrait from a video of someone else (Ctrl+Shift+D)'
              : 'Available once an avatar is built'
          }
        >
          Drive from video…
        </button>
        <button
          type="button"
          className="button"
          disabled={!hasAvatar}
          onClick={openLiveMode}
          data-testid="live-open"
          title={
            hasAvatar
              ? 'Drive the portrait from your camera in real time and record takes (Ctrl+Shift+L)'
              : 'Available once an avatar is built'
          }
        >
          Live…
        </button>
        <button
          type="button"
          className="button"
          disabled={!canSave}
          onClick={() => openGenerateDialog(useTimelineSelection.getState().selected)}
          data-testid="generate-open"
          title={
            canSave ? 'Generate idle life or an emotion as keys (Ctrl+Shift+G)' : 'Open a portrait first'
          }
        >
          Generate…
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={!hasAvatar}
          onClick={openExportDialog}
          data-testid="export-open"
          title={
            hasAvatar
              ? 'Export video, an image sequence, a GIF or rig curves (Ctrl+E)'
              : 'Available once an avatar is built'
          }
        >
          Export…
        </button>
      </nav>
      <div className="topbar__status" data-testid="engine-status">
        {appInfo ? (
          <>
            <span className={`dot ${appInfo.ffmpeg.available ? 'dot--ok' : 'dot--warn'}`} />
            ONNX Runtime {appInfo.inference.onnxruntime} ·{' '}
            {appInfo.inference.executionProviders
              .filter((ep) => ep.bundled)
              .map((ep) => ep.name)
              .join(', ')}
          </>
        ) : (
          'Connecting…'
        )}
      </div>
    </header>
  )
}
