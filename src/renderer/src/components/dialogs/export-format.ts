// Wording of the export and drive dialogs: time left, durations and file sizes.

/** "about 12 s left", "about 2 min 5 s left"; a rough wording, as the rate settles during an export. */
export function formatEta(ms: number | null): string {
  if (ms === null) return 'estimating time left…'
  const total = Math.max(1, Math.round(ms / 1000))
  if (total < 60) return `about ${total} s left`
  return `about ${Math.floor(total / 60)} min ${total % 60} s left`
}

/** 0 s, 2.5 s, 3.04 s: seconds with at most two decimals. */
export function formatSeconds(value: number): string {
  return `${Number(value.toFixed(2))} s`
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
