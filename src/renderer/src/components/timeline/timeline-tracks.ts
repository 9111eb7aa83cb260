// Which tracks the timeline shows, in what order, under what names (pure).
import {
  findKey,
  isCameraParam,
  type AnimationDocument,
  type Interpolation,
  type KeyRef
} from '@shared/timeline'
import { CAMERA_LABELS, REGION_ORDER, type DirectionInfo } from '../../store/direction-catalog'

type Track = AnimationDocument['tracks'][number]

/** Expression tracks first, by face region (the catalog's order), then the camera's, in document order. */
export function orderTracks(tracks: readonly Track[], directions: readonly DirectionInfo[]): Track[] {
  const regionRank = (name: string) =>
    REGION_ORDER.indexOf(directions.find((d) => d.name === name)?.region ?? 'nose')
  return [...tracks].sort((a, b) =>
    a.kind === b.kind
      ? a.kind === 'expression'
        ? regionRank(a.name) - regionRank(b.name)
        : 0
      : a.kind === 'camera'
        ? 1
        : -1
  )
}

/**
 * The tracks whose label or name holds `filter` (any case, surrounding spaces ignored); every track for an
 * empty filter. Order is kept.
 */
export function filterTracks<T extends Pick<Track, 'kind' | 'name'>>(
  tracks: readonly T[],
  filter: string,
  labelOf: (track: T) => string
): readonly T[] {
  const needle = filter.trim().toLowerCase()
  if (!needle) return tracks
  return tracks.filter(
    (track) => labelOf(track).toLowerCase().includes(needle) || track.name.toLowerCase().includes(needle)
  )
}

/** A track's name as the studio shows it: the direction's or the camera parameter's label. */
export function trackLabel(
  track: Pick<Track, 'kind' | 'name'>,
  directions: readonly DirectionInfo[]
): string {
  if (track.kind === 'camera' && isCameraParam(track.name)) return CAMERA_LABELS[track.name]
  return directions.find((d) => d.name === track.name)?.label ?? track.name
}

/** The track the curve view shows: the chosen one, else the selected key's, else the first with keys. */
export function curveTrackOf(
  tracks: readonly Track[],
  chosen: string | null,
  selected: readonly KeyRef[]
): Track | undefined {
  return (
    tracks.find((t) => t.id === chosen) ??
    tracks.find((t) => t.id === selected[0]?.trackId) ??
    tracks.find((t) => t.keys.length > 0) ??
    tracks[0]
  )
}

/** The interpolation all `refs` share, or null when they differ. */
export function commonInterpolation(doc: AnimationDocument, refs: readonly KeyRef[]): Interpolation | null {
  const kinds = new Set(refs.map((ref) => findKey(doc, ref)?.interpolation))
  const [only] = kinds
  return kinds.size === 1 && only ? only : null
}
