import type { Page } from '@playwright/test'

/** A cheap fingerprint of what the preview canvas shows: its size and a sum of sampled pixels. */
export async function previewFingerprint(page: Page): Promise<string> {
  return page.getByTestId('preview-canvas').evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext('2d')
    if (!context) return 'none'
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height)
    let sum = 0
    for (let i = 0; i < data.length; i += 97) sum = (sum * 31 + data[i]!) % 1_000_000_007
    return `${canvas.width}x${canvas.height}:${sum}`
  })
}

/**
 * The fingerprint once the preview has settled: the viewport refines to full resolution (512²) once
 * interaction pauses, so wait (in 250 ms steps, at most `tries`) until two reads agree.
 */
export async function settledFingerprint(page: Page, tries = 40): Promise<string> {
  let previous = ''
  for (let i = 0; i < tries; i++) {
    await page.waitForTimeout(250)
    const current = await previewFingerprint(page)
    if (current === previous && current.startsWith('512x512')) return current
    previous = current
  }
  return previous
}
