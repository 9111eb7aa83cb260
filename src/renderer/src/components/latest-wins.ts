// "Latest wins" fetching: one request in flight at a time; while it runs, newer requests replace the
// one waiting, so a fast-moving input (a playing playhead, a dragged scrubber) never queues stale work.

export interface LatestWins<Req> {
  /** Asks for `request`; skipped when it is the one in flight or the one last answered. */
  request(request: Req): void
  /** Drops every answer from now on (the consumer has gone). */
  dispose(): void
}

export interface LatestWinsHandlers<Req, Res> {
  onResult(result: Res, request: Req): void
  onError?(error: unknown, request: Req): void
  /** Requests with the same key are the same request (default: JSON of the request). */
  key?(request: Req): string
}

export function createLatestWins<Req, Res>(
  fetch: (request: Req) => Promise<Res>,
  handlers: LatestWinsHandlers<Req, Res>
): LatestWins<Req> {
  const keyOf = handlers.key ?? ((request: Req) => JSON.stringify(request))
  let inFlight: string | null = null
  let waiting: Req | null = null
  let answered: string | null = null
  let disposed = false

  const run = (request: Req): void => {
    const key = keyOf(request)
    inFlight = key
    fetch(request)
      .then(
        (result) => {
          if (disposed) return
          answered = key
          handlers.onResult(result, request)
        },
        (error: unknown) => {
          if (disposed) return
          answered = null
          handlers.onError?.(error, request)
        }
      )
      .finally(() => {
        inFlight = null
        const next = waiting
        waiting = null
        if (next !== null && !disposed) submit(next)
      })
  }

  const submit = (request: Req): void => {
    const key = keyOf(request)
    if (inFlight !== null) {
      waiting = key === inFlight ? null : request
      return
    }
    if (key === answered) return
    run(request)
  }

  return {
    request: (request) => {
      if (!disposed) submit(request)
    },
    dispose: () => {
      disposed = true
      waiting = null
    }
  }
}
