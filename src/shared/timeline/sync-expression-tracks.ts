import { type AnimationDocument, type Track, emptyTrack } from './animation-document'

/**
 * Makes the document have one expression track per name of the (possibly new) engine pack, in pack
 * order. Tracks for names the pack no longer has are KEPT after them (their keys are user work;
 * `evaluate` still reports them, and the engine ignores names it does not know). Camera tracks stay last.
 */
export function syncExpressionTracks(doc: AnimationDocument, names: readonly string[]): AnimationDocument {
  const expression = doc.tracks.filter((t) => t.kind === 'expression')
  const camera = doc.tracks.filter((t) => t.kind !== 'expression')
  const byName = new Map(expression.map((t) => [t.name, t]))
  const ordered: Track[] = []
  const seen = new Set<string>()
  for (const name of names) {
    if (seen.has(name)) continue
    seen.add(name)
    ordered.push(byName.get(name) ?? emptyTrack('expression', name))
  }
  for (const track of expression) if (!seen.has(track.name)) ordered.push(track)
  const tracks = [...ordered, ...camera]
  const same = tracks.length === doc.tracks.length && tracks.every((t, i) => t === doc.tracks[i])
  return same ? doc : { ...doc, tracks }
}
