// In-page probe of `npm run bench:ui`, injected before the studio's own scripts (bundled by bench/ui.ts).
// It only observes: slider input events, preview requests and replies (by wrapping the transport's
// invoke, which the API calls on every use), when new pixels are put on the preview canvas and the
// next animation frame after that, and long tasks. It also drives the two sweeps (pointer and slider)
// from inside the page, one event per animation frame, so their pace does not depend on CDP round trips.
import type { PutRecord, RequestRecord, UiBenchProbe } from './probe-types'

declare global {
  interface Window {
    __uiBench: UiBenchProbe
  }
}

const probe: UiBenchProbe = {
  inputs: [],
  requests: [],
  puts: [],
  longTasks: [],
  stubReplies: false,
  watchChannel(channel) {
    const { mimesisTransport: transport } = window as unknown as {
      mimesisTransport: { invoke: (ch: string, request: unknown) => Promise<unknown> }
    }
    const invoke = transport.invoke.bind(transport)
    transport.invoke = async (ch, request) => {
      if (ch !== channel) return invoke(ch, request)
      // No frame: the core is not asked and the preview keeps the picture it has.
      if (probe.stubReplies) return { ok: true, value: null }
      const record: RequestRecord = {
        t: performance.now(),
        width: (request as { width?: number } | null)?.width ?? 0,
        reply: null,
        renderMs: null
      }
      probe.requests.push(record)
      const envelope = (await invoke(ch, request)) as { ok: boolean; value?: { renderMs?: number } | null }
      record.reply = performance.now()
      record.renderMs = envelope.ok ? (envelope.value?.renderMs ?? null) : null
      return envelope
    }
  },
  sweepPointer(selector, x0, x1, y, durationMs, sweepMs) {
    const element = document.querySelector(selector)
    if (!element) throw new Error(`no element ${selector}`)
    return new Promise((resolve) => {
      const stamps: number[] = []
      let start: number | null = null
      const tick = (time: number): void => {
        start ??= time
        stamps.push(time)
        const phase = ((time - start) % sweepMs) / sweepMs
        const f = phase < 0.5 ? phase * 2 : 2 - phase * 2
        element.dispatchEvent(
          new PointerEvent('pointermove', {
            pointerId: 1,
            pointerType: 'mouse',
            isPrimary: true,
            buttons: 1,
            clientX: x0 + f * (x1 - x0),
            clientY: y,
            bubbles: true,
            cancelable: true
          })
        )
        if (time - start < durationMs) requestAnimationFrame(tick)
        else resolve(stamps)
      }
      requestAnimationFrame(tick)
    })
  },
  sweepSlider(id, durationMs, sweepMs) {
    const input = document.getElementById(id)
    if (!(input instanceof HTMLInputElement)) throw new Error(`no slider #${id}`)
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!
    const min = Number(input.min)
    const max = Number(input.max)
    return new Promise((resolve) => {
      let start: number | null = null
      let events = 0
      const tick = (time: number): void => {
        start ??= time
        const phase = ((time - start) % sweepMs) / sweepMs
        const f = 0.2 + 0.6 * (phase < 0.5 ? phase * 2 : 2 - phase * 2)
        setValue.call(input, String(min + f * (max - min)))
        input.dispatchEvent(new Event('input', { bubbles: true }))
        events++
        if (time - start < durationMs) requestAnimationFrame(tick)
        else resolve(events)
      }
      requestAnimationFrame(tick)
    })
  },
  isQuiet(quietMs) {
    const now = performance.now()
    const lastRequest = probe.requests.at(-1)
    if (lastRequest && (lastRequest.reply === null || now - lastRequest.reply < quietMs)) return false
    const lastPut = probe.puts.at(-1)
    return !lastPut || (lastPut.present !== null && now - lastPut.t >= quietMs)
  }
}

const putImageData = CanvasRenderingContext2D.prototype.putImageData
CanvasRenderingContext2D.prototype.putImageData = function (
  this: CanvasRenderingContext2D,
  ...args: Parameters<CanvasRenderingContext2D['putImageData']>
): void {
  putImageData.apply(this, args)
  if (this.canvas.dataset['testid'] !== 'preview-canvas') return
  const record: PutRecord = { t: performance.now(), width: this.canvas.width, present: null }
  probe.puts.push(record)
  requestAnimationFrame(() => {
    record.present = performance.now()
  })
} as typeof putImageData

document.addEventListener(
  'input',
  (event) => {
    const target = event.target
    if (target instanceof HTMLInputElement && target.type === 'range') {
      probe.inputs.push({ t: event.timeStamp, id: target.id })
    }
  },
  true
)

new PerformanceObserver((list) => {
  for (const entry of list.getEntries())
    probe.longTasks.push({ start: entry.startTime, duration: entry.duration })
}).observe({ type: 'longtask', buffered: true })

window.__uiBench = probe
