import { useRef, type KeyboardEvent, type PointerEvent } from 'react'
import { LAYOUT_LIMITS, useLayout, type LayoutSize } from '../store/layout-store'

/** Arrow-key steps, px (Shift: the large one). */
const STEP = 16
const LARGE_STEP = 64

/**
 * A draggable, keyboard-accessible border between two panels (WAI-ARIA's window splitter): role
 * "separator" with its value, arrows resize by 16 px (Shift: 64), Home and End go to the limits, Enter
 * restores the initial size. `grows` says which pointer direction makes the panel larger: the timeline
 * sits below its border, so dragging up (-1) grows it; the inspector sits right of its border, so does
 * dragging left.
 */
export function PanelSeparator(props: {
  size: LayoutSize
  orientation: 'horizontal' | 'vertical'
  label: string
  testId: string
}) {
  const { size, orientation, label, testId } = props
  const value = useLayout((s) => s[size])
  const setSize = useLayout((s) => s.setSize)
  const drag = useRef<{ start: number; from: number; pointer: number } | null>(null)
  const limits = LAYOUT_LIMITS[size]
  const along = (event: { clientX: number; clientY: number }) =>
    orientation === 'horizontal' ? event.clientY : event.clientX

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return
    event.preventDefault()
    event.currentTarget.setPointerCapture(event.pointerId)
    drag.current = { start: along(event), from: useLayout.getState()[size], pointer: event.pointerId }
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const d = drag.current
    if (!d || d.pointer !== event.pointerId) return
    // Both panels grow toward the top-left: the timeline upward, the inspector leftward.
    setSize(size, d.from - (along(event) - d.start))
  }
  const onPointerEnd = () => {
    drag.current = null
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? LARGE_STEP : STEP
    const grow = orientation === 'horizontal' ? 'ArrowUp' : 'ArrowLeft'
    const shrink = orientation === 'horizontal' ? 'ArrowDown' : 'ArrowRight'
    const next =
      event.key === grow
        ? value + step
        : event.key === shrink
          ? value - step
          : event.key === 'Home'
            ? limits.min
            : event.key === 'End'
              ? limits.max
              : event.key === 'Enter'
                ? limits.initial
                : null
    if (next === null) return
    // Handled here: the studio's shortcuts (arrows step frames, Home resets the view) leave it alone.
    event.preventDefault()
    event.stopPropagation()
    setSize(size, next)
  }

  return (
    <div
      className={`panel-separator panel-separator--${orientation}`}
      role="separator"
      aria-orientation={orientation}
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={limits.min}
      aria-valuemax={limits.max}
      tabIndex={0}
      data-testid={testId}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerEnd}
      onPointerCancel={onPointerEnd}
      onKeyDown={onKeyDown}
      onDoubleClick={() => setSize(size, limits.initial)}
    />
  )
}
