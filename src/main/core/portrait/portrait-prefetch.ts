import type { LoadedPortrait } from '@shared/ipc/contract'

/**
 * Portrait loading with one load started ahead: opening a project names its portrait, and the renderer asks
 * for it only once the project's document has reached it (a 50,000-key document takes a few hundred ms on
 * the way), so the core decodes the picture and finds its faces in the meantime. The next load of that path
 * takes the early one (its result or its error); any other load, or a later one of the same path, loads anew.
 */
export function createPortraitLoader(load: (path: string) => Promise<LoadedPortrait>) {
  let ahead: { path: string; loading: Promise<LoadedPortrait> } | null = null
  return {
    prefetch(path: string): void {
      const loading = load(path)
      // Its error reaches the load that takes it; unasked for, it is dropped.
      loading.catch(() => undefined)
      ahead = { path, loading }
    },
    load(path: string): Promise<LoadedPortrait> {
      if (ahead?.path === path) {
        const { loading } = ahead
        ahead = null
        return loading
      }
      return load(path)
    }
  }
}
