import { expect, type Page } from '@playwright/test'

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
 * The fingerprint of the final frame for what the studio shows now: the viewport is marked aria-busy while a
 * frame is rendering or due (a quick frame's sharp follow-up included), so wait for that to end. Reading
 * "two reads agree" instead caught the frame from before an edit whenever the engine was slow to answer.
 */
export async function settledFingerprint(page: Page, timeoutSeconds = 15): Promise<string> {
  await expect(page.getByTestId('preview-picture')).toHaveAttribute('aria-busy', 'false', {
    timeout: timeoutSeconds * 1000
  })
  return previewFingerprint(page)
}
