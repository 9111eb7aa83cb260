import { useEffect, useRef } from 'react'
import type { PreviewFrame } from '../../store/studio-store'

/** A canvas showing one RGBA frame at its own resolution; CSS scales it to the box it sits in. */
export function RgbaCanvas({ frame, testId }: { frame: PreviewFrame; testId?: string }) {
  const ref = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    const canvas = ref.current
    if (!canvas) return
    if (canvas.width !== frame.width) canvas.width = frame.width
    if (canvas.height !== frame.height) canvas.height = frame.height
    const context = canvas.getContext('2d')
    context?.putImageData(new ImageData(new Uint8ClampedArray(frame.rgba), frame.width, frame.height), 0, 0)
  }, [frame])
  return <canvas ref={ref} className="viewport__canvas" data-testid={testId} />
}
