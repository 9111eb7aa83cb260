import { z } from 'zod'

/** How many problems of the first invalid item are reported. */
const MAX_ITEM_ISSUES = 5

export interface ItemCount {
  readonly min?: number
  readonly max?: number
}

/**
 * A hand-written check of an item, for arrays of many small items (a project's keys): what the schema
 * would make of it when it is plainly valid, else null, and the schema then checks the item (its messages,
 * and every case the quick check leaves to it). The schema walks an object in about a microsecond; a
 * 50,000-key project spent most of its opening in it.
 */
export type FastItemCheck<T> = (value: unknown) => T | null

/**
 * An array whose items are validated in order up to the first invalid one, whose problems (at most five)
 * are reported with their index. `z.array` reports every item: a file with 60,000 broken keys took seconds
 * and could overflow the stack in zod (its issues are spread into one call); a person fixes the first anyway.
 * `count` bounds the length, checked before any item.
 */
export function validItemsArray<T extends z.ZodType>(
  item: T,
  count: ItemCount = {},
  fast?: FastItemCheck<z.output<T>>
): z.ZodType<z.output<T>[], unknown[]> {
  let list = z.array(z.unknown())
  if (count.min !== undefined) list = list.min(count.min)
  if (count.max !== undefined) list = list.max(count.max)
  return list.transform((items, ctx) => {
    const out: z.output<T>[] = []
    for (let i = 0; i < items.length; i++) {
      const quick = fast?.(items[i])
      if (quick) {
        out.push(quick)
        continue
      }
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

/**
 * A record of at most `maxEntries` entries, counted before any entry is validated (200,000 broken entries
 * took seconds to report one by one).
 */
export function boundedRecord<K extends z.core.$ZodRecordKey, V extends z.ZodType>(
  key: K,
  value: V,
  maxEntries: number
): z.ZodType<z.output<z.ZodRecord<K, V>>, unknown> {
  return z
    .unknown()
    .refine(
      (input) => typeof input !== 'object' || input === null || Object.keys(input).length <= maxEntries,
      { message: `must have at most ${maxEntries} entries`, abort: true }
    )
    .pipe(z.record(key, value))
}
