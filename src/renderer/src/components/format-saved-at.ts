/**
 * When an autosave or a recent file was written, for people: "14:32" today, "yesterday, 14:32",
 * "21 Nov, 14:32" this year, "21 Nov 2025, 14:32" before. `locale` and `timeZone` are for tests.
 */
export function formatSavedAt(
  iso: string,
  now: Date = new Date(),
  options: { locale?: string; timeZone?: string } = {}
): string {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return iso
  const { locale = 'en-GB', timeZone } = options
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }).format(at)
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(d)
  if (day(at) === day(now)) return time
  const yesterday = new Date(now.getTime() - 24 * 60 * 60 * 1000)
  if (day(at) === day(yesterday)) return `yesterday, ${time}`
  const sameYear = day(at).slice(0, 4) === day(now).slice(0, 4)
  const date = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
    timeZone
  }).format(at)
  return `${date}, ${time}`
}
