/** How an expression direction is shown: its track name, a label, and the inspector group it sits in. */
export interface DirectionInfo {
  name: string
  label: string
  region: DirectionRegion
}

export type DirectionRegion = 'eyes' | 'brows' | 'mouth' | 'jaw' | 'nose'

export const REGION_ORDER: DirectionRegion[] = ['eyes', 'brows', 'mouth', 'jaw', 'nose']

export const REGION_LABELS: Record<DirectionRegion, string> = {
  eyes: 'Eyes',
  brows: 'Brows',
  mouth: 'Mouth',
  jaw: 'Jaw',
  nose: 'Nose'
}

/**
 * The built-in pack's directions, shown before a pack's manifest has been read. Once an engine pack is
 * loaded, its manifest's direction list replaces this one.
 */
export const DEFAULT_DIRECTIONS: DirectionInfo[] = [
  { name: 'blinkL', label: 'Blink left', region: 'eyes' },
  { name: 'blinkR', label: 'Blink right', region: 'eyes' },
  { name: 'eyesWide', label: 'Eyes wide', region: 'eyes' },
  { name: 'squint', label: 'Squint', region: 'eyes' },
  { name: 'browInnerUp', label: 'Inner brow raise', region: 'brows' },
  { name: 'browOuterUp', label: 'Outer brow raise', region: 'brows' },
  { name: 'browFurrow', label: 'Brow furrow', region: 'brows' },
  { name: 'smile', label: 'Smile', region: 'mouth' },
  { name: 'frown', label: 'Frown', region: 'mouth' },
  { name: 'pucker', label: 'Pucker', region: 'mouth' },
  { name: 'mouthStretch', label: 'Mouth stretch', region: 'mouth' },
  { name: 'lipsPress', label: 'Lips press', region: 'mouth' },
  { name: 'upperLipRaise', label: 'Upper lip raise', region: 'mouth' },
  { name: 'jawOpen', label: 'Jaw open', region: 'jaw' },
  { name: 'jawSideways', label: 'Jaw sideways', region: 'jaw' },
  { name: 'noseSneer', label: 'Nose sneer', region: 'nose' }
]
