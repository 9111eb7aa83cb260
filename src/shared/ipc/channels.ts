// The IPC surface, defined once. Each entry maps a method name on `window.mimesis` to its channel.
// Request/response/event payload schemas live in contract.ts; this file stays dependency-free so the
// sandboxed preload can import it without pulling schema code into its bundle.

export const invokeChannels = {
  getAppInfo: 'app:get-info',
  openPortraitDialog: 'dialog:open-portrait',
  loadPortrait: 'portrait:load',
  buildAvatar: 'avatar:build',
  renderPreview: 'avatar:render-preview',
  saveProject: 'project:save',
  openProject: 'project:open',
  writeLog: 'log:write',
  chooseExportFile: 'export:choose-file',
  startExport: 'export:start',
  cancelExport: 'export:cancel',
  showInFolder: 'shell:show-in-folder',
  writeAutosave: 'autosave:write',
  clearAutosave: 'autosave:clear',
  listRecoverable: 'recovery:list',
  recoverAutosave: 'recovery:recover',
  discardRecoverable: 'recovery:discard',
  listRecentProjects: 'recent:list',
  openRecentProject: 'recent:open',
  confirmClose: 'app:confirm-close',
  openDriverDialog: 'dialog:open-driver',
  trackDriver: 'drive:track',
  cancelDrive: 'drive:cancel',
  driveAvatar: 'drive:drive',
  driverFrame: 'drive:frame',
  driverAudio: 'drive:audio',
  audioWaveform: 'audio:waveform',
  savePerformance: 'performance:save',
  openPerformance: 'performance:open',
  openSoundDialog: 'dialog:open-sound',
  speechFeatures: 'sound:speech-features',
  importCurves: 'curves:import',
  loadExportChoices: 'export:load-choices',
  saveExportChoices: 'export:save-choices',
  liveOpen: 'live:open',
  liveFrame: 'live:frame',
  liveSetNeutral: 'live:set-neutral',
  liveRecord: 'live:record',
  liveStop: 'live:stop',
  liveClose: 'live:close'
} as const

/** Channels only the preload may use, behind dedicated functions (never as raw invoke methods). */
export const privilegedChannels = {
  importDroppedPath: 'file:import-dropped-path'
} as const

export const eventChannels = {
  onJobProgress: 'event:job-progress',
  onMenuCommand: 'event:menu-command',
  onOpenRecent: 'event:open-recent',
  onCloseRequested: 'event:close-requested',
  onCoreRestarted: 'event:core-restarted'
} as const

export type InvokeMethod = keyof typeof invokeChannels
export type InvokeChannel = (typeof invokeChannels)[InvokeMethod]
export type PrivilegedChannel = (typeof privilegedChannels)[keyof typeof privilegedChannels]
export type EventMethod = keyof typeof eventChannels
export type EventChannel = (typeof eventChannels)[EventMethod]

export const invokeMethods = Object.keys(invokeChannels) as InvokeMethod[]
export const eventMethods = Object.keys(eventChannels) as EventMethod[]
