import { useEffect, useMemo, type CSSProperties } from 'react'
import { useStudio } from '../store/studio-store'
import { Inspector } from './Inspector'
import { Timeline } from './timeline/Timeline'
import { TopBar } from './TopBar'
import { Viewport } from './viewport/Viewport'
import { NoticeBar } from './NoticeBar'
import { ExportDialog } from './dialogs/ExportDialog'
import { ProjectSettingsDialog } from './dialogs/ProjectSettingsDialog'
import { usePortraitIntake } from './use-portrait-intake'
import { useProjectCommands } from './use-project-commands'
import { useAvatar } from './use-avatar'
import { usePreviewRenderer } from './use-preview-renderer'
import { useAutosave } from './use-autosave'
import { useRecentProjects } from './use-recent-projects'
import { HelpOverlay } from './dialogs/HelpOverlay'
import { RecoveryPrompt } from './dialogs/RecoveryPrompt'
import { ClosePrompt } from './dialogs/ClosePrompt'
import { DriveDialog } from './dialogs/DriveDialog'
import { GenerateDialog } from './dialogs/GenerateDialog'
import { LengthenPrompt } from './dialogs/LengthenPrompt'
import { LivePanel } from './live/LivePanel'
import { useDriveCommands } from './use-drive-commands'
import { useDriveProgress } from './use-drive-progress'
import { useWindowDrop } from './use-window-drop'
import { useBakeHistory } from './use-bake-history'
import { useActionKeys } from '../actions/use-action-keys'
import { StudioCommandsContext } from '../actions/studio-commands-context'
import { useCoreRestartNotice } from './use-core-restart-notice'
import { PanelSeparator } from './PanelSeparator'
import { useLayout } from '../store/layout-store'

export function App() {
  const setAppInfo = useStudio((s) => s.setAppInfo)
  const showNotice = useStudio((s) => s.showNotice)
  const intake = usePortraitIntake()
  const projects = useProjectCommands(intake)
  const drive = useDriveCommands()
  const timelineHeight = useLayout((s) => s.timelineHeight)
  const inspectorWidth = useLayout((s) => s.inspectorWidth)
  const commands = useMemo(() => ({ intake, projects, drive }), [intake, projects, drive])
  useActionKeys(commands)
  useDriveProgress()
  useBakeHistory()
  useWindowDrop(intake, drive)
  useAvatar()
  usePreviewRenderer()
  useAutosave()
  useRecentProjects(projects)
  useCoreRestartNotice()

  useEffect(() => {
    window.mimesis
      .getAppInfo()
      .then(setAppInfo)
      .catch((error: unknown) =>
        showNotice({ tone: 'error', text: `Could not reach the studio core: ${String(error)}` })
      )
  }, [setAppInfo, showNotice])

  return (
    <StudioCommandsContext.Provider value={commands}>
      <div
        className="studio"
        data-testid="studio"
        style={
          {
            '--timeline-height': `${timelineHeight}px`,
            '--inspector-width': `${inspectorWidth}px`
          } as CSSProperties
        }
      >
        <TopBar onOpenPortrait={intake.openDialog} projects={projects} drive={drive} />
        <NoticeBar />
        <main className="workspace">
          <Viewport intake={intake} drive={drive} onOpenRecent={(id) => void projects.openRecent(id)} />
          <PanelSeparator
            size="inspectorWidth"
            orientation="vertical"
            label="Resize the inspector"
            testId="inspector-separator"
          />
          <Inspector />
        </main>
        <PanelSeparator
          size="timelineHeight"
          orientation="horizontal"
          label="Resize the timeline"
          testId="timeline-separator"
        />
        <Timeline />
        <ExportDialog />
        <DriveDialog drive={drive} />
        <LengthenPrompt drive={drive} />
        <GenerateDialog />
        <LivePanel />
        <ProjectSettingsDialog />
        <HelpOverlay />
        <RecoveryPrompt intake={intake} />
        <ClosePrompt projects={projects} />
      </div>
    </StudioCommandsContext.Provider>
  )
}
