import { CopernicaError } from "./errors.js";

const written = (format: RegExp) => (value: unknown) =>
  typeof value === "string" && format.test(value);
const isDay = written(/^\d{4}-\d{2}-\d{2}$/);
const isTimestamp = written(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
const isId = (value: unknown) => /^0*[1-9]\d*$/.test(String(value));
const isLimit = (value: unknown) =>
  Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 1000;
const isStart = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * Refuses, before anything is sent, the parameters Copernica would refuse or silently
 * misread: a query parameter's name with a capital (a typo, which Copernica would ignore), a
 * v3 id that is not a positive integer, a `limit` outside 1 to 1000 (Copernica silently caps
 * it), a negative `start`, a `begintime`/`endtime` not written `YYYY-MM-DD HH:MM:SS`, a
 * `begintime` after `endtime`, and v1 `start`/`end` days not written `YYYY-MM-DD` or in the
 * wrong order. The error's URL is the path as the spec writes it. The contract tests check
 * these rules against the spec.
 */
export function checkParameters(
  method: string,
  path: string,
  params: { path?: Record<string, unknown>; query?: Record<string, unknown> } = {},
): void {
  const query = params.query ?? {};
  const check = (
    name: string,
    valid: (value: unknown) => boolean,
    rule: string,
    value: unknown = query[name],
  ) => {
    if (value !== undefined && !valid(value)) {
      // JSON would write NaN as null, and no bigint; a Date writes itself, as a time no
      // Copernica call reads.
      const shown = typeof value === "string" ? JSON.stringify(value) : String(value);
      throw new CopernicaError(
        "invalid_request",
        method,
        path,
        `${name} must be ${rule}, got ${shown}`,
      );
    }
  };
  // Copernica's parameters are lowercase, and it ignores a name it does not know (a filter with
  // a typo returns everything): a name with a capital is a typo.
  for (const name in query)
    check("a query parameter's name", (text) => !/[A-Z]/.test(text as string), "lowercase", name);
  const v3 = path.startsWith("/v3/");
  // A missing id would be sent as the text {id}, and an empty one leave a // in the path; a
  // v1 id is any text but that, and . or .., which the URL would resolve to another path.
  check(
    "path parameter id",
    v3 ? isId : (id) => !/^\.{0,2}$/.test(String(id)),
    v3 ? "a positive integer" : "a message ID (not empty, . or ..)",
    path.includes("{id}") ? (params.path?.id ?? "") : undefined,
  );
  // The period: v3 times, or v1 days.
  const [from, to, isBound, format] = v3
    ? (["begintime", "endtime", isTimestamp, "a time written YYYY-MM-DD HH:MM:SS"] as const)
    : (["start", "end", isDay, "a day written YYYY-MM-DD"] as const);
  if (v3) {
    check("limit", isLimit, "an integer from 1 to 1000");
    check("start", isStart, "an integer of 0 or more");
  }
  check(from, isBound, format);
  check(to, isBound, format);
  const upper = query[to];
  // Both are written as the rule says by now, or undefined: a comparison with undefined is false.
  check(from, (lower) => !((lower as string) > (upper as string)), `at or before ${to} (${upper})`);
}
