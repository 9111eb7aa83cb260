import { useStudio, type ViewToggles } from '../../store/studio-store'
import { useDrive } from '../../store/drive-store'
import { FrameHeadButton } from './FrameHeadButton'

const TOGGLES: { key: keyof ViewToggles; label: string; title: string; needsDriver?: boolean }[] = [
  {
    key: 'meshOverlay',
    label: 'Mesh',
    title: 'Show the face mesh found on the portrait (and on the driver)'
  },
  { key: 'depthView', label: 'Depth', title: 'Show the depth of the head instead of its colour' },
  { key: 'sideBySide', label: 'Compare', title: 'Show the source photo beside the result' },
  { key: 'safeFrame', label: 'Safe frame', title: 'Show title- and action-safe guides' },
  {
    key: 'driverPip',
    label: 'Driver',
    title: 'Show the driving video in a corner, in step with the playhead',
    needsDriver: true
  }
]

/** The viewport's view options: overlays and views of the preview (never the document), and Frame the head. */
export function ViewportToolbar({ ready }: { ready: boolean }) {
  const view = useStudio((s) => s.view)
  const toggleView = useStudio((s) => s.toggleView)
  const hasDriver = useDrive((s) => s.driver !== null)
  return (
    <div className="viewport__toolbar" role="toolbar" aria-label="View options">
      {TOGGLES.map((toggle) => (
        <button
          key={toggle.key}
          type="button"
          className={`chip${view[toggle.key] ? ' chip--on' : ''}`}
          aria-pressed={view[toggle.key]}
          title={
            toggle.needsDriver && !hasDriver ? 'Available once a driving video is tracked' : toggle.title
          }
          disabled={!ready || (toggle.needsDriver === true && !hasDriver)}
          data-testid={`view-${toggle.key}`}
          onClick={() => toggleView(toggle.key)}
        >
          {toggle.label}
        </button>
      ))}
      <FrameHeadButton disabled={!ready} />
    </div>
  )
}
