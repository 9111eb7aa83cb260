import { useRef } from 'react'
import type { TrackKeyState } from './timeline/timeline-commands'
import './param-key.css'

export type EditPhase = 'start' | 'continue'

interface ParamSliderProps {
  id: string
  label: string
  value: number
  min: number
  max: number
  step: number
  defaultValue: number
  disabled: boolean
  format: (value: number) => string
  /** `start` for the first change of a gesture (enters undo history), `continue` for the rest of it. */
  onChange: (value: number, phase: EditPhase) => void
  /** Whether the parameter is animated, and whether a key sits on the playhead's frame. */
  keyState: TrackKeyState
  /** Sets a key at the playhead, or removes the one there. */
  onToggleKey: () => void
}

const KEY_TITLES: Record<TrackKeyState, string> = {
  none: 'Not animated. Click to set a key at the playhead.',
  animated: 'Animated. Click to set a key at the playhead.',
  keyed: 'Key at the playhead. Click to remove it.'
}

/** A labelled range slider with a value readout and a reset button. One drag is one undo step. */
export function ParamSlider(props: ParamSliderProps) {
  const {
    id,
    label,
    value,
    min,
    max,
    step,
    defaultValue,
    disabled,
    format,
    onChange,
    keyState,
    onToggleKey
  } = props
  const gestureActive = useRef(false)
  const fill = ((value - min) / (max - min)) * 100
  const zero = ((Math.min(Math.max(defaultValue, min), max) - min) / (max - min)) * 100

  const change = (next: number) => {
    onChange(next, gestureActive.current ? 'continue' : 'start')
    gestureActive.current = true
  }
  const endGesture = () => {
    gestureActive.current = false
  }

  return (
    <div className={`param${disabled ? ' param--disabled' : ''}`} data-testid={id}>
      <button
        type="button"
        className={`param__key param__key--${keyState}`}
        aria-label={
          keyState === 'keyed' ? `Remove the ${label} key at the playhead` : `Key ${label} at the playhead`
        }
        aria-pressed={keyState === 'keyed'}
        data-key-state={keyState}
        title={KEY_TITLES[keyState]}
        disabled={disabled}
        onClick={onToggleKey}
      />
      <label htmlFor={id} className="param__label">
        {label}
      </label>
      <output htmlFor={id} className="param__value">
        {format(value)}
      </output>
      <button
        type="button"
        className="icon-button param__reset"
        aria-label={`Reset ${label}`}
        title="Reset"
        disabled={disabled || value === defaultValue}
        onClick={() => {
          onChange(defaultValue, 'start')
          endGesture()
        }}
      >
        ↺
      </button>
      <input
        id={id}
        className="param__slider"
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        disabled={disabled}
        style={{
          ['--fill-from' as string]: `${Math.min(fill, zero)}%`,
          ['--fill-to' as string]: `${Math.max(fill, zero)}%`
        }}
        onChange={(event) => change(Number(event.currentTarget.value))}
        onPointerUp={endGesture}
        onKeyUp={endGesture}
        onBlur={endGesture}
      />
    </div>
  )
}
