import { DEFAULT_TIME_ZONE, formatTimestamp } from "./time.js";

/** The operators of Copernica's `fields[]` parameter (like and not like are `=~` and `!~`). */
export const FILTER_OPERATORS = ["==", "!=", "<>", "<", ">", "<=", ">=", "=~", "!~"] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** The fields the Publisher statistics calls filter on; other calls filter on database fields. */
export type StatisticsField = "timestamp" | "id";

const FIELD = /^[A-Za-z_][\w.]*$/;
const DAY = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/;

/**
 * Builds one `fields[]` condition, checked before it can reach Copernica (which silently
 * ignores a condition it does not understand and returns unfiltered data). A Date is written
 * in the wall-clock time of `timeZone` (default Europe/Amsterdam). Send the result in the
 * `fields[]` array; the client percent-encodes it.
 *
 * @example filter("timestamp", ">=", new Date("2024-01-01T00:00:00+01:00")) // "timestamp>=2024-01-01 00:00:00"
 * @example filter("id", ">", 100000) // "id>100000"
 */
export function filter(
  field: "timestamp",
  operator: FilterOperator,
  value: Date | string,
  timeZone?: string,
): string;
export function filter(
  field: "id",
  operator: FilterOperator,
  value: number | bigint | string,
): string;
export function filter(
  field: string,
  operator: FilterOperator,
  value: Date | string | number | bigint,
  timeZone?: string,
): string;
export function filter(
  field: string,
  operator: FilterOperator,
  value: Date | string | number | bigint,
  timeZone = DEFAULT_TIME_ZONE,
): string {
  const refuse = (what: string): never => {
    throw new RangeError(`fields[] condition on ${JSON.stringify(field)}: ${what}`);
  };
  if (typeof field !== "string" || !FIELD.test(field))
    refuse("the field name must be letters, digits, _ or . with no spaces");
  if (!FILTER_OPERATORS.includes(operator)) {
    refuse(
      `unknown operator ${JSON.stringify(operator)}; use one of ${FILTER_OPERATORS.join(" ")}`,
    );
  }
  const like = operator === "=~" || operator === "!~";
  let text: string;
  if (value instanceof Date) text = formatTimestamp(value, timeZone, `the value for ${field}`);
  else if (typeof value === "string" || typeof value === "bigint" || Number.isFinite(value))
    text = String(value);
  else text = refuse(`the value must be a string, a number or a Date, got ${String(value)}`);
  const quoted = JSON.stringify(text);
  if (text === "") refuse("the value is empty");
  if (text.trim() !== text) refuse(`the value ${quoted} has spaces at its start or end`);
  // The condition is one string, and nothing in it can be escaped: a value that starts like an
  // operator would change it (`<` with `=5` reads as `<=5`).
  if (/^[=<>!~]/.test(text)) refuse(`the value ${quoted} starts with one of = < > ! ~`);
  if (field === "id" && !like && !/^\d+$/.test(text))
    refuse(`an id is compared with a whole number, got ${quoted}`);
  if (field === "timestamp" && !like && !DAY.test(text)) {
    refuse(
      `a timestamp is compared with YYYY-MM-DD or YYYY-MM-DD HH:MM:SS (or a Date), got ${quoted}`,
    );
  }
  return `${field}${operator}${text}`;
}
