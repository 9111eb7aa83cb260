import { memo, useCallback, useDeferredValue, useMemo } from 'react'
import {
  CAMERA_PARAMS,
  CAMERA_TRACK_DEFINITIONS,
  evaluate,
  seconds,
  trackIdFor,
  type CameraParam,
  type TrackKind
} from '@shared/timeline'
import { directionMin } from '@shared/engine'
import { CAMERA_LABELS, REGION_LABELS, REGION_ORDER, type DirectionInfo } from '../store/direction-catalog'
import { useStudio } from '../store/studio-store'
import { useTimelineSelection } from '../store/timeline-selection-store'
import { ParamSlider } from './ParamSlider'
import { useThrottledValue } from './use-throttled-value'
import { useSetTrackValue } from './use-set-track-value'
import { toggleKeyAt, trackKeyState, type TrackKeyState } from './timeline/timeline-commands'

const CAMERA_UNITS: Record<CameraParam, string> = {
  yaw: '°',
  pitch: '°',
  roll: '°',
  zoom: '×',
  panX: '',
  panY: ''
}

/**
 * How often the read-outs follow a moving playhead, ms: each update re-renders, lays out and rasterises up to
 * 24 sliders, which at every frame of a scrub cost the timeline most of its frame rate.
 */
const FOLLOW_PLAYHEAD_MS = 200

const formatExpression = (v: number) => v.toFixed(2)
const CAMERA_FORMATS = Object.fromEntries(
  CAMERA_PARAMS.map((param) => {
    const digits = CAMERA_TRACK_DEFINITIONS[param].unit === 'degrees' ? 1 : 2
    return [param, (v: number) => `${v.toFixed(digits)}${CAMERA_UNITS[param]}`]
  })
) as Record<CameraParam, (v: number) => string>

interface InspectorParamProps {
  readonly kind: TrackKind
  readonly name: string
  readonly label: string
  readonly value: number
  readonly min: number
  readonly max: number
  readonly step: number
  readonly defaultValue: number
  readonly enabled: boolean
  readonly format: (value: number) => string
  readonly keyState: TrackKeyState
}

/**
 * One parameter's slider and key button. Memoised with callbacks that depend only on the track, so a
 * playhead move re-renders only the sliders whose value or key state changed.
 */
const InspectorParam = memo(function InspectorParam(props: InspectorParamProps) {
  const { kind, name, label, value, min, max, step, defaultValue, enabled, format, keyState } = props
  const setTrackValue = useSetTrackValue()
  const commit = useStudio((s) => s.commit)
  const onChange = useCallback(
    (next: number, phase: Parameters<typeof setTrackValue>[3]) => setTrackValue(kind, name, next, phase),
    [setTrackValue, kind, name]
  )
  const onToggleKey = useCallback(
    () =>
      commit((doc) => toggleKeyAt(doc, trackIdFor(kind, name), useStudio.getState().playhead), {
        history: true
      }),
    [commit, kind, name]
  )
  return (
    <ParamSlider
      id={`${kind === 'expression' ? 'expr' : 'camera'}-${name}`}
      label={label}
      value={value}
      min={min}
      max={max}
      step={step}
      defaultValue={defaultValue}
      disabled={!enabled}
      format={format}
      onChange={onChange}
      keyState={keyState}
      onToggleKey={onToggleKey}
    />
  )
})

export function Inspector() {
  const directions = useStudio((s) => s.directions)
  const enabled = useStudio((s) => s.portrait.kind === 'ready')
  const autoKey = useStudio((s) => s.autoKey)
  const toggleAutoKey = useStudio((s) => s.toggleAutoKey)
  const document = useStudio((s) => s.document)
  // The read-outs follow the playhead at most every FOLLOW_PLAYHEAD_MS and at low priority: while it plays,
  // React renders the playhead and the timecode first and the inspector's sliders a few times a second;
  // while the ruler is scrubbed, once the playhead rests. They always end on the playhead's last position.
  const scrubbing = useTimelineSelection((s) => s.scrubbing)
  const moving = useThrottledValue(
    useStudio((s) => s.playhead),
    FOLLOW_PLAYHEAD_MS,
    scrubbing
  )
  const playhead = useDeferredValue(moving)
  const params = useMemo(() => evaluate(document, seconds(playhead)), [document, playhead])
  const keyState = (kind: TrackKind, name: string) =>
    trackKeyState(document, trackIdFor(kind, name), playhead)

  return (
    <aside className="inspector" aria-label="Inspector" data-testid="inspector">
      <div className="inspector__header">
        <h2>Expression</h2>
        <label className="switch" title="Set a key at the playhead whenever a slider moves">
          <input type="checkbox" checked={autoKey} onChange={toggleAutoKey} />
          <span>Auto-key</span>
        </label>
      </div>
      {!enabled && <p className="inspector__hint">Load a portrait to shape its expression and camera.</p>}
      <div className="inspector__scroll">
        {REGION_ORDER.map((region) => {
          const inRegion = directions.filter((d: DirectionInfo) => d.region === region)
          if (inRegion.length === 0) return null
          return (
            <section key={region} className="param-group" aria-label={REGION_LABELS[region]}>
              <h3>{REGION_LABELS[region]}</h3>
              {inRegion.map((direction) => (
                <InspectorParam
                  key={direction.name}
                  kind="expression"
                  name={direction.name}
                  label={direction.label}
                  value={params.expression[direction.name] ?? 0}
                  min={directionMin(direction)}
                  max={1}
                  step={0.01}
                  defaultValue={0}
                  enabled={enabled}
                  format={formatExpression}
                  keyState={keyState('expression', direction.name)}
                />
              ))}
            </section>
          )
        })}
        <section className="param-group" aria-label="Camera">
          <h3>Camera</h3>
          {CAMERA_PARAMS.map((param) => {
            const def = CAMERA_TRACK_DEFINITIONS[param]
            return (
              <InspectorParam
                key={param}
                kind="camera"
                name={param}
                label={CAMERA_LABELS[param]}
                value={params.camera[param]}
                min={def.range.min}
                max={def.range.max}
                step={def.unit === 'degrees' ? 0.5 : 0.01}
                defaultValue={def.defaultValue}
                enabled={enabled}
                format={CAMERA_FORMATS[param]}
                keyState={keyState('camera', param)}
              />
            )
          })}
        </section>
      </div>
    </aside>
  )
}
