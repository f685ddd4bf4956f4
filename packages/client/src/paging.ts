import type { CopernicaClient, InitArgument, ItemOf, KeysetPath } from "./client.js";
import { CopernicaError } from "./errors.js";
import type { MessageEvent } from "./generated/openapi.js";
import { formatDate } from "./time.js";

/** Fetches the parsed body of a successful GET, or throws a CopernicaError. */
export type Get = (path: string, init: Init) => Promise<unknown>;
export interface Init {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
  [option: string]: unknown;
}

interface Page {
  limit?: unknown;
  data: Record<string, unknown>[];
}

const failure = (
  kind: "paging" | "unparseable" | "invalid_request",
  path: string,
  problem: string,
) => new CopernicaError(kind, "GET", path, problem);

function pageOf(body: unknown, path: string): Page {
  if (!Array.isArray((body as Page | null)?.data))
    throw failure("unparseable", path, "the answer has no data array");
  return body as Page;
}

/**
 * Whether a page is the last: empty, or short of the limit as the server capped it. The
 * server's `limit` may be a number or (old envelopes) a string of digits; without one it can
 * read, a short page may be a cap the server did not report, so only an empty page ends.
 */
function isLast(page: Page, asked: number): boolean {
  const capped = Number(page.limit);
  return page.data.length === 0 || (capped > 0 && page.data.length < Math.min(capped, asked));
}

function withQuery(init: Init, changes: Record<string, unknown>): Init {
  return {
    ...init,
    params: { ...init.params, query: { total: false, ...init.params?.query, ...changes } },
  };
}

/**
 * Every item of a v3 list, page by page with offset paging: the largest pages (1000) and
 * `total=false` unless asked otherwise. It stops on a short or empty page (never on `total`),
 * follows a limit the server caps, and fails on a page that repeats the previous one instead
 * of asking forever. One page is held at a time. Used as `copernica.paginate`.
 *
 * It is an async generator written out by hand: it hands out the items of a page already
 * fetched at once, where an async generator step per item cost paging 100,000 events about a
 * tenth of its time (see BENCHMARKS.md). Like an async generator, it answers calls in order,
 * one at a time, and after a failure, `return()` or `throw()` it is done.
 */
export function paginate(get: Get, path: string, init: Init = {}): AsyncGenerator<unknown, void> {
  const limit = (init.params?.query?.limit as number | undefined) ?? 1000;
  let start = (init.params?.query?.start as number | undefined) ?? 0;
  let items: unknown[] = [];
  let index = 0;
  let last = false;
  // A fingerprint of every page so far: a server that sends one again, however many pages
  // later, would have paging go on forever.
  const seen = new Set<string>();
  // The call being answered, if it waits on a page: later calls wait for it.
  let pending: Promise<unknown> | undefined;
  const finish = () => {
    last = true;
    items = [];
  };
  const serially = <R>(answer: () => Promise<R>): Promise<R> => {
    const run = pending ? pending.then(answer, answer) : answer();
    const settled = run.finally(() => {
      if (pending === settled) pending = undefined;
    });
    pending = settled;
    return settled;
  };
  const pull = async (): Promise<IteratorResult<unknown, void>> => {
    try {
      while (index >= items.length) {
        // The page handed out is let go before the next one arrives.
        items = [];
        if (last) return { value: undefined, done: true };
        const page = pageOf(await get(path, withQuery(init, { start, limit })), path);
        // By IDs where items have them, so that it stays small however many pages go by.
        const fingerprint = JSON.stringify(
          [page.data[0], page.data.at(-1), page.data.length].map(
            (item) => (item as { ID?: unknown } | undefined)?.ID ?? item,
          ),
        );
        if (page.data.length > 0 && seen.has(fingerprint)) {
          throw failure("paging", path, `the page at start=${start} repeats an earlier page`);
        }
        seen.add(fingerprint);
        items = page.data;
        index = 0;
        last = isLast(page, limit);
        start += items.length;
      }
      return { value: items[index++], done: false };
    } catch (error) {
      finish();
      throw error;
    }
  };
  const iterator: AsyncGenerator<unknown, void> = {
    next: () =>
      !pending && index < items.length
        ? Promise.resolve({ value: items[index++], done: false })
        : serially(pull),
    return: (value) =>
      serially(async () => {
        finish();
        return { value: await value, done: true };
      }),
    throw: (error: unknown) =>
      serially(async () => {
        finish();
        throw error;
      }),
    [Symbol.asyncIterator]: () => iterator,
  };
  // `await using` ends the paging as return() does, wherever the runtime has the symbol (Node
  // 20 and 22 have it, though their async generators lack the method).
  const dispose = (Symbol as { asyncDispose?: symbol }).asyncDispose;
  if (dispose) {
    Object.defineProperty(iterator, dispose, {
      value: () => iterator.return().then(() => undefined),
    });
  }
  return iterator;
}

/**
 * Every item of a Publisher statistics list in ascending ID order, each once, by keyset
 * paging: each page asks for `fields[]=id>N`, N the largest ID so far, so events that
 * arrive meanwhile neither shift nor repeat pages (the paging Copernica recommends for
 * statistics). Store the last `ID` you processed and pass it as `after` to resume.
 *
 * @example
 * for await (const abuse of paginateById(copernica, "/v3/publisher/destination/{id}/abuses", {
 *   params: { path: { id: 60716 } }, after: lastStoredId,
 * })) store(abuse);
 */
