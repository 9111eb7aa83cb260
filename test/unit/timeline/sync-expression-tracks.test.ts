import { describe, expect, it } from 'vitest'
import { createDocument, syncExpressionTracks } from '@shared/timeline'
import { SMILE, docWith, key } from './doc-builder'

describe('createDocument / syncExpressionTracks', () => {
  it('creates one track per expression name (deduplicated) and six camera tracks', () => {
    const doc = createDocument({ expressionNames: ['a', 'b', 'a'] })
    expect(doc.tracks.map((t) => t.id)).toEqual([
      'expression:a',
      'expression:b',
      'camera:yaw',
      'camera:pitch',
      'camera:roll',
      'camera:zoom',
      'camera:panX',
      'camera:panY'
    ])
    expect(doc.settings.workArea).toEqual({ in: 0, out: doc.settings.durationSec })
  })

  it('adds new pack names in pack order and keeps tracks of names the pack dropped', () => {
    const doc = docWith({ [SMILE]: [key('a', 0, 1)] })
    const next = syncExpressionTracks(doc, ['jawOpen', 'browRaise'])
    expect(next.tracks.filter((t) => t.kind === 'expression').map((t) => t.name)).toEqual([
      'jawOpen',
      'browRaise',
      'smile',
      'blinkL'
    ])
    expect(next.tracks.find((t) => t.id === SMILE)!.keys).toHaveLength(1)
    expect(syncExpressionTracks(doc, ['smile', 'jawOpen', 'blinkL'])).toBe(doc)
  })
})
