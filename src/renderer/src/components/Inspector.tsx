import {
  CAMERA_PARAMS,
  CAMERA_TRACK_DEFINITIONS,
  trackIdFor,
  type CameraParam,
  type TrackKind
} from '@shared/timeline'
import { directionMin } from '@shared/engine'
import { CAMERA_LABELS, REGION_LABELS, REGION_ORDER, type DirectionInfo } from '../store/direction-catalog'
import { useFrameParams, useStudio } from '../store/studio-store'
import { ParamSlider } from './ParamSlider'
import { useSetTrackValue } from './use-set-track-value'
import { toggleKeyAt, trackKeyState } from './timeline/timeline-commands'

const CAMERA_UNITS: Record<CameraParam, string> = {
  yaw: '°',
  pitch: '°',
  roll: '°',
  zoom: '×',
  panX: '',
  panY: ''
}

export function Inspector() {
  const directions = useStudio((s) => s.directions)
  const enabled = useStudio((s) => s.portrait.kind === 'ready')
  const autoKey = useStudio((s) => s.autoKey)
  const toggleAutoKey = useStudio((s) => s.toggleAutoKey)
  const params = useFrameParams()
  const setTrackValue = useSetTrackValue()
  const document = useStudio((s) => s.document)
  const playhead = useStudio((s) => s.playhead)
  const commit = useStudio((s) => s.commit)
  const keyProps = (kind: TrackKind, name: string) => {
    const trackId = trackIdFor(kind, name)
    return {
      keyState: trackKeyState(document, trackId, playhead),
      onToggleKey: () =>
        commit((doc) => toggleKeyAt(doc, trackId, useStudio.getState().playhead), { history: true })
    }
  }

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
                <ParamSlider
                  key={direction.name}
                  id={`expr-${direction.name}`}
                  label={direction.label}
                  value={params.expression[direction.name] ?? 0}
                  min={directionMin(direction)}
                  max={1}
                  step={0.01}
                  defaultValue={0}
                  disabled={!enabled}
                  format={(v) => v.toFixed(2)}
                  onChange={(value, phase) => setTrackValue('expression', direction.name, value, phase)}
                  {...keyProps('expression', direction.name)}
                />
              ))}
            </section>
          )
        })}
        <section className="param-group" aria-label="Camera">
          <h3>Camera</h3>
          {CAMERA_PARAMS.map((param) => {
            const def = CAMERA_TRACK_DEFINITIONS[param]
            const isAngle = def.unit === 'degrees'
            return (
              <ParamSlider
                key={param}
                id={`camera-${param}`}
                label={CAMERA_LABELS[param]}
                value={params.camera[param]}
                min={def.range.min}
                max={def.range.max}
                step={isAngle ? 0.5 : 0.01}
                defaultValue={def.defaultValue}
                disabled={!enabled}
                format={(v) => `${isAngle ? v.toFixed(1) : v.toFixed(2)}${CAMERA_UNITS[param]}`}
                onChange={(value, phase) => setTrackValue('camera', param, value, phase)}
                {...keyProps('camera', param)}
              />
            )
          })}
        </section>
      </div>
    </aside>
  )
}
