/** True when a failed write was caused by a full disk or exhausted quota, from an errno code or ffmpeg's stderr. */
export function isDiskFullFailure(failure: { errnoCode?: string | null; stderr?: string | null }): boolean {
  if (failure.errnoCode === 'ENOSPC' || failure.errnoCode === 'EDQUOT') return true
  const stderr = failure.stderr ?? ''
  return /No space left on device|Disk quota exceeded|ENOSPC/i.test(stderr)
}
