import { Fragment } from 'react'
import { useOverlays } from '../../store/overlay-store'
import { useStudio } from '../../store/studio-store'
import { ModalDialog } from './ModalDialog'
import { helpGroups, isMacPlatform } from '../../actions/help-groups'

/** Every shortcut, grouped; opened with ?, F1 or Help › Keyboard Shortcuts, closed with Esc. */
export function HelpOverlay() {
  const open = useOverlays((s) => s.help)
  const setHelp = useOverlays((s) => s.setHelp)
  const platform = useStudio((s) => s.appInfo?.platform)
  if (!open) return null
  const groups = helpGroups(isMacPlatform(platform))
  return (
    <ModalDialog
      title="Keyboard shortcuts"
      onDismiss={() => setHelp(false)}
      dismissOnBackdrop
      wide
      testId="help-overlay"
    >
      <div className="shortcuts">
        {groups.map((group) => (
          <section key={group.title} className="shortcuts__group" aria-label={group.title}>
            <h3>{group.title}</h3>
            <dl>
              {group.rows.map((shortcut) => (
                <Fragment key={shortcut.action}>
                  <dt>
                    {shortcut.keys.map((combo, i) => (
                      <Fragment key={combo.join('+')}>
                        {i > 0 && <span className="shortcuts__or">/</span>}
                        {combo.map((key, j) => (
                          <Fragment key={key}>
                            {j > 0 && <span className="shortcuts__plus">+</span>}
                            <kbd>{key}</kbd>
                          </Fragment>
                        ))}
                      </Fragment>
                    ))}
                  </dt>
                  <dd>{shortcut.action}</dd>
                </Fragment>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </ModalDialog>
  )
}
