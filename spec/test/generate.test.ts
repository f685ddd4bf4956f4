import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import {
  createGenerator,
  DEFAULT_BEGIN,
  DEFAULT_END,
  type OpenApiDocument,
  USER_AGENTS,
} from "../src/generate.js";

// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const document = JSON.parse(
  readFileSync(new URL("../dist/openapi.json", import.meta.url), "utf8"),
) as OpenApiDocument & {
  paths: Record<
    string,
    {
      get: {
        responses: { 200: { content: { "application/json": { schema: { $ref: string } } } } };
      };
    }
  >;
};
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(document, "openapi.json");

const operations = Object.entries(document.paths).map(([template, item]) => ({
  template,
  schemaRef: item.get.responses[200].content["application/json"].schema.$ref,
  // A realistic request path for the template.
  path: template.replace("{id}", template.startsWith("/v1/") ? "dkJDF343Df" : "60716"),
}));

function problems(ref: string, value: unknown): string[] {
  const validate =
    ajv.getSchema(`openapi.json${ref}`) ?? ajv.compile({ $ref: `openapi.json${ref}` });
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

interface PageBody {
  start: number;
  limit: number;
  count: number;
  total?: number;
  data: Record<string, unknown>[];
}

const TIMESTAMP = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;
const query = (text: string) => new URLSearchParams(text);

describe("the generated data", () => {
  const generator = createGenerator(document, 1);
  const page = (path: string, text = "") => generator.answer(path, query(text)) as PageBody;

  it("answers every GET of the description with a body valid against its 200 schema", () => {
    expect(operations.length).toBeGreaterThan(40);
    // The validation has teeth: a page without items or with a wrong ID fails it.
    expect(problems("#/components/schemas/MsClickPage", { start: 0, limit: 1 })).not.toEqual([]);
    const wrong = {
      start: 0,
      limit: 1,
      count: 1,
      data: [{ ...page("/v3/ms/clicks").data[0], ID: 7 }],
    };
    expect(problems("#/components/schemas/MsClickPage", wrong)).not.toEqual([]);
    for (const seed of [0, 1, 42, 4_294_967_295]) {
      const seeded = createGenerator(document, seed);
      for (const { path, schemaRef } of operations) {
        for (const text of ["", "limit=40&start=7", "total=false&unique=true"]) {
          const body = seeded.answer(path, query(text));
          expect(body, `${path}?${text}`).toBeDefined();
          expect(problems(schemaRef, body), `${path}?${text} seed ${seed}`).toEqual([]);
        }
      }
    }
  });

  it("pages like Copernica: start and limit echoed, count the size of data, total optional", () => {
    const first = page("/v3/ms/clicks", "limit=25");
    expect(first).toMatchObject({ start: 0, limit: 25, count: 25 });
    expect(first.data).toHaveLength(25);
    expect(first.total).toBeGreaterThan(1000);
    const second = page("/v3/ms/clicks", "limit=25&start=25&total=false");
    expect(second).toMatchObject({ start: 25, limit: 25, count: 25 });
    expect(second).not.toHaveProperty("total");
    // Pages are windows on one list: two pages of 25 are one page of 50.
    expect([...first.data, ...second.data]).toEqual(page("/v3/ms/clicks", "limit=50").data);
    expect(page("/v3/ms/clicks")).toMatchObject({ start: 0, limit: 100, count: 100 });
    expect(page("/v3/ms/clicks", "limit=1000").count).toBe(1000);

    const total = first.total ?? 0;
    const last = page("/v3/ms/clicks", `limit=100&start=${total - 10}`);
    expect(last).toMatchObject({ count: 10, total });
    expect(page("/v3/ms/clicks", `start=${total}`)).toMatchObject({ count: 0, data: [] });
  });

  it("keeps timestamps inside begintime and endtime, in order, in Copernica's format", () => {
    const begintime = "2024-03-01 00:00:00";
    const endtime = "2024-03-07 23:59:59";
    const body = page("/v3/ms/impressions", `begintime=${begintime}&endtime=${endtime}&limit=1000`);
    expect(body.count).toBeGreaterThan(50);
    expect(body.count).toBe(body.total);
    const stamps = body.data.map((item) => String(item.timestamp));
    for (const stamp of stamps) {
      expect(stamp).toMatch(TIMESTAMP);
      expect(stamp >= begintime && stamp <= endtime, stamp).toBe(true);
    }
    expect([...stamps].sort()).toEqual(stamps);
    // Without a period: the year 2024, Copernica's wall-clock time.
    const total = page("/v3/ms/clicks").total ?? 0;
    const ends = [page("/v3/ms/clicks", "limit=50"), page("/v3/ms/clicks", `start=${total - 50}`)];
    expect(ends[1]?.count).toBe(50);
    for (const item of ends.flatMap((body) => body.data)) {
      expect(String(item.timestamp) >= DEFAULT_BEGIN && String(item.timestamp) <= DEFAULT_END).toBe(
        true,
      );
    }
    expect(page("/v3/ms/clicks", `begintime=${endtime}&endtime=${begintime}`)).toMatchObject({
      count: 0,
      total: 0,
      data: [],
    });
  });

  it("looks real: digit string IDs, IPv4 and IPv6, real user agents, documented enums", () => {
    const impressions = page("/v3/ms/impressions", "limit=1000").data;
    const ids = impressions.map((item) => String(item.ID));
    for (const id of ids) expect(id).toMatch(/^[1-9][0-9]*$/);
    expect(ids.map(Number)).toEqual([...ids.map(Number)].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);

    const versions = impressions.map((item) => isIP(String(item.ip)));
    expect(versions).not.toContain(0);
    expect(versions).toContain(4);
    expect(versions).toContain(6);
    for (const item of impressions) {
      const agent = USER_AGENTS.find((entry) => entry.ua === item.useragent);
      expect(agent, String(item.useragent)).toBeDefined();
      expect(item.device).toBe(agent?.device);
      expect(String(item.mailing)).toMatch(/^\d+$/);
      expect(String(item.destination)).toMatch(/^\d+$/);
    }
    expect(new Set(impressions.map((item) => item.device))).toEqual(
      new Set(["desktop", "mobile", "tablet", "unknown"]),
    );
    // Clicks and impressions come from the same few mailings.
    const mailings = new Set(impressions.map((item) => item.mailing));
    expect(mailings.size).toBeLessThanOrEqual(6);
    for (const click of page("/v3/ms/clicks", "limit=200").data) {
      expect(mailings.has(click.mailing)).toBe(true);
      expect(String(click.useragent)).toMatch(
        /^(Mozilla\/5\.0 \(|Microsoft Office\/|YahooMailProxy)/,
      );
    }

    const errors = page("/v3/publisher/errors", "limit=300").data;
    expect(new Set(errors.map((item) => item.errortype)).size).toBeGreaterThan(5);
    const abuses = page("/v3/publisher/abuses", "limit=300").data;
    for (const abuse of abuses) {
      expect(["arf", "JMR", "none"]).toContain(abuse.recognized_as);
    }
  });

  it("uses the ID of a scoped path for the items of that scope", () => {
    for (const click of page("/v3/ms/emailing/4242/clicks", "limit=20").data) {
      expect(click.mailing).toBe("4242");
    }
    for (const item of page("/v3/publisher/destination/822758/impressions", "limit=20").data) {
      expect(item.destination).toBe("822758");
    }
    const events = generator.answer("/v1/message/dkJDF343Df/events", query("")) as {
      id: string;
    }[];
    for (const event of events) expect(event.id).toBe("dkJDF343Df");
  });

  it("reads start and limit as Prism does before it checks them (10.0, 1e1, +10)", () => {
    const canonical = page("/v3/ms/clicks", "start=10&limit=5");
    for (const text of ["start=10.0&limit=5.0", "start=1e1&limit=5", "start=%2B10&limit=%205"]) {
      expect(page("/v3/ms/clicks", text), text).toEqual(canonical);
    }
  });

  it("applies fields[] conditions on id and timestamp where the call takes them", () => {
    const path = "/v3/publisher/destination/822758/clicks";
    const period = "begintime=2024-03-01 00:00:00&endtime=2024-03-31 23:59:59";
    // A whole list, page by page.
    const everything = (text = "") => {
      const pages = [page(path, `${period}&limit=1000&${text}`)];
      while (pages.at(-1)?.count === 1000) {
        pages.push(page(path, `${period}&limit=1000&start=${pages.length * 1000}&${text}`));
      }
      const total = pages[0]?.total;
      const data = pages.flatMap((body) => body.data);
      expect(data).toHaveLength(total ?? 0);
      return data;
    };
    const all = { data: everything() };
    expect(all.data.length).toBeGreaterThan(1000);
    const ids = all.data.map((item) => Number(item.ID));
    const pivot = ids[100] as number;
    const conditions = (...list: string[]) =>
      list.map((condition) => `fields[]=${encodeURIComponent(condition)}`).join("&");

    // id>N: the items after N, as keyset paging asks for them; total and paging follow.
    const after = page(path, `${period}&limit=50&${conditions(`id>${pivot}`)}`);
    expect(after).toMatchObject({ start: 0, limit: 50, count: 50, total: ids.length - 101 });
    expect(after.data).toEqual(all.data.slice(101, 151));
    expect(page(path, `${period}&limit=50&start=50&${conditions(`id>${pivot}`)}`).data).toEqual(
      all.data.slice(151, 201),
    );
    // Every condition must hold; == and != pick out one item.
    const between = page(
      path,
      `${period}&limit=1000&${conditions(`id>=${pivot}`, `id<${ids[110]}`)}`,
    );
    expect(between.data).toEqual(all.data.slice(100, 110));
    expect(page(path, `${period}&${conditions(`id==${pivot}`)}`).data).toEqual([all.data[100]]);
    expect(page(path, `${period}&${conditions(`id!=${pivot}`)}`).total).toBe(ids.length - 1);

    // timestamp: a day, or a moment; like with % and _.
    const stamps = all.data.map((item) => String(item.timestamp));
    const day = everything(conditions("timestamp>=2024-03-10", "timestamp<2024-03-11"));
    expect(day).toEqual(all.data.filter((_, index) => stamps[index]?.startsWith("2024-03-10")));
    expect(day.length).toBeGreaterThan(0);
    expect(everything(conditions("timestamp=~2024-03-1_ %"))).toEqual(
      all.data.filter((_, index) => /^2024-03-1\d /.test(stamps[index] ?? "")),
    );
    const moment = stamps[200] as string;
    expect(everything(conditions(`timestamp>${moment}`))).toEqual(
      all.data.filter((_, index) => (stamps[index] as string) > moment),
    );

    // The Marketing Suite calls take no fields[]: Copernica ignores it there.
    const ms = "/v3/ms/destination/822758/clicks";
    expect(page(ms, `${period}&${conditions(`id>${pivot}`)}`)).toEqual(page(ms, period));
  });

  it("gives a Publisher destination's statistics the destination's ID", () => {
    const publisher = generator.answer("/v3/publisher/destination/822758/statistics", query(""));
    expect(publisher).toMatchObject({ ID: "822758" });
    // Marketing Suite's ID is the report's own.
    const ms = generator.answer("/v3/ms/destination/822758/statistics", query("")) as {
      ID: string;
    };
    expect(ms.ID).not.toBe("822758");
  });

  it("keeps message events inside the window the call reads: start to end, a month at most", () => {
    const day = (month: number, date: number) =>
      `2024-${String(month).padStart(2, "0")}-${String(date).padStart(2, "0")}`;
    let seen = 0;
    const check = (id: string, text: string, from: string, to: string) => {
      const events = generator.answer(`/v1/message/${id}/events`, query(text)) as {
        time: string;
      }[];
      for (const { time } of events) {
        expect(
          time >= `${from} 00:00:00` && time < `${to} 00:00:00`,
          `${id}?${text}: ${time}`,
        ).toBe(true);
      }
      seen += events.length;
    };
    for (let message = 0; message < 40; message++) {
      const id = `msg${message}`;
      const date = 1 + (message % 28);
      // A day; only an end (the month before it); only a start, or a range longer than a
      // month (a month from the start).
      check(id, `start=${day(3, date)}&end=${day(3, date + 1)}`, day(3, date), day(3, date + 1));
      check(id, `end=${day(3, date)}`, day(2, date), day(3, date));
      check(id, `start=${day(3, date)}`, day(3, date), day(4, date));
      check(id, `start=${day(3, date)}&end=${day(12, 1)}`, day(3, date), day(4, date));
    }
    // Deliveries, and opens and clicks after them.
    expect(seen).toBeGreaterThan(4 * 40 * 1.5);
  });

  it("pairs a Marketing Suite error's code with its description", () => {
    const errors = page("/v3/ms/errors", "limit=200").data;
    const codes = new Map<string, Set<unknown>>();
    for (const error of errors) {
      const descriptions = codes.get(String(error.errorcode)) ?? new Set();
      descriptions.add(error.description);
      codes.set(String(error.errorcode), descriptions);
    }
    expect(codes.size).toBeGreaterThan(2);
    for (const [code, descriptions] of codes) {
      expect(descriptions.size, code).toBe(1);
      if (code !== "0") expect(String([...descriptions][0]).startsWith(code), code).toBe(true);
    }
  });

  it("adds up the statistics counters like a mailing's", () => {
    type Counter = { total: number; unique?: number };
    const stats = generator.answer("/v3/ms/emailing/1328/statistics", query("")) as {
      destinations: number;
      deliveries: Counter;
      impressions: Counter;
      clicks: Counter;
      dominant_results: Record<string, number>;
    };
    expect(stats.deliveries.total).toBeLessThanOrEqual(stats.destinations);
    expect(stats.impressions.unique).toBeLessThanOrEqual(stats.impressions.total);
    expect(stats.clicks.unique).toBeLessThanOrEqual(stats.impressions.unique ?? 0);
    const { destinations, ...results } = stats.dominant_results;
    expect(Object.values(results).reduce((sum, n) => sum + n, 0)).toBe(destinations);
  });

  it("gives the same answers for the same seed and different ones for another seed", () => {
    const again = createGenerator(document, 1);
    const other = createGenerator(document, 2);
    for (const { path } of operations) {
      const text = "limit=5&start=3";
      expect(again.answer(path, query(text))).toEqual(generator.answer(path, query(text)));
      expect(other.answer(path, query(text))).not.toEqual(generator.answer(path, query(text)));
    }
  });
});
