import { env, listSupportedBackends } from 'onnxruntime-node'
import type { AppInfo } from '@shared/ipc/contract'

export function describeInference(): AppInfo['inference'] {
  return {
    onnxruntime: env.versions.node ?? env.versions.common,
    executionProviders: listSupportedBackends().map(({ name, bundled }) => ({ name, bundled }))
  }
}
