import { listSupportedBackends } from 'onnxruntime-node'

/** Execution providers the engine knows how to ask for. 'cpu' is always there. */
export type ExecutionProviderChoice = 'cpu' | 'cuda' | 'dml' | 'coreml'

export interface ChosenProvider {
  readonly provider: ExecutionProviderChoice
  /** Why the requested provider was not used (null when it was). */
  readonly fallbackReason: string | null
}

/** Backends this onnxruntime-node build can load on this machine (e.g. ['cpu', 'cuda']). */
export function availableBackends(): string[] {
  return listSupportedBackends().map((b) => b.name)
}

/**
 * The provider to run with: the requested one when this onnxruntime-node build lists it, else CPU with a
 * reason that is also passed to `log`. A listed but unbundled provider (e.g. CUDA whose libraries were not
 * installed) may still fail to create a session; `createSession` then falls back to CPU too.
 */
export function chooseExecutionProvider(
  requested: ExecutionProviderChoice,
  options: { available?: readonly string[]; log?: (message: string) => void } = {}
): ChosenProvider {
  if (requested === 'cpu') return { provider: 'cpu', fallbackReason: null }
  const available = options.available ?? availableBackends()
  if (available.includes(requested)) return { provider: requested, fallbackReason: null }
  const reason = `execution provider '${requested}' is not available in this onnxruntime-node build (available: ${available.join(', ')}); using CPU`
  options.log?.(reason)
  return { provider: 'cpu', fallbackReason: reason }
}
