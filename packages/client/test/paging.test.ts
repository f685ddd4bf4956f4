import { describe, expect, it } from "vitest";
import {
  CopernicaError,
  createCopernicaClient,
  messageEvents,
  paginateById,
} from "../src/index.js";
import { type Answer, answers, impressions, listOf, sequence } from "./support/fake-copernica.js";
import { json, queryOf, useRecordingServer } from "./support/recording-server.js";
import { TOKEN } from "./support/secrets.js";

const server = useRecordingServer();

function client(answer: Answer) {
  server.handle(answer);
  return createCopernicaClient({
    accessToken: TOKEN,
    baseUrl: server.url,
    retry: { baseDelayMs: 1 },
  });
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const ids = (items: { ID: string }[]) => items.map((item) => Number(item.ID));
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe("paginate", () => {
  it("reads 10,500 items through a 503 in the middle, every item exactly once, in 1000-item pages without total", async () => {
    const copernica = client(
      listOf(impressions(10_500), { faults: { 6: answers.loadBalancer(503) } }),
    );
    const items = await collect(copernica.paginate("/v3/ms/impressions"));

    expect(ids(items)).toEqual(range(1, 10_500));
    expect(server.requests).toHaveLength(12); // 11 pages, one of them asked twice
    for (const request of server.requests) {
      expect(queryOf(request).get("limit")).toBe("1000");
      expect(queryOf(request).get("total")).toBe("false");
    }
    expect(server.requests.map((request) => queryOf(request).get("start"))).toEqual([
      "0",
      "1000",
      "2000",
      "3000",
      "4000",
      "5000",
      "5000",
      "6000",
      "7000",
      "8000",
      "9000",
      "10000",
    ]);
  });

  it("stops on the short last page, and asks one empty page when the items fill the last page exactly", async () => {
    let copernica = client(listOf(impressions(2500)));
    expect(await collect(copernica.paginate("/v3/ms/impressions"))).toHaveLength(2500);
    expect(server.requests).toHaveLength(3);

    server.requests.length = 0;
    copernica = client(listOf(impressions(2000)));
    expect(await collect(copernica.paginate("/v3/ms/impressions"))).toHaveLength(2000);
    expect(server.requests).toHaveLength(3);
  });

  it("never relies on total, even when the server sends a wrong one", async () => {
    const copernica = client((request, res) => {
      const start = Number(queryOf(request).get("start"));
      const data = impressions(3000).slice(start, start + 1000);
      json(res, 200, { start, limit: 1000, count: data.length, total: 5, data });
    });
    expect(
      await collect(
        copernica.paginate("/v3/ms/impressions", { params: { query: { total: true } } }),
      ),
    ).toHaveLength(3000);
  });

  it("follows a server that caps the page below the limit asked for", async () => {
    const copernica = client(listOf(impressions(1234), { cap: 250, omitTotal: true }));
    const items = await collect(copernica.paginate("/v3/ms/impressions"));
    expect(ids(items)).toEqual(range(1, 1234));
    expect(server.requests).toHaveLength(5);
  });

  it.each([
    ["as a string, as old envelopes send it", (limit: number): unknown => String(limit)],
    ["left out", (): unknown => undefined],
  ])("follows a server that caps the page, its limit %s", async (_what, echo) => {
    const items = impressions(1234);
    const copernica = client((request, res) => {
      const start = Number(queryOf(request).get("start"));
      const data = items.slice(start, start + 250);
      json(res, 200, { start, limit: echo(250), count: data.length, data });
    });
    expect(ids(await collect(copernica.paginate("/v3/ms/impressions")))).toEqual(range(1, 1234));
  });

  it("keeps the caller's parameters, start and limit included", async () => {
    const copernica = client(listOf(impressions(30)));
    const items = await collect(
      copernica.paginate("/v3/ms/clicks", {
        params: { query: { begintime: "2024-01-01 00:00:00", start: 10, limit: 7 } },
      }),
    );
    expect(ids(items)).toEqual(range(11, 30));
    const [request] = server.requests;
    if (!request) throw new Error("no request");
    const first = queryOf(request);
    expect([first.get("begintime"), first.get("start"), first.get("limit")]).toEqual([
      "2024-01-01 00:00:00",
      "10",
      "7",
    ]);
  });

  it("fails instead of looping forever when the server repeats a page", async () => {
    const copernica = client(listOf(impressions(5000), { ignoreStart: true }));
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const item of copernica.paginate("/v3/ms/impressions")) seen.push(item);
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CopernicaError);
    expect(error).toMatchObject({ kind: "paging" });
    expect((error as Error).message).toContain("the page at start=1000 repeats an earlier page");
    expect(seen).toHaveLength(1000);
    expect(server.requests).toHaveLength(2);
  });

  it("fails before handing out a page again when the server sends an earlier one", async () => {
    const items = impressions(3000);
    const pageAt =
      (start: number): Answer =>
      (_request, res) =>
        json(res, 200, { start, limit: 1000, count: 1000, data: items.slice(start, start + 1000) });
    const copernica = client(sequence(pageAt(0), pageAt(1000), pageAt(0)));
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const item of copernica.paginate("/v3/ms/impressions")) seen.push(item);
    })().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "paging" });
    expect(seen).toHaveLength(2000);
    expect(server.requests).toHaveLength(3);
  });

  it("throws a CopernicaError when a page fails for good", async () => {
    const copernica = client(
      listOf(impressions(3000), { faults: { 2: answers.error400("Invalid access token") } }),
    );
    await expect(collect(copernica.paginate("/v3/ms/impressions"))).rejects.toMatchObject({
      kind: "auth",
      status: 400,
    });
  });

  it("behaves as an async generator: calls answered in order, lazy, done after break, return or throw", async () => {
    const copernica = client(listOf(impressions(2500)));
    const items = copernica.paginate("/v3/ms/impressions");
    expect(items[Symbol.asyncIterator]()).toBe(items);
    expect(server.requests).toHaveLength(0); // nothing is asked before the first next()
    // Calls made at once, across a page boundary, are answered in order, each item once.
    const firsts = await Promise.all(Array.from({ length: 1002 }, () => items.next()));
    expect(firsts.map((result) => Number((result.value as { ID: string }).ID))).toEqual(
      range(1, 1002),
    );
    expect(server.requests).toHaveLength(2);
    await expect(items.return()).resolves.toEqual({ value: undefined, done: true });
    await expect(items.next()).resolves.toEqual({ value: undefined, done: true });
    expect(server.requests).toHaveLength(2);

    server.requests.length = 0;
    for await (const item of copernica.paginate("/v3/ms/impressions")) {
      if (item.ID === "1500") break;
    }
    expect(server.requests).toHaveLength(2);

    const thrown = copernica.paginate("/v3/ms/impressions");
    await thrown.next();
    const reason = new Error("stop");
    await expect(thrown.throw(reason)).rejects.toBe(reason);
    await expect(thrown.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it("ends with `await using` wherever the runtime has Symbol.asyncDispose", async () => {
    const copernica = client(listOf(impressions(5)));
    const iterator = copernica.paginate("/v3/ms/impressions");
    expect(iterator[Symbol.asyncIterator]()).toBe(iterator);
    // Node 20 and 22 have the symbol, though their async generators lack the method.
    const dispose = (iterator as unknown as Record<symbol, () => Promise<void>>)[
      Symbol.asyncDispose
    ];
    expect(typeof dispose).toBe("function");
    await dispose?.call(iterator);
    await expect(iterator.next()).resolves.toEqual({ value: undefined, done: true });
    expect(server.requests).toHaveLength(0);
  });

  it("is done after a page fails", async () => {
    const copernica = client(
      listOf(impressions(3000), { faults: { 2: answers.error400("Invalid access token") } }),
    );
    const items = copernica.paginate("/v3/ms/impressions");
    for (let i = 0; i < 1000; i++) await items.next();
    await expect(items.next()).rejects.toMatchObject({ kind: "auth" });
    await expect(items.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it("holds one page at a time: items already handed out can be garbage-collected", async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    expect(gc, "run with --expose-gc (vitest.config.ts sets it)").toBeTypeOf("function");
    const copernica = client(listOf(impressions(20_000)));
    let first: WeakRef<object> | undefined;
    let count = 0;
    for await (const item of copernica.paginate("/v3/ms/impressions")) {
      first ??= new WeakRef(item);
      if (++count === 15_000) {
        gc?.();
        await new Promise((resolve) => setImmediate(resolve));
        gc?.();
        expect(first.deref()).toBeUndefined();
      }
    }
    expect(count).toBe(20_000);
  });
});

describe("paginateById (keyset paging)", () => {
  it("reads every item once in ascending ID order while new events arrive, with fields[]=id>N", async () => {
    const rows = impressions(2500, 1000).reverse(); // the server's storage order is not the ID order
    const copernica = client(
      listOf(rows, {
        beforePage: (n) => {
          if (n === 2) rows.push(...impressions(700, 5000)); // events arrive while paging
        },
      }),
    );
    const items = await collect(
      paginateById(copernica, "/v3/publisher/destination/{id}/impressions", {
        params: { path: { id: 822758 }, query: { "fields[]": ["timestamp>=2024-01-01"] } },
      }),
    );

    expect(ids(items as { ID: string }[])).toEqual([...range(1000, 3499), ...range(5000, 5699)]);
    const sent = server.requests.map((request) => queryOf(request).getAll("fields[]"));
    expect(sent[0]).toEqual(["timestamp>=2024-01-01", "id>0"]);
    expect(sent[1]).toEqual(["timestamp>=2024-01-01", "id>1999"]);
    expect(sent.slice(2)).toEqual([
      ["timestamp>=2024-01-01", "id>2999"],
      ["timestamp>=2024-01-01", "id>5499"],
    ]);
    for (const request of server.requests) expect(queryOf(request).get("start")).toBe("0");
  });

  it("resumes after the last ID stored, and skips an item at or below it if the server sends one", async () => {
    const copernica = client((request, res) => {
      const after = Number(/id>(\d+)/.exec(queryOf(request).getAll("fields[]").join())?.[1]);
      const data = after >= 10 ? [] : impressions(5, 8); // IDs 8..12, two at or below `after`
      json(res, 200, { start: 0, limit: 1000, count: data.length, data });
    });
    const items = await collect(
      paginateById(copernica, "/v3/publisher/destination/{id}/abuses", {
        params: { path: { id: 1 } },
        after: "9",
      }),
    );
    expect(ids(items as { ID: string }[])).toEqual([10, 11, 12]);
  });

  it.each([
    [{ after: "-1" }, "after must be an ID"],
    [{ after: "12a" }, "after must be an ID"],
    // Rounded already: the item it names would come again.
    [{ after: 2 ** 53 + 2 }, "after must be an ID (above 2^53: a string or bigint)"],
    [
      { params: { path: { id: 1 }, query: { "fields[]": ["id>5"] } } },
      "fields[] has an id condition; pass the last ID as after instead",
    ],
  ])("refuses %j before sending anything", async (init, message) => {
    const copernica = client(listOf([]));
    const options = { params: { path: { id: 1 } }, ...init };
    await expect(
      collect(paginateById(copernica, "/v3/publisher/destination/{id}/abuses", options as never)),
    ).rejects.toThrow(message);
    expect(server.requests).toHaveLength(0);
  });

  it("fails instead of skipping items when the server does not order a page by ID", async () => {
    const copernica = client((request, res) => {
      const after = Number(/id>(\d+)/.exec(queryOf(request).getAll("fields[]").join())?.[1]);
      // The lowest IDs, but newest first, as a server ordering by time would send them.
      const data = impressions(1000, after + 1).reverse();
      json(res, 200, { start: 0, limit: 1000, count: data.length, data });
    });
    const path = "/v3/publisher/destination/{id}/abuses";
    await expect(
      collect(paginateById(copernica, path, { params: { path: { id: 1 } } })),
    ).rejects.toMatchObject({ kind: "paging", message: /not in ascending ID order/ });
    expect(server.requests).toHaveLength(1);
  });

  it("takes a single fields[] condition as a string too", async () => {
    const copernica = client(listOf(impressions(3)));
    const items = await collect(
      paginateById(copernica, "/v3/publisher/destination/{id}/abuses", {
        params: { path: { id: 1 }, query: { "fields[]": "timestamp>2024-01-01" as never } },
      }),
    );
    expect(ids(items as { ID: string }[])).toEqual([1, 2, 3]);
    const [request] = server.requests;
    expect(request && queryOf(request).getAll("fields[]")).toEqual([
      "timestamp>2024-01-01",
      "id>0",
    ]);
  });

  it("fails instead of looping forever when the server ignores the id filter", async () => {
    const copernica = client((_request, res) =>
      json(res, 200, { start: 0, limit: 1000, count: 1000, data: impressions(1000) }),
    );
    await expect(
      collect(
        paginateById(copernica, "/v3/publisher/destination/{id}/abuses", {
          params: { path: { id: 1 } },
        }),
      ),
    ).rejects.toMatchObject({
      kind: "paging",
    });
    expect(server.requests).toHaveLength(2);
  });
});

describe("messageEvents", () => {
  it("reads a long range in windows of at most one calendar month, UTC days, end exclusive, each event once", async () => {
    const copernica = client((request, res) => {
      const query = queryOf(request);
      json(res, 200, [
        {
          event: "open",
          window: `${query.get("start")}/${query.get("end")}`,
          tags: query.get("tags"),
        },
      ]);
    });
    const events = await collect(
      messageEvents(copernica, "dkJDF343Df", {
        start: "2024-01-31",
        end: new Date("2024-06-10T00:00:00Z"),
        tags: "a;b",
      }),
    );

    expect(events.map((event) => event.window)).toEqual([
      "2024-01-31/2024-02-29",
      "2024-02-29/2024-03-29",
      "2024-03-29/2024-04-29",
      "2024-04-29/2024-05-29",
      "2024-05-29/2024-06-10",
    ]);
    expect(events.every((event) => event.tags === "a;b")).toBe(true);
    expect(
      server.requests.every((request) =>
        request.rawUrl.startsWith("/v1/message/dkJDF343Df/events?"),
      ),
    ).toBe(true);
  });

  it("makes one call for a range within a month", async () => {
    const copernica = client((_request, res) => json(res, 200, []));
    expect(
      await collect(
        messageEvents(copernica, "m1", {
          start: new Date("2024-03-30T00:00:00Z"),
          end: "2024-04-30",
        }),
      ),
    ).toEqual([]);
    expect(server.requests.map((request) => request.rawUrl.split("&access_token")[0])).toEqual([
      "/v1/message/m1/events?start=2024-03-30&end=2024-04-30",
    ]);
  });

  it.each([
    [
      { start: "2024-02-01", end: "2024-02-01" },
      "start (2024-02-01) must be before end (2024-02-01)",
    ],
    [
      { start: "2024-13-01", end: "2024-02-01" },
      'start must be a UTC day: YYYY-MM-DD, or a Date at 00:00 UTC, got "2024-13-01"',
    ],
    [
      { start: new Date("nope"), end: "2024-02-01" },
      'start must be a UTC day: YYYY-MM-DD, or a Date at 00:00 UTC, got "Invalid Date"',
    ],
    [
      { start: "2024-01-01", end: "01/02/2024" },
      'end must be a UTC day: YYYY-MM-DD, or a Date at 00:00 UTC, got "01/02/2024"',
    ],
    [
      // A Date within a day: widening it would read a day twice when ranges are chained.
      { start: "2024-01-01", end: new Date("2024-01-31T23:00:00Z") },
      'end must be a UTC day: YYYY-MM-DD, or a Date at 00:00 UTC, got "2024-01-31T23:00:00.000Z"',
    ],
    [
      { start: "2023-02-29", end: "2023-04-01" },
      'start must be a UTC day: YYYY-MM-DD, or a Date at 00:00 UTC, got "2023-02-29"',
    ],
  ])("refuses %j before sending anything", async (range, message) => {
    const copernica = client((_request, res) => json(res, 200, []));
    await expect(collect(messageEvents(copernica, "m1", range))).rejects.toThrow(message);
    expect(server.requests).toHaveLength(0);
  });

  it("fails on an answer that is no array of events", async () => {
    const copernica = client((_request, res) => json(res, 200, "no events"));
    await expect(
      collect(messageEvents(copernica, "m1", { start: "2024-01-01", end: "2024-01-02" })),
    ).rejects.toMatchObject({ kind: "unparseable" });
  });

  it("sends no tags when none are given, an empty string included", async () => {
    const copernica = client((_request, res) => json(res, 200, []));
    await collect(
      messageEvents(copernica, "m1", { start: "2024-01-01", end: "2024-01-02", tags: "" }),
    );
    expect(server.requests.map((request) => queryOf(request).has("tags"))).toEqual([false]);
  });

  it("reads windows of years below 100 as they are", async () => {
    const copernica = client((_request, res) => json(res, 200, []));
    await collect(messageEvents(copernica, "m1", { start: "0050-01-31", end: "0050-03-15" }));
    expect(
      server.requests.map(
        (request) => `${queryOf(request).get("start")}/${queryOf(request).get("end")}`,
      ),
    ).toEqual(["0050-01-31/0050-02-28", "0050-02-28/0050-03-15"]);
  });
});
