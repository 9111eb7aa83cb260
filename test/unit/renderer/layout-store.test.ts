import { describe, expect, it } from 'vitest'
import { LAYOUT_LIMITS, clampSize, useLayout } from '../../../src/renderer/src/store/layout-store'

describe('layout store', () => {
  it('keeps panel sizes whole and within their limits', () => {
    expect(clampSize('timelineHeight', 300.6)).toBe(301)
    expect(clampSize('timelineHeight', 10)).toBe(LAYOUT_LIMITS.timelineHeight.min)
    expect(clampSize('inspectorWidth', 5000)).toBe(LAYOUT_LIMITS.inspectorWidth.max)
    expect(clampSize('inspectorWidth', Number.NaN)).toBe(LAYOUT_LIMITS.inspectorWidth.initial)
  })

  it('sets one size at a time and resets both', () => {
    useLayout.getState().setSize('timelineHeight', 400)
    useLayout.getState().setSize('inspectorWidth', 100)
    expect(useLayout.getState()).toMatchObject({ timelineHeight: 400, inspectorWidth: 240 })
    useLayout.getState().resetLayout()
    expect(useLayout.getState()).toMatchObject({ timelineHeight: 236, inspectorWidth: 320 })
  })
})