export function paginateById<P extends KeysetPath>(
  copernica: CopernicaClient,
  path: P,
  ...[init]: InitArgument<P, { after?: number | bigint | string | undefined }>
): AsyncGenerator<ItemOf<P>, void> {
  return byId(copernica.get as unknown as Get, path, (init ?? {}) as Init) as AsyncGenerator<
    ItemOf<P>,
    void
  >;
}

async function* byId(get: Get, path: string, init: Init): AsyncGenerator<unknown> {
  const { after: resume = 0, ...rest } = init;
  if (
    !/^\d+$/.test(String(resume)) ||
    (typeof resume === "number" && !Number.isSafeInteger(resume))
  ) {
    throw failure(
      "invalid_request",
      path,
      `after must be an ID (above 2^53: a string or bigint), got ${JSON.stringify(String(resume))}`,
    );
  }
  const conditions = [rest.params?.query?.["fields[]"] ?? []].flat() as string[];
  if (conditions.some((condition) => /^id\W/i.test(condition))) {
    throw failure(
      "invalid_request",
      path,
      "fields[] has an id condition; pass the last ID as after instead",
    );
  }
  const limit = (rest.params?.query?.limit as number | undefined) ?? 1000;
  let after = BigInt(resume as string);
  for (;;) {
    const page = pageOf(
      await get(
        path,
        withQuery(rest, { start: 0, limit, "fields[]": [...conditions, `id>${after}`] }),
      ),
      path,
    );
    const items = page.data.map((item) => {
      if (!/^\d+$/.test(String(item.ID)))
        throw failure("unparseable", path, `an item has no numeric ID: ${JSON.stringify(item.ID)}`);
      return { id: BigInt(item.ID as string), item };
    });
    // The next page starts above the largest ID of this one, so this one must hold the lowest
    // IDs: a page in any other order would have the items below its largest ID skipped.
    if (items.some(({ id }, index) => index > 0 && id < (items[index - 1] as { id: bigint }).id)) {
      throw failure("paging", path, `the page after ID ${after} is not in ascending ID order`);
    }
    let last = after;
    for (const { id, item } of items) {
      if (id <= last) continue;
      last = id;
      yield item;
    }
    if (isLast(page, limit)) return;
    if (last === after) throw failure("paging", path, `a full page brought no ID above ${after}`);
    after = last;
  }
}

/**
 * Midnight UTC of a `YYYY-MM-DD` day, or of a `Date` at midnight UTC, in milliseconds. The
 * call reads whole UTC days: a `Date` within a day would have to be widened (and chained
 * ranges would read their shared day twice) or narrowed (losing part of it), so it is refused.
 */
function day(value: Date | string, name: "start" | "end"): number {
  // A string is a day only if it reads back the same (which refuses any other format).
  const date = typeof value === "string" ? new Date(`${value}T00:00:00Z`) : value;
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (
    Number.isNaN(ms) ||
    ms % 86_400_000 !== 0 ||
    (typeof value === "string" && formatDate(date as Date) !== value)
  ) {
    const shown =
      typeof value === "string" || Number.isNaN(ms) ? String(value) : value.toISOString();
    throw new RangeError(
      `${name} must be a UTC day: YYYY-MM-DD, or a Date at 00:00 UTC, got ${JSON.stringify(shown)}`,
    );
  }
  return ms;
}

/** One calendar month later: the same day, or the last day of a shorter month. */
function nextMonth(ms: number): number {
  const date = new Date(ms);
  const dayOfMonth = date.getUTCDate();
  // setUTCMonth, unlike Date.UTC, keeps a year below 100 as it is.
  date.setUTCMonth(date.getUTCMonth() + 1, dayOfMonth);
  // Past the end of a shorter month: back to its last day.
  if (date.getUTCDate() !== dayOfMonth) date.setUTCDate(0);
  return date.getTime();
}

export interface EventRange {
  /** The first day (UTC) to read events of: `YYYY-MM-DD`, or a `Date` at 00:00 UTC. */
  start: Date | string;
  /** The day after the last day (UTC) to read events of, exclusive: as `start`. */
  end: Date | string;
  /** Only events of messages with these tags, separated by semicolons. */
  tags?: string | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Every event of a Marketing Suite message in [start, end), however long the range. The v1
 * call answers at most one month, so the range is read in windows of at most one calendar
 * month (UTC days, end exclusive), one call each, every event once.
 *
 * @example
 * for await (const event of messageEvents(copernica, "dkJDF343Df", { start: "2024-01-01", end: "2024-07-01" })) ...
 */
export async function* messageEvents(
  copernica: CopernicaClient,
  id: string,
  range: EventRange,
): AsyncGenerator<MessageEvent, void> {
  const { tags, signal } = range;
  const end = day(range.end, "end");
  let from = day(range.start, "start");
  if (from >= end)
    throw new RangeError(
      `start (${formatDate(new Date(from))}) must be before end (${formatDate(new Date(end))})`,
    );
  while (from < end) {
    const to = Math.min(nextMonth(from), end);
    // openapi-fetch leaves out a parameter that is undefined (no tags, or empty ones).
    const query = {
      start: formatDate(new Date(from)),
      end: formatDate(new Date(to)),
      tags: (tags || undefined) as string,
    };
    const events: unknown = await copernica.get("/v1/message/{id}/events", {
      signal: signal ?? null,
      params: { path: { id }, query },
    });
    if (!Array.isArray(events)) {
      throw failure("unparseable", "/v1/message/{id}/events", "the answer is no array of events");
    }
    yield* events as MessageEvent[];
    from = to;
  }
}
