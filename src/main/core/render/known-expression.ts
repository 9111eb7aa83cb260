import type { Avatar } from '../engine/engine'

/**
 * The expression values the avatar's pack can render. A document (a project made with another pack,
 * or by a newer app) may hold tracks for directions this pack lacks; they are left out of the frame
 * rather than failing the render, the way the timeline's README promises. `dropped` names them.
 */
export function knownExpression(
  avatar: Avatar,
  values: Readonly<Record<string, number>>
): { expression: Record<string, number>; dropped: string[] } {
  const known = new Set(avatar.engine.directionNames)
  const expression: Record<string, number> = {}
  const dropped: string[] = []
  for (const [name, value] of Object.entries(values)) {
    if (known.has(name)) expression[name] = value
    else dropped.push(name)
  }
  return { expression, dropped }
}
