import { useEffect, useState, type RefObject } from 'react'
import { visibleRowRange } from './timeline-geometry'

/** Rows drawn beyond each edge of the scrolled box, so a short scroll shows lanes already drawn. */
const OVERSCAN_ROWS = 4

/**
 * The rows [first, end) of `rows` that show in the scrolling `body` (plus a few either side), kept current
 * on scroll and resize; the state changes only when the range does.
 */
export function useVisibleRows(
  body: RefObject<HTMLElement | null>,
  rows: RefObject<HTMLElement | null>,
  rowHeight: number,
  rowCount: number
): { first: number; end: number } {
  const [range, setRange] = useState({ first: 0, end: rowCount })
  useEffect(() => {
    const box = body.current
    if (!box) return
    const update = () => {
      const list = rows.current
      if (!list) return
      const offset = list.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop
      const seen = visibleRowRange(box.scrollTop, box.clientHeight, offset, rowHeight, rowCount)
      const first = Math.max(0, seen.first - OVERSCAN_ROWS)
      const end = Math.min(rowCount, seen.end + OVERSCAN_ROWS)
      setRange((before) => (before.first === first && before.end === end ? before : { first, end }))
    }
    update()
    box.addEventListener('scroll', update, { passive: true })
    const observer = new ResizeObserver(update)
    observer.observe(box)
    return () => {
      box.removeEventListener('scroll', update)
      observer.disconnect()
    }
  }, [body, rows, rowHeight, rowCount])
  return range
}
