// The timeline's track groups (pure): expression tracks grouped by their direction's face region, as the
// engine pack names it (so a pack with other regions gets other groups), then the camera's tracks. A group
// shows a header row whose lane summarises its tracks' keys; collapsed, only that row shows.
import {
  mergeSortedKeys,
  trackIdFor,
  type AnimationDocument,
  type Keyframe,
  type TrackId
} from '@shared/timeline'
import { REGION_LABELS, REGION_ORDER, type DirectionInfo } from '../../store/direction-catalog'

type Track = AnimationDocument['tracks'][number]

/** A face region's name (the pack's `region` of a direction), or 'camera'. */
export type TrackGroupId = string

export const CAMERA_GROUP: TrackGroupId = 'camera'
/** The project's sound (its lane under the ruler); its mute silences scrub audio. */
export const SOUND_GROUP: TrackGroupId = 'audio'
/** Expression tracks whose direction the pack does not list (a document made with another pack). */
export const OTHER_GROUP: TrackGroupId = 'other'

/** A row of the dope sheet: a group's header, or one track. */
export type TimelineRow =
  | {
      readonly kind: 'group'
      readonly group: TrackGroupId
      readonly label: string
      readonly tracks: readonly Track[]
      readonly collapsed: boolean
    }
  | { readonly kind: 'track'; readonly track: Track; readonly group: TrackGroupId }

/** The group a track belongs to: its direction's region, or the camera. */
export function groupOfTrack(track: Pick<Track, 'kind' | 'name'>, directions: readonly DirectionInfo[]) {
  if (track.kind === 'camera') return CAMERA_GROUP
  return directions.find((d) => d.name === track.name)?.region ?? OTHER_GROUP
}

export function groupLabel(group: TrackGroupId): string {
  if (group === CAMERA_GROUP) return 'Camera'
  if (group === OTHER_GROUP) return 'Other'
  return (REGION_LABELS as Partial<Record<string, string>>)[group] ?? group[0]!.toUpperCase() + group.slice(1)
}

/** Groups in the order the timeline shows them: the catalog's regions first, then the pack's others, then camera. */
function groupRank(group: TrackGroupId): number {
  if (group === CAMERA_GROUP) return 1e6 + 1
  if (group === OTHER_GROUP) return 1e6
  const rank = (REGION_ORDER as readonly string[]).indexOf(group)
  return rank >= 0 ? rank : REGION_ORDER.length
}

/**
 * The rows for `tracks` (already ordered and filtered): with `grouped`, a header per group that has tracks,
 * followed by its tracks unless the group is collapsed; without (a filter is typed), the tracks alone.
 */
export function timelineRows(
  tracks: readonly Track[],
  directions: readonly DirectionInfo[],
  collapsed: ReadonlySet<TrackGroupId>,
  grouped: boolean
): TimelineRow[] {
  const byGroup = new Map<TrackGroupId, Track[]>()
  for (const track of tracks) {
    const group = groupOfTrack(track, directions)
    const list = byGroup.get(group)
    if (list) list.push(track)
    else byGroup.set(group, [track])
  }
  if (!grouped)
    return tracks.map((track) => ({ kind: 'track', track, group: groupOfTrack(track, directions) }))
  const groups = [...byGroup.keys()].sort((a, b) => groupRank(a) - groupRank(b))
  const rows: TimelineRow[] = []
  for (const group of groups) {
    const members = byGroup.get(group)!
    const isCollapsed = collapsed.has(group)
    rows.push({ kind: 'group', group, label: groupLabel(group), tracks: members, collapsed: isCollapsed })
    if (!isCollapsed) for (const track of members) rows.push({ kind: 'track', track, group })
  }
  return rows
}

/** The id a group's header row goes by where rows are tracks (hit testing, the probe): never a document track's. */
export function groupRowId(group: TrackGroupId): TrackId {
  return trackIdFor('expression', `group:${group}`)
}

/**
 * The rows as tracks, for hit testing, box select, key focus and the probe: a header row is a track with no
 * keys (its summary is drawn, not edited), so keys are picked only on tracks.
 */
export function rowTracks(rows: readonly TimelineRow[]): Track[] {
  return rows.map((row) =>
    row.kind === 'track'
      ? row.track
      : { id: groupRowId(row.group), kind: 'expression', name: `group:${row.group}`, keys: [] }
  )
}

/**
 * One key per distinct time among `tracks`' keys, sorted by time: what a group's summary row shows. Where
 * tracks key the same time, the first track's key stands for them. Each track's keys are sorted, so they
 * are merged pairwise (n log k for n keys on k tracks) rather than sorted again: a drag of thousands of keys
 * recomputes the summaries on every pointer move.
 */
export function summaryKeys(tracks: readonly Pick<Track, 'keys'>[]): Keyframe[] {
  let lists: (readonly Keyframe[])[] = tracks.map((track) => track.keys).filter((keys) => keys.length > 0)
  if (lists.length === 0) return []
  while (lists.length > 1) {
    const next: (readonly Keyframe[])[] = []
    for (let i = 0; i < lists.length; i += 2)
      next.push(i + 1 < lists.length ? mergeSortedKeys(lists[i]!, lists[i + 1]!) : lists[i]!)
    lists = next
  }
  return dedupeTimes(lists[0]!)
}

function dedupeTimes(keys: readonly Keyframe[]): Keyframe[] {
  const out: Keyframe[] = []
  for (const key of keys) if (out.length === 0 || out[out.length - 1]!.time !== key.time) out.push(key)
  return out
}

const summaryCache = new Map<TrackGroupId, { members: readonly Track[]; summary: Track }>()

/**
 * A group's summary row as a track to draw (`summaryKeys` of its members), the same object while its
 * members are the same, so an unchanged group's summary lane does not redraw.
 */
export function summaryTrackOf(group: TrackGroupId, members: readonly Track[]): Track {
  const cached = summaryCache.get(group)
  if (cached && cached.members.length === members.length && cached.members.every((t, i) => t === members[i]))
    return cached.summary
  const summary: Track = {
    id: groupRowId(group),
    kind: 'expression',
    name: `group:${group}`,
    keys: summaryKeys(members)
  }
  summaryCache.set(group, { members, summary })
  return summary
}
