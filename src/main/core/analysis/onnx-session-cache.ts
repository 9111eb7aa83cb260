import { InferenceSession } from 'onnxruntime-node'

export type ExecutionProvider = 'cpu'

export interface OnnxSessionOptions {
  readonly executionProvider?: ExecutionProvider
  /** Threads inside one operator (default 2: the app shares the CPU with preview and export). */
  readonly intraOpNumThreads?: number
}

export const DEFAULT_INTRA_OP_THREADS = 2

const sessions = new Map<string, Promise<InferenceSession>>()

/**
 * One ONNX Runtime session per model path, execution provider and thread count, created on first use
 * and shared afterwards. A failed creation is not cached, so a later call retries.
 */
export function getOnnxSession(
  modelPath: string,
  options: OnnxSessionOptions = {}
): Promise<InferenceSession> {
  const executionProvider = options.executionProvider ?? 'cpu'
  const intraOpNumThreads = options.intraOpNumThreads ?? DEFAULT_INTRA_OP_THREADS
  const key = `${modelPath}|${executionProvider}|${intraOpNumThreads}`
  let session = sessions.get(key)
  if (session == null) {
    session = InferenceSession.create(modelPath, {
      executionProviders: [executionProvider],
      intraOpNumThreads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
      // Worker threads sleep instead of spin-waiting between the small per-frame runs: spinning burns a
      // core per thread and slows everything else on a shared CPU (preview, export, the UI).
      extra: { session: { intra_op: { allow_spinning: '0' } } }
    })
    sessions.set(key, session)
    session.catch(() => sessions.delete(key))
  }
  return session
}

/** Releases every cached session (for tests and shutdown). */
export async function releaseOnnxSessions(): Promise<void> {
  const all = [...sessions.values()]
  sessions.clear()
  await Promise.all(all.map(async (s) => (await s.catch(() => null))?.release()))
}
