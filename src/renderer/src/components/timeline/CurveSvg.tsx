import type { Track } from '@shared/timeline'
import { formatValue } from './curve-drag'
import { curvePath, gridValues, valueToY, type bezierHandlePoints, type CurveLayout } from './curve-geometry'
import { timeToX, type TimelineView } from './timeline-geometry'
import { refId } from './timeline-selection'

/** A key's mark: a diamond (linear), a square (hold), or a circle (eases and Bézier). */
function KeyShape(props: { interpolation: string; x: number; y: number; selected: boolean }) {
  const { interpolation, x, y, selected } = props
  const className = `curve-key curve-key--${interpolation}${selected ? ' curve-key--selected' : ''}`
  if (interpolation === 'linear')
    return (
      <rect
        className={className}
        x={x - 4.5}
        y={y - 4.5}
        width={9}
        height={9}
        transform={`rotate(45 ${x} ${y})`}
      />
    )
  if (interpolation === 'hold') return <rect className={className} x={x - 4} y={y - 4} width={8} height={8} />
  return <circle className={className} cx={x} cy={y} r={4.5} />
}

/** The curve view's drawing: value grid, the curve, Bézier handles and keys (hit areas carry data-* ids). */
export function CurveSvg(props: {
  track: Track
  layout: CurveLayout
  view: TimelineView
  width: number
  height: number
  handles: ReturnType<typeof bezierHandlePoints>
  selectedIds: ReadonlySet<string>
}) {
  const { track, layout, view, width, height, handles, selectedIds } = props
  return (
    <svg className="curve-view__svg" width={width} height={height}>
      {gridValues(track).map((value) => {
        const y = valueToY(value, layout)
        return (
          <g key={value} className="curve-view__grid">
            <line x1={0} x2={width} y1={y} y2={y} />
            <text x={width - 6} y={y - 3} textAnchor="end">
              {formatValue(track, value)}
            </text>
          </g>
        )
      })}
      <path className="curve-view__curve" d={curvePath(track, layout)} data-testid="curve-path" />
      {handles.map((h) => (
        <g key={`${h.segmentKey.id}-${h.side}`} className="curve-handle">
          <line x1={h.anchor.x} y1={h.anchor.y} x2={h.point.x} y2={h.point.y} />
          <circle
            className="curve-handle__hit"
            cx={h.point.x}
            cy={h.point.y}
            r={9}
            data-handle-side={h.side}
            data-segment-key={h.segmentKey.id}
            data-testid={`curve-handle-${h.side}`}
          />
          <circle className="curve-handle__dot" cx={h.point.x} cy={h.point.y} r={4} />
        </g>
      ))}
      {track.keys.map((key) => {
        const x = timeToX(key.time, view, width)
        const y = valueToY(key.value, layout)
        const selected = selectedIds.has(refId({ trackId: track.id, keyId: key.id }))
        return (
          <g
            key={key.id}
            className="curve-key-group"
            data-track-id={track.id}
            data-key-id={key.id}
            data-time={key.time}
            data-value={key.value}
            data-testid="curve-key"
          >
            <title>{`${key.time.toFixed(2)} s = ${formatValue(track, key.value)} (${key.interpolation})`}</title>
            <circle className="curve-key__hit" cx={x} cy={y} r={9} />
            <KeyShape interpolation={key.interpolation} x={x} y={y} selected={selected} />
          </g>
        )
      })}
    </svg>
  )
}
