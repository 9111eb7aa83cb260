import { useEffect, useRef } from 'react'
import { INTERPOLATIONS, type Interpolation } from '@shared/timeline'

export const INTERPOLATION_LABELS: Record<Interpolation, string> = {
  linear: 'Linear',
  hold: 'Hold',
  easeIn: 'Ease in',
  easeOut: 'Ease out',
  easeInOut: 'Ease in-out',
  bezier: 'Bézier'
}

/** An action of the key menu: its label, its shortcut as shown, and what it runs. */
export interface KeyMenuItem {
  readonly id: string
  readonly label: string
  readonly shortcut?: string
  run(): void
}

interface Props {
  /** Viewport coordinates of the right-click. */
  x: number
  y: number
  /** The interpolation all selected keys share, or null when they differ. */
  current: Interpolation | null
  count: number
  /** Actions on the selected keys (copy, paste, delete…), from the action table. */
  actions: readonly KeyMenuItem[]
  onPick(interpolation: Interpolation): void
  onClose(): void
}

/** Menu for the selected keys: their actions, then their interpolation. Escape, a click elsewhere, scrolling or blur close it. */
export function TimelineContextMenu({ x, y, current, count, actions, onPick, onClose }: Props) {
  const ref = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const menu = ref.current
    ;(
      menu?.querySelector<HTMLButtonElement>('[aria-checked="true"]') ??
      menu?.querySelector<HTMLButtonElement>('button')
    )?.focus()
    const onPointerDown = (event: PointerEvent) => {
      if (!(event.target instanceof Node) || !menu?.contains(event.target)) onClose()
    }
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault()
        event.stopPropagation()
        onClose()
      } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault()
        const items = [...(menu?.querySelectorAll<HTMLButtonElement>('button') ?? [])]
        const at = items.findIndex((item) => item === document.activeElement)
        const step = event.key === 'ArrowDown' ? 1 : -1
        items[(at + step + items.length) % items.length]?.focus()
      }
    }
    window.addEventListener('pointerdown', onPointerDown, true)
    window.addEventListener('keydown', onKeyDown, true)
    window.addEventListener('blur', onClose)
    window.addEventListener('resize', onClose)
    return () => {
      window.removeEventListener('pointerdown', onPointerDown, true)
      window.removeEventListener('keydown', onKeyDown, true)
      window.removeEventListener('blur', onClose)
      window.removeEventListener('resize', onClose)
    }
  }, [onClose])

  // Keep the menu inside the window.
  const left = Math.min(x, window.innerWidth - 180)
  const top = Math.min(y, window.innerHeight - 230 - 30 * actions.length)

  return (
    <div
      ref={ref}
      className="timeline-menu"
      role="menu"
      aria-label={`Interpolation of ${count} key${count === 1 ? '' : 's'}`}
      style={{ left, top }}
      onContextMenu={(event) => event.preventDefault()}
    >
      {actions.map((action) => (
        <button
          key={action.id}
          type="button"
          role="menuitem"
          className="timeline-menu__item"
          onClick={() => {
            action.run()
            onClose()
          }}
        >
          <span className="timeline-menu__label">{action.label}</span>
          {action.shortcut && <kbd className="timeline-menu__shortcut">{action.shortcut}</kbd>}
        </button>
      ))}
      <div className="timeline-menu__title">
        Interpolation · {count} key{count === 1 ? '' : 's'}
      </div>
      {INTERPOLATIONS.map((interpolation) => (
        <button
          key={interpolation}
          type="button"
          role="menuitemradio"
          aria-checked={current === interpolation}
          className="timeline-menu__item"
          onClick={() => onPick(interpolation)}
        >
          <span className={`timeline-menu__shape key--${interpolation}`} aria-hidden="true" />
          {INTERPOLATION_LABELS[interpolation]}
        </button>
      ))}
    </div>
  )
}
