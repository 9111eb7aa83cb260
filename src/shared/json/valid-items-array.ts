import { z } from 'zod'

/** How many problems of the first invalid item are reported. */
const MAX_ITEM_ISSUES = 5

/**
 * An array whose items are validated in order up to the first invalid one, whose problems (at most five)
 * are reported with their index. `z.array` reports every item: a file with 60,000 broken keys took seconds
 * and could overflow the stack in zod (its issues are spread into one call); a person fixes the first anyway.
 */
export function validItemsArray<T extends z.ZodType>(
  item: T,
  maxItems = Number.POSITIVE_INFINITY
): z.ZodType<z.output<T>[], unknown[]> {
  const list = Number.isFinite(maxItems) ? z.array(z.unknown()).max(maxItems) : z.array(z.unknown())
  return list.transform((items, ctx) => {
    const out: z.output<T>[] = []
    for (let i = 0; i < items.length; i++) {
      const result = item.safeParse(items[i])
      if (!result.success) {
        for (const issue of result.error.issues.slice(0, MAX_ITEM_ISSUES)) {
          ctx.addIssue({ code: 'custom', message: issue.message, path: [i, ...issue.path] })
        }
        return z.NEVER
      }
      out.push(result.data)
    }
    return out
  })
}
