import { useEffect } from 'react'
import { useStudio } from '../store/studio-store'

/** Advances the playhead in real time while playing, looping over the work area when loop is on. */
export function usePlayback() {
  const playing = useStudio((s) => s.playing)
  useEffect(() => {
    if (!playing) return
    let frame = 0
    let last = performance.now()
    const tick = (now: number) => {
      const { playhead, looping, document, setPlayhead, setPlaying } = useStudio.getState()
      const { workArea } = document.settings
      let next = playhead + (now - last) / 1000
      last = now
      if (next >= workArea.out) {
        if (!looping) {
          setPlayhead(workArea.out)
          setPlaying(false)
          return
        }
        next = workArea.in + ((next - workArea.in) % Math.max(workArea.out - workArea.in, 1e-3))
      }
      setPlayhead(next)
      frame = requestAnimationFrame(tick)
    }
    frame = requestAnimationFrame(tick)
    return () => cancelAnimationFrame(frame)
  }, [playing])
}
