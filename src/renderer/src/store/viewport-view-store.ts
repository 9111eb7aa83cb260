// How the viewport looks at the picture, apart from the document's camera: the view's framing ("Frame the
// head" zooms onto the face; the camera track is untouched and export ignores it) and the size of the box
// the preview is shown in, from which the idle preview's resolution is chosen. Never in history, never saved.
import { create } from 'zustand'
import { UNFRAMED, type ViewFraming } from '@shared/engine/frame-on-head'

export interface ViewportViewState {
  readonly framing: ViewFraming
  /** The preview's box in device px (CSS px × device pixel ratio); 0 before it is measured. */
  readonly stage: { readonly width: number; readonly height: number }
  setFraming(framing: ViewFraming): void
  setStage(stage: { readonly width: number; readonly height: number }): void
}

export const useViewportView = create<ViewportViewState>()((set) => ({
  framing: UNFRAMED,
  stage: { width: 0, height: 0 },
  setFraming: (framing) => set({ framing }),
  setStage: (stage) =>
    set((state) =>
      // The same state back when nothing changed: listeners (the preview) are not told.
      state.stage.width === stage.width && state.stage.height === stage.height ? state : { stage }
    )
}))
