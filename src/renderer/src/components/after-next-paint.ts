// Runs work after the next frame has been painted: an animation frame callback runs before the paint, a task
// queued from it runs after. Returns a function that cancels whichever is still waiting.
export function afterNextPaint(work: () => void): () => void {
  let timer: number | null = null
  const frame = requestAnimationFrame(() => {
    timer = window.setTimeout(work, 0)
  })
  return () => {
    cancelAnimationFrame(frame)
    if (timer !== null) window.clearTimeout(timer)
  }
}
