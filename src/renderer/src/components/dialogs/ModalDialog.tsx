import { useEffect, useId, useRef, type ReactNode } from 'react'
import './overlays.css'

interface Props {
  title: string
  /** Escape (and a click on the backdrop, when `dismissOnBackdrop`) call this; omit for a choice that must be made. */
  onDismiss?: () => void
  dismissOnBackdrop?: boolean
  wide?: boolean
  testId?: string
  /** Extra class on the panel, e.g. to set its width. */
  className?: string
  children: ReactNode
  /** The buttons, right-aligned under the content. */
  actions?: ReactNode
}

/**
 * A calm modal dialog: dimmed backdrop, focus moved in (to the element marked `data-autofocus`, else
 * the first button) and back out when it closes, Tab kept inside. While one is open the studio's
 * shortcuts stand down (see `isModalOpen`).
 */
export function ModalDialog({
  title,
  onDismiss,
  dismissOnBackdrop,
  wide,
  testId,
  className,
  children,
  actions
}: Props) {
  const panelRef = useRef<HTMLDivElement>(null)
  const titleId = useId()

  useEffect(() => {
    const panel = panelRef.current
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null
    const first =
      panel?.querySelector<HTMLElement>('[data-autofocus]') ?? panel?.querySelector<HTMLElement>('button')
    first?.focus()
    return () => previous?.focus()
  }, [])

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const panel = panelRef.current
      if (!panel) return
      if (event.key === 'Escape') {
        event.preventDefault()
        event.stopPropagation()
        onDismiss?.()
      } else if (event.key === 'Tab') {
        const focusable = [
          ...panel.querySelectorAll<HTMLElement>('button, [href], input, select, [tabindex]')
        ].filter((element) => !element.hasAttribute('disabled') && element.tabIndex >= 0)
        if (focusable.length === 0) return
        const first = focusable[0]!
        const last = focusable[focusable.length - 1]!
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault()
          last.focus()
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault()
          first.focus()
        } else if (!panel.contains(document.activeElement)) {
          event.preventDefault()
          first.focus()
        }
      }
    }
    window.addEventListener('keydown', onKeyDown, true)
    return () => window.removeEventListener('keydown', onKeyDown, true)
  }, [onDismiss])

  return (
    <div
      className="prompt-backdrop"
      onPointerDown={(event) => {
        if (dismissOnBackdrop && event.target === event.currentTarget) onDismiss?.()
      }}
    >
      <div
        ref={panelRef}
        className={`prompt${wide ? ' prompt--wide' : ''}${className ? ` ${className}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
      >
        <div className="prompt__header">
          <h2 id={titleId}>{title}</h2>
          {onDismiss && (
            <button type="button" className="icon-button" aria-label="Close" onClick={onDismiss}>
              ×
            </button>
          )}
        </div>
        <div className="prompt__body">{children}</div>
        {actions && <div className="prompt__actions">{actions}</div>}
      </div>
    </div>
  )
}
