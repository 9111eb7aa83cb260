// What a bake changes besides the keys (the project's audio track, and where the picture-in-picture
// puts the driver) lives outside the document, so undo history alone would not take it back. Each bake
// records, by document, what was in place before and after it; when undo or redo lands on one of those
// documents, the studio restores what belongs to it (`useBakeHistory`).
import type { AnimationDocument } from '@shared/timeline'
import type { AudioTrack } from '../store/studio-store'

export interface BakeEffects {
  audio: AudioTrack | null
  /** Document time of the driver's time 0 (the picture-in-picture's offset). */
  bakeOffsetSec: number
}

export interface BakeHistory {
  /** Records a bake that turned `before` into `after`. */
  remember(before: AnimationDocument, was: BakeEffects, after: AnimationDocument, is: BakeEffects): void
  /** What belongs with `document`, when a bake recorded it. */
  effectsFor(document: AnimationDocument): BakeEffects | undefined
}

export function createBakeHistory(): BakeHistory {
  // Weak: documents that left the undo history take their records with them.
  const byDocument = new WeakMap<AnimationDocument, BakeEffects>()
  return {
    remember(before, was, after, is) {
      // A document that an earlier bake produced keeps that bake's record.
      if (!byDocument.has(before)) byDocument.set(before, was)
      byDocument.set(after, is)
    },
    effectsFor: (document) => byDocument.get(document)
  }
}

/** The studio's one record (one studio per window). */
export const bakeHistory = createBakeHistory()
