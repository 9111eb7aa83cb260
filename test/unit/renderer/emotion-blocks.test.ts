import { describe, expect, it } from 'vitest'
import {
  blockArc,
  droppedBlock,
  fitBlocks,
  MIN_BLOCK_SEC,
  movedBlock,
  resizedBlock
} from '../../../src/renderer/src/components/emotion-blocks'

const range = { from: 1, to: 6 }

describe('emotion timeline blocks', () => {
  it('drops a block centred where it lands, inside the range, with its apex early', () => {
    expect(droppedBlock('joy', 3.5, range, 0.8)).toEqual({
      emotion: 'joy',
      onsetSec: 2.5,
      apexSec: 3.1,
      offsetSec: 4.5,
      intensity: 0.8
    })
    // Near the end it is pushed back inside; a short range is covered whole.
    expect(droppedBlock('fear', 5.9, range, 1)).toMatchObject({ onsetSec: 4, offsetSec: 6 })
    expect(droppedBlock('fear', 0.2, { from: 0, to: 0.5 }, 1)).toMatchObject({ onsetSec: 0, offsetSec: 0.5 })
  })

  it('moves a block whole, never past the range', () => {
    const arc = blockArc('sadness', { from: 2, to: 4 }, 1)
    expect(movedBlock(arc, 1, range)).toMatchObject({ onsetSec: 3, apexSec: 3.6, offsetSec: 5 })
    expect(movedBlock(arc, 10, range)).toMatchObject({ onsetSec: 4, offsetSec: 6 })
    expect(movedBlock(arc, -10, range)).toMatchObject({ onsetSec: 1, offsetSec: 3 })
  })

  it('resizes from either edge, keeping the apex’s share and a shortest length', () => {
    const arc = blockArc('anger', { from: 2, to: 4 }, 1)
    expect(resizedBlock(arc, 'end', 5, range)).toMatchObject({ onsetSec: 2, apexSec: 2.9, offsetSec: 5 })
    expect(resizedBlock(arc, 'start', 0, range)).toMatchObject({ onsetSec: 1, offsetSec: 4 })
    const squeezed = resizedBlock(arc, 'end', 2.05, range)
    expect(squeezed.offsetSec - squeezed.onsetSec).toBeCloseTo(MIN_BLOCK_SEC, 6)
    expect(squeezed.onsetSec < squeezed.apexSec && squeezed.apexSec < squeezed.offsetSec).toBe(true)
  })

  it('keeps blocks that fit a new range, else proposes one block over it', () => {
    const inside = [blockArc('joy', { from: 2, to: 3 }, 0.5), blockArc('doubt', { from: 4, to: 5 }, 1)]
    expect(fitBlocks(inside, range)).toEqual(inside)
    const proposed = fitBlocks(inside, { from: 0, to: 2 })
    expect(proposed).toEqual([blockArc('joy', { from: 0.3, to: 1.7 }, 0.5)])
    // The dialog's first block (all zeros) is replaced the same way.
    const zero = { emotion: 'joy' as const, onsetSec: 0, apexSec: 0, offsetSec: 0, intensity: 0.8 }
    expect(fitBlocks([zero], range)).toEqual([blockArc('joy', { from: 1.75, to: 5.25 }, 0.8)])
  })
})
