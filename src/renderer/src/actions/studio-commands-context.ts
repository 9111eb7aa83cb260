// The studio's commands (open, save, drive…) for components that run actions outside the key handler, such
// as the timeline's key menu. App provides them.
import { createContext, useContext } from 'react'
import type { StudioCommands } from './perform-action'

export const StudioCommandsContext = createContext<StudioCommands | null>(null)

export function useStudioCommands(): StudioCommands {
  const commands = useContext(StudioCommandsContext)
  if (!commands) throw new Error('useStudioCommands needs a StudioCommandsContext provider (App)')
  return commands
}
