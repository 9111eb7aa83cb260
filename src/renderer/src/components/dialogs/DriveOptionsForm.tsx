import { DRIVE_REGIONS } from '@shared/ipc/contract'
import { REGION_LABELS } from '../../store/direction-catalog'
import { useDrive, type DriveMode } from '../../store/drive-store'

const MODES: { value: DriveMode; label: string }[] = [
  { value: 'both', label: 'Expression and head' },
  { value: 'expression', label: 'Expression only' },
  { value: 'pose', label: 'Head only' }
]

/** What carries over from the driver, and how; `live` leaves out the key options (a live take is reduced). */
export function DriveOptionsForm({ live = false }: { live?: boolean }) {
  const options = useDrive((s) => s.options)
  const setOptions = useDrive((s) => s.setOptions)
  const setRegion = useDrive((s) => s.setRegion)
  const headOnly = options.mode === 'pose'
  return (
    <div className="drive-options">
      <div className="drive-dialog__row" role="radiogroup" aria-label="Carry over">
        <span className="drive-dialog__label">Carry over</span>
        <div className="segmented">
          {MODES.map((mode) => (
            <label
              key={mode.value}
              className={`segmented__option${options.mode === mode.value ? ' segmented__option--on' : ''}`}
            >
              <input
                type="radio"
                name="drive-mode"
                value={mode.value}
                checked={options.mode === mode.value}
                onChange={() => setOptions({ mode: mode.value })}
              />
              {mode.label}
            </label>
          ))}
        </div>
      </div>
      <div className="drive-dialog__row" role="group" aria-label="Face regions">
        <span className="drive-dialog__label">Regions</span>
        <div className="drive-options__regions">
          {DRIVE_REGIONS.map((region) => (
            <button
              key={region}
              type="button"
              className={`chip${options.regions[region] ? ' chip--on' : ''}`}
              aria-pressed={options.regions[region]}
              disabled={headOnly}
              onClick={() => setRegion(region, !options.regions[region])}
            >
              {REGION_LABELS[region]}
            </button>
          ))}
        </div>
      </div>
      <div className="drive-dialog__row">
        <label className="drive-dialog__label" htmlFor="drive-intensity">
          Intensity
        </label>
        <div className="drive-options__slider">
          <input
            id="drive-intensity"
            type="range"
            min={0}
            max={2}
            step={0.05}
            value={options.intensity}
            disabled={headOnly}
            onChange={(event) => setOptions({ intensity: Number(event.target.value) })}
          />
          <span className="drive-options__value">{options.intensity.toFixed(2)}×</span>
        </div>
      </div>
      {!live && (
        <div className="drive-dialog__row">
          <span className="drive-dialog__label">Keys</span>
          <div className="drive-options__checks">
            <label className="drive-options__check">
              <input
                type="checkbox"
                checked={options.smooth}
                onChange={(event) => setOptions({ smooth: event.target.checked })}
              />
              Smooth
            </label>
            <label
              className="drive-options__check"
              title="One key per driver frame on every track, instead of the fewest that follow the motion"
            >
              <input
                type="checkbox"
                checked={options.dense}
                onChange={(event) => setOptions({ dense: event.target.checked })}
              />
              Keep every frame (dense keys)
            </label>
          </div>
        </div>
      )}
    </div>
  )
}
