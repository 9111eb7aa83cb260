import { useEffect, useState, type RefObject } from 'react'

/** The content-box size of an element, kept current with a ResizeObserver. */
export function useElementSize(ref: RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 })
  useEffect(() => {
    const element = ref.current
    if (!element) return
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: entry.contentRect.width, height: entry.contentRect.height })
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref])
  return size
}

/** The largest size with the aspect ratio of `content` that fits in `box`. */
export function fitContain(
  content: { width: number; height: number },
  box: { width: number; height: number }
): { width: number; height: number } {
  if (content.width <= 0 || content.height <= 0 || box.width <= 0 || box.height <= 0)
    return { width: 0, height: 0 }
  const scale = Math.min(box.width / content.width, box.height / content.height)
  return { width: Math.floor(content.width * scale), height: Math.floor(content.height * scale) }
}
