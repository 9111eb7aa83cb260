// What the in-page probe (probe.ts) records; shared with bench/ui.ts, so free of DOM types.

/** One `input` event of a range slider; `t` is the event's timestamp on the performance clock. */
export interface InputRecord {
  t: number
  id: string
}

/** A preview request: sent at `t`, answered at `reply`, with the engine's own render time. */
export interface RequestRecord {
  t: number
  width: number
  reply: number | null
  renderMs: number | null
}

/** New pixels on the preview canvas at `t`; `present` is the start of the next animation frame. */
export interface PutRecord {
  t: number
  width: number
  present: number | null
}

export interface UiBenchProbe {
  inputs: InputRecord[]
  requests: RequestRecord[]
  puts: PutRecord[]
  longTasks: { start: number; duration: number }[]
  /** Wraps window.mimesisTransport.invoke to time requests on `channel`; call once the page has loaded. */
  watchChannel(channel: string): void
  /**
   * Diagnostic (bench:ui --stub-preview): while true, a request on the watched channel is answered at once with
   * no frame instead of reaching the core: the engine renders nothing and the preview keeps its picture.
   */
  stubReplies: boolean
  /**
   * Drags over `element` (matched by `selector`) from x0 to x1 and back every `sweepMs` for `durationMs`:
   * one pointermove per animation frame, as browsers deliver them, with pointer 1 (the mouse, which the
   * caller has pressed there for real so pointer capture works). Records frame times meanwhile.
   */
  sweepPointer(
    selector: string,
    x0: number,
    x1: number,
    y: number,
    durationMs: number,
    sweepMs: number
  ): Promise<number[]>
  /** Moves a range slider back and forth between 20 % and 80 % with one `input` event per animation frame. */
  sweepSlider(id: string, durationMs: number, sweepMs: number): Promise<number>
  /** No preview request in flight, and none answered and no pixels put for `quietMs`. */
  isQuiet(quietMs: number): boolean
}
