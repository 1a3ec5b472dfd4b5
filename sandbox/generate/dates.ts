/** Calendar arithmetic on whole UTC days, so generated dates never depend on the machine's zone. */
const DAY_MS = 86_400_000;

/** Today in the carrier's zone (UTC+8), the default reference date of a generated population. */
export function carrierToday(now: Date = new Date()): string {
  return carrierWallClock(now).slice(0, 10);
}

/** The carrier's wall-clock time (UTC+8) without a zone, "YYYY-MM-DD HH:MM:SS", as its systems keep it whatever the server's zone. */
export function carrierWallClock(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
}

/** Days since 1970-01-01 for an ISO date. */
export function dayOf(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`not an ISO date: ${iso}`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const day = ms / DAY_MS;
  if (isoDate(day) !== iso) throw new Error(`not a calendar date: ${iso}`);
  return day;
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** YYYYMMDD, the billing system's spelling. */
export function compactDate(day: number): string {
  return isoDate(day).replaceAll("-", "");
}

/** YYYY/MM/DD, the key-account system's spelling. */
export function slashDate(day: number): string {
  return isoDate(day).replaceAll("-", "/");
}

/** "YYYY-MM-DD HH:MM:SS" on that day, in the carrier's local time (UTC+8) without a zone, as legacy systems keep it. */
export function localTimestamp(day: number, secondOfDay: number): string {
  const ms = day * DAY_MS + secondOfDay * 1000;
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

/** Month index (year*12 + month0) of a day. */
export function monthOf(day: number): number {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** The day a month index starts, plus an offset of days. */
export function dayInMonth(month: number, dayOfMonth: number): number {
  return Date.UTC(Math.floor(month / 12), month % 12, dayOfMonth) / DAY_MS;
}

/** Billing cycle id YYYYMM of a month index. */
export function cycleId(month: number): string {
  return `${Math.floor(month / 12)}${String((month % 12) + 1).padStart(2, "0")}`;
}
