import { useStudio } from '../store/studio-store'

export function TopBar({ onOpenPortrait }: { onOpenPortrait: () => void }) {
  const portrait = useStudio((s) => s.portrait)
  const appInfo = useStudio((s) => s.appInfo)
  const canUndo = useStudio((s) => s.past.length > 0)
  const canRedo = useStudio((s) => s.future.length > 0)
  const undo = useStudio((s) => s.undo)
  const redo = useStudio((s) => s.redo)
  // Saving and export work on an animatable avatar; they stay off until the engine has built one.
  const hasAvatar = false
  const title = portrait.kind === 'empty' ? 'Untitled' : (portrait.file?.name ?? 'Untitled')

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
        <button type="button" className="button" onClick={onOpenPortrait}>
          Open portrait…
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
          disabled={!hasAvatar}
          title={hasAvatar ? 'Save project (Ctrl+S)' : 'Available once an avatar is built'}
        >
          Save
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={!hasAvatar}
          title={hasAvatar ? 'Export video (Ctrl+E)' : 'Available once an avatar is built'}
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
