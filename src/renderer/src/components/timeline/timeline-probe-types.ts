// What the key lanes tell end-to-end tests and the UI bench about the keys they show (see timeline-probe.ts).
// Plain types only, so the e2e tests' type-check can import them.

/** A key the lanes show: where its marker's centre is on the page (CSS px), and how it is drawn. */
export interface ProbedKey {
  readonly trackId: string
  readonly keyId: string
  readonly time: number
  readonly value: number
  readonly interpolation: string
  readonly selected: boolean
  readonly clientX: number
  readonly clientY: number
}

/** A row of the dope sheet: a group's header (its summary lane) or a track's lane. */
export interface ProbedRow {
  readonly kind: 'group' | 'track'
  /** The group's id (a face region, 'camera') or the track's id. */
  readonly id: string
  /** A group's header: whether its tracks are hidden. */
  readonly collapsed: boolean
  /** Markers the row's lane shows in the visible time range: a group's summary has one per keyed time. */
  readonly shownKeys: number
  /** Muted, or not soloed while something else is: the preview plays it at its default. */
  readonly silent: boolean
}

export interface TimelineProbe {
  /** The dope sheet's rows in display order. */
  rows(): ProbedRow[]
  /** The keys shown in the lanes' visible time range, by track in display order, then by time; one track when given. */
  keys(trackId?: string): ProbedKey[]
  /** How many times a lane has been drawn since the page loaded: one track's, or all lanes'. */
  paints(trackId?: string): number
}

/** The global the probe is published under. */
export const TIMELINE_PROBE_GLOBAL = 'mimesisTimelineProbe'
