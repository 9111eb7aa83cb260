import { useEffect } from 'react'
import { useStudio } from '../store/studio-store'

/** The one line the studio shows when the engine's process crashed and was started again. */
export const CORE_RESTARTED_NOTICE = 'The engine restarted; your document is kept.'

/** The error code of a request that was pending when the engine's process stopped. */
export const CORE_RESTARTED_CODE = 'core-restarted'

/**
 * Tells the user the engine restarted. Nothing else is asked of them: the document stays here, and main
 * rebuilds the avatar in the new engine before the next preview.
 */
export function useCoreRestartNotice() {
  useEffect(
    () =>
      window.mimesis.onCoreRestarted(() =>
        useStudio.getState().showNotice({ tone: 'info', text: CORE_RESTARTED_NOTICE })
      ),
    []
  )
}
