import { useEffect, useRef } from 'react'
import type { PreviewFrame } from '../../store/studio-store'
import { putRgba } from './put-rgba'

/** A canvas showing one RGBA frame at its own resolution; CSS scales it to the box it sits in. */
export function RgbaCanvas({ frame, testId }: { frame: PreviewFrame; testId?: string }) {
  const ref = useRef<HTMLCanvasElement>(null)
  useEffect(() => {
    if (ref.current) putRgba(ref.current, frame)
  }, [frame])
  return <canvas ref={ref} className="viewport__canvas" data-testid={testId} />
}
