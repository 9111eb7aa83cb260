import { resolveResourcesDir } from '../core/app/resolve-resources-dir'
import { createProgressLine } from './progress-line'
import { formatRenderProgress } from './render-options'
import type { RenderDeps } from './run-render'

/**
 * Runs one command's job with what every rendering command needs: a progress line on stderr, warnings
 * on their own lines, and Ctrl-C or SIGTERM aborting the job (which then leaves nothing under the
 * output names).
 */
export async function runWithProgress<T>(threads: number, run: (deps: RenderDeps) => Promise<T>): Promise<T> {
  const controller = new AbortController()
  const progress = createProgressLine(process.stderr)
  const onSignal = (): void => {
    controller.abort()
    progress.update('cancelling…')
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    return await run({
      resourcesDir: resolveResourcesDir(),
      threads,
      signal: controller.signal,
      onStatus: (text) => progress.update(text),
      onProgress: (label, p) => progress.update(formatRenderProgress(label, p)),
      onWarning: (text) => {
        progress.done()
        process.stderr.write(`mimesis: warning: ${text}\n`)
      }
    })
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    progress.done()
  }
}
