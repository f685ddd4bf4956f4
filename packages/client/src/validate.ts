import type { Middleware } from "openapi-fetch";
import { CopernicaError } from "./errors.js";

const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Refuses, before anything is sent, the parameters Copernica would refuse or silently
 * misread: a v3 id that is not a positive integer, a `limit` outside 1 to 1000 (Copernica
 * silently caps it), a negative `start`, a `begintime`/`endtime` not written
 * `YYYY-MM-DD HH:MM:SS`, a `begintime` after `endtime`, and v1 `start`/`end` days not
 * written `YYYY-MM-DD`. The contract tests check these
 * rules against the spec.
 */
export const checkParameters: Middleware = {
  onRequest({ request, schemaPath, params }) {
    const refuse = (name: string, rule: string, value: unknown): never => {
      const shown =
        value instanceof Date ? "a Date (write it with formatTimestamp)" : JSON.stringify(value);
      throw new CopernicaError(
        "invalid_request",
        request.method,
        request.url,
        `${name} must be ${rule}, got ${shown}`,
      );
    };
    const query = params.query ?? {};
    if (!schemaPath.startsWith("/v3/")) {
      // v1: start and end are UTC days.
      for (const name of ["start", "end"]) {
        const value = query[name];
        if (value !== undefined && !(typeof value === "string" && DAY.test(value)))
          refuse(name, "a day written YYYY-MM-DD", value);
      }
      return;
    }
    const id = params.path?.id;
    if (id !== undefined && !/^0*[1-9]\d*$/.test(String(id)))
      refuse("path parameter id", "a positive integer", id);
    const { limit, start, begintime, endtime } = query;
    if (
      limit !== undefined &&
      !(Number.isInteger(limit) && (limit as number) >= 1 && (limit as number) <= 1000)
    ) {
      refuse("limit", "an integer from 1 to 1000", limit);
    }
    if (start !== undefined && !(Number.isInteger(start) && (start as number) >= 0)) {
      refuse("start", "an integer of 0 or more", start);
    }
    for (const [name, value] of [
      ["begintime", begintime],
      ["endtime", endtime],
    ] as const) {
      if (value !== undefined && !(typeof value === "string" && TIMESTAMP.test(value))) {
        refuse(name, "a time written YYYY-MM-DD HH:MM:SS", value);
      }
    }
    if (typeof begintime === "string" && typeof endtime === "string" && begintime > endtime) {
      refuse("begintime", `at or before endtime (${endtime})`, begintime);
    }
  },
};
