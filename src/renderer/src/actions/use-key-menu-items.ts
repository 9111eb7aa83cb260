// The timeline key menu's actions: those of the table with a key-menu label, each with its shortcut.
import { useMemo } from 'react'
import { bindingKeys } from '@shared/actions/key-binding'
import { specOf, STUDIO_ACTION_IDS } from '@shared/actions/studio-action-list'
import { useStudio } from '../store/studio-store'
import type { KeyMenuItem } from '../components/timeline/TimelineContextMenu'
import { isMacPlatform } from './help-groups'
import { PERFORM } from './perform-action'
import { useStudioCommands } from './studio-commands-context'

export function useKeyMenuItems(): KeyMenuItem[] {
  const commands = useStudioCommands()
  const mac = isMacPlatform(useStudio((s) => s.appInfo?.platform))
  return useMemo(
    () =>
      STUDIO_ACTION_IDS.flatMap((id) => {
        const spec = specOf(id)
        if (!spec.keyMenuLabel) return []
        const binding = spec.keys?.[0]
        return [
          {
            id,
            label: spec.keyMenuLabel,
            ...(binding ? { shortcut: bindingKeys(binding, mac).join(mac ? '' : '+') } : {}),
            run: () => void PERFORM[id](commands)
          }
        ]
      }),
    [commands, mac]
  )
}
