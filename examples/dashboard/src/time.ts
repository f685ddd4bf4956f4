/**
 * The value of an `<input type="datetime-local">` (`2024-06-01T08:30` or `2024-06-01T08:30:15`)
 * as Copernica writes times: `2024-06-01 08:30:00`, the account's wall-clock time, so no time
 * zone conversion. Undefined for anything else.
 */
export function inputToCopernica(value: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(value);
  return match ? `${match[1]} ${match[2]}${match[3] ?? ":00"}` : undefined;
}
