/**
 * Grid density: cells across a 15 cm face. Eyes are ~1.5 cm tall when open, so 80 cells give them ~8 cells;
 * the per-frame cost grows with the square of this number.
 */
const CELLS_ACROSS_FACE = 80

/**
 * The grid of cells over the portrait that every stage of the avatar build shares. Per-cell arrays are
 * row-major over it: cell i sits at column i % gw, row floor(i / gw).
 */
export interface AvatarGrid {
  /** Portrait size, source px. */
  readonly width: number
  readonly height: number
  /** Source px per canonical cm (the pose's scale). */
  readonly scale: number
  /** Cell size, source px. */
  readonly cell: number
  /** Columns and rows of cells, and their count. */
  readonly gw: number
  readonly gh: number
  readonly cells: number
  /** Centre of cell i, source px. */
  readonly cx: (i: number) => number
  readonly cy: (i: number) => number
}

/** The grid over a `width` x `height` px portrait whose face has `scale` px per cm. */
export function createAvatarGrid(width: number, height: number, scale: number): AvatarGrid {
  // Grid: about CELLS_ACROSS_FACE cells across the 15 cm face (cell 2..8 source px).
  const cell = Math.max(2, Math.min(8, Math.round((scale * 15) / CELLS_ACROSS_FACE)))
  const gw = Math.ceil(width / cell)
  const gh = Math.ceil(height / cell)
  return {
    width,
    height,
    scale,
    cell,
    gw,
    gh,
    cells: gw * gh,
    cx: (i) => ((i % gw) + 0.5) * cell,
    cy: (i) => (Math.floor(i / gw) + 0.5) * cell
  }
}
