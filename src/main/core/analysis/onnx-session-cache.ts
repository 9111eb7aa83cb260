import type { InferenceSession } from 'onnxruntime-node'
import { type ExecutionProviderChoice } from '../inference/execution-provider'
import { inferenceSessions, runtimeKey } from '../inference/inference-session-cache'

export interface OnnxSessionOptions {
  readonly executionProvider?: ExecutionProviderChoice
  /** Threads inside one operator (default 2: the app shares the CPU with preview and export). */
  readonly intraOpNumThreads?: number
}

export const DEFAULT_INTRA_OP_THREADS = 2

/** The analysis models' keys in the shared pool start with this. */
const PREFIX = 'analysis:'

/**
 * One session per face-analysis model path, execution provider and thread count, from the core's one
 * inference pool (`inference/inference-session-cache.ts`).
 */
export async function getOnnxSession(
  modelPath: string,
  options: OnnxSessionOptions = {}
): Promise<InferenceSession> {
  const runtime = {
    provider: options.executionProvider ?? 'cpu',
    threads: options.intraOpNumThreads ?? DEFAULT_INTRA_OP_THREADS
  }
  return (await inferenceSessions.get(`${PREFIX}${modelPath}|${runtimeKey(runtime)}`, modelPath, runtime))
    .session
}

/** Releases the analysis models' sessions (for tests and shutdown). */
export function releaseOnnxSessions(): Promise<void> {
  return inferenceSessions.release(PREFIX)
}
