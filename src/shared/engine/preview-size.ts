// The preview's resolution (pure). While the user drags or plays: a quick one. Once idle: the size of the
// box it is shown in, in device px, so the picture is not stretched; never below the avatar's own size
// (the preview as sharp as before), and never above the detail there is to show: the avatar's working size
// times the zoom it is seen at (the view's framing and the camera's zoom), nor above the renderer's 2048 px.
export const INTERACTIVE_MAX_SIDE = 256
export const MAX_PREVIEW_SIDE = 2048

export function previewSize(
  avatar: { readonly width: number; readonly height: number },
  options: {
    readonly interactive: boolean
    /** The box the preview is shown in, device px (0 when unknown). */
    readonly stage: { readonly width: number; readonly height: number }
    /** How far the picture is magnified: the view's zoom times the camera's. */
    readonly zoom: number
  }
): { width: number; height: number } {
  const longest = Math.max(avatar.width, avatar.height)
  let scale: number
  if (options.interactive) scale = Math.min(1, INTERACTIVE_MAX_SIDE / longest)
  else {
    const fit = Math.min(options.stage.width / avatar.width, options.stage.height / avatar.height)
    const detail = Math.max(1, options.zoom)
    scale = Math.min(Math.max(1, Number.isFinite(fit) ? fit : 1), detail, MAX_PREVIEW_SIDE / longest)
  }
  return {
    width: Math.max(16, Math.round(avatar.width * scale)),
    height: Math.max(16, Math.round(avatar.height * scale))
  }
}
