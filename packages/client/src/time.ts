/** The time zone Copernica's timestamps are written in for nearly every account. */
export const DEFAULT_TIME_ZONE = "Europe/Amsterdam";

const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of `ms` in `timeZone`, as milliseconds of the same fields read as UTC. */
function wallClock(ms: number, timeZone: string): number {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formats.set(timeZone, format);
  }
  const part: Record<string, number> = {};
  for (const { type, value } of format.formatToParts(ms)) part[type] = Number(value);
  return Date.UTC(
    part.year ?? 0,
    (part.month ?? 1) - 1,
    part.day,
    part.hour,
    part.minute,
    part.second,
  );
}

function checkDate(date: Date, name: string): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${name} must be a valid Date, got ${String(date)}`);
  return ms;
}

/**
 * Writes a moment as Copernica does: `YYYY-MM-DD HH:MM:SS` in the wall-clock time of
 * `timeZone` (default Europe/Amsterdam, daylight saving time included), to the second.
 */
export function formatTimestamp(date: Date, timeZone = DEFAULT_TIME_ZONE, name = "date"): string {
  const wall = wallClock(Math.floor(checkDate(date, name) / 1000) * 1000, timeZone);
  return new Date(wall).toISOString().slice(0, 19).replace("T", " ");
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * Reads a Copernica timestamp (`YYYY-MM-DD HH:MM:SS`, wall-clock time of `timeZone`) into a
 * Date; `0000-00-00 00:00:00`, Copernica's empty date, gives `null`. A time that happens twice
 * (when clocks go back) is the first of the two; a time skipped when clocks go forward is
 * moved forward by the gap, as Temporal's "compatible" rule does.
 */
export function parseTimestamp(text: string, timeZone = DEFAULT_TIME_ZONE): Date | null {
  const match = TIMESTAMP.exec(text);
  if (!match)
    throw new RangeError(
      `a Copernica timestamp must be written YYYY-MM-DD HH:MM:SS, got ${JSON.stringify(text)}`,
    );
  if (text === "0000-00-00 00:00:00") return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // The offsets in force a day before and after (offsets reach +14 h, so half a day would see
  // only one side of a change east of +12 h): the moment is wall minus one of them.
  const oneDay = 24 * 3600 * 1000;
  const before = wall - (wallClock(wall - oneDay, timeZone) - (wall - oneDay));
  const after = wall - (wallClock(wall + oneDay, timeZone) - (wall + oneDay));
  const fits = [before, after].filter((ms) => wallClock(ms, timeZone) === wall);
  return new Date(fits.length ? Math.min(...fits) : before);
}

/** A day as the v1 API takes it: `YYYY-MM-DD`, in UTC. */
export function formatDate(date: Date, name = "date"): string {
  return new Date(checkDate(date, name)).toISOString().slice(0, 10);
}
