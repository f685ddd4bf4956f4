// Generated answers for the mock's `generated` mode: data that looks like Copernica's, the same
// for the same seed and request, walked from the schemas of the bundled description.
//
// Prism's own dynamic mode (json-schema-faker) was not enough: its `--seed` re-seeds one
// generator per request, so every page of a list is the same page, and the paging envelope is
// random (`count` unrelated to `data`, `start` and `limit` not echoed, negative limits), with
// years like 4922 and lorem ipsum user agents. Here a list is one deterministic sequence per
// seed, path and period: `start`/`limit`/`total=false` page through it, `begintime`/`endtime`
// bound its timestamps, and every item is a function of (seed, list, position) alone.

/** A JSON Schema as it stands in the bundled description. */
export type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  [keyword: string]: unknown;
};

interface Parameter {
  name: string;
  in: string;
  $ref?: string;
}
interface Operation {
  parameters?: Parameter[];
  responses?: Record<
    string,
    { $ref?: string; content?: Record<string, { schema?: Schema }> } | undefined
  >;
}
/** The parts of an OpenAPI document the generator reads. */
export interface OpenApiDocument {
  paths: Record<string, { get?: Operation } | undefined>;
  components: { schemas: Record<string, Schema>; parameters?: Record<string, Parameter> };
}

/** The period a list covers when the request gives no `begintime`/`endtime`: the year 2024. */
export const DEFAULT_BEGIN = "2024-01-01 00:00:00";
export const DEFAULT_END = "2024-12-31 23:59:59";
const DAY = 86_400;

// ---------------------------------------------------------------------------------------------
// Randomness: a 32-bit string hash seeds a small PRNG (mulberry32) per (seed, key).

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Random {
  private state: number;
  constructor(seed: number, key: string) {
    this.state = hash(`${seed}|${key}`);
  }
  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.next() * values.length)] as T;
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
}

// ---------------------------------------------------------------------------------------------
// Copernica's time format, read and written as UTC so no local zone can shift it.

/** Seconds since the epoch of a `YYYY-MM-DD HH:MM:SS` timestamp (read as UTC). */
export function parseTime(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(text);
  if (!match) return Number.NaN;
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = match;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) / 1000;
}

/** `YYYY-MM-DD HH:MM:SS` for seconds since the epoch. */
export function formatTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace("T", " ");
}

// ---------------------------------------------------------------------------------------------
// Realistic values.

/** User agents seen on opens and clicks, with the device Copernica reports for each. */
export const USER_AGENTS: readonly { ua: string; device: string }[] = [
  {
    ua: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    device: "desktop",
  },
  {
    ua: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 Edg/122.0.2365.92",
    device: "desktop",
  },
  {
    ua: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
    device: "desktop",
  },
  {
    ua: "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17531; Pro)",
    device: "desktop",
  },
  {
    ua: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)",
    device: "desktop",
  },
  {
    ua: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15",
    device: "desktop",
  },
  {
    ua: "Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Thunderbird/115.10.1",
    device: "desktop",
  },
  {
    ua: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
    device: "mobile",
  },
  {
    ua: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    device: "mobile",
  },
  {
    ua: "Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36",
    device: "mobile",
  },
  {
    ua: "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.6312.118 Mobile Safari/537.36",
    device: "mobile",
  },
  {
    ua: "Mozilla/5.0 (iPad; CPU OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
    device: "tablet",
  },
  {
    ua: "Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36",
    device: "tablet",
  },
  {
    ua: "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
    device: "unknown",
  },
  {
    ua: "YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html",
    device: "unknown",
  },
];

function ipv4(random: Random): string {
  // Public unicast ranges only: no 0/8, 10/8, 127/8, 172.16/12, 192.168/16, multicast.
  let first = random.int(1, 223);
  while ([10, 127, 172, 192].includes(first)) first = random.int(1, 223);
  return `${first}.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`;
}

function ipv6(random: Random): string {
  const prefix = random.pick(["2a02:a46f", "2a01:7c8", "2001:1c00", "2a02:1810", "2a10:3781"]);
  const groups = Array.from({ length: 4 }, () => random.int(0, 0xffff).toString(16));
  return `${prefix}:${random.int(0, 0xff).toString(16)}:${random.int(1, 0xffff).toString(16)}:${groups.join(":")}`;
}

const LINKS = [
  "https://www.example-shop.nl/",
  "https://www.example-shop.nl/aanbiedingen?utm_source=copernica&utm_medium=email",
  "https://www.example-shop.nl/promotions/customer/{$profile.customerid}",
  "https://www.example-shop.nl/nieuw/zomercollectie",
  "https://www.example-shop.nl/account/voorkeuren?id={$profile.id}",
  "https://www.example-shop.nl/blog/tien-tips-voor-de-zomer",
  "https://www.facebook.com/exampleshop",
  "https://www.instagram.com/exampleshop/",
];
const LINK_TITLES = [
  "",
  "",
  "Bekijk de aanbiedingen",
  "Naar de webshop",
  "Lees verder",
  "Facebook",
];
const SMTP_OK = [
  "250 2.0.0 OK  1717411200 a640c23a62f3a-a6c0e1b2c3dsi12345678b.123 - gsmtp",
  "250 2.6.0 <20240603101500.1234@news.example-shop.nl> [InternalId=123456789] Queued mail for delivery",
  "250 ok dirdel",
  "250 Requested mail action okay, completed: id=1MZTyo-1rw8ZK0x8E-00Vf5P",
];
const MS_ERRORS = [
  ["550", "550 5.1.1 The email account that you tried to reach does not exist"],
  ["552", "552 5.2.2 The recipient's inbox is out of storage space"],
  ["421", "421 4.7.0 Try again later, closing connection"],
  ["554", "554 5.7.1 Message rejected as spam by content filter"],
  ["0", "Address is on the suppression list"],
] as const;
const PUBLISHER_ERRORS: Record<string, readonly [code: string, description: string, type: string]> =
  {
    nocontent: ["0", "The document has no content", "The document had no content to send"],
    nohost: [
      "5.1.2",
      "Resolver error: no mailservers found for domain",
      "Map domain name to IP address",
    ],
    unreachable: ["4.4.1", "Connection timed out", "The mail server could not be reached"],
    unexpected: ["5.0.0", "Unexpected answer from the mail server", "Unexpected response"],
    error: ["5.1.1", "550 5.1.1 User unknown", "The mail server answered with an error"],
    mailerror: ["5.2.2", "552 5.2.2 Mailbox full", "A bounce message came back"],
    mailmessage: ["5.0.0", "Delivery Status Notification (Failure)", "An error message came back"],
    nodata: ["0", "The profile has no e-mail address", "No data to send to"],
    privateiprange: ["0", "The mail server resolves to a private IP address", "Private IP range"],
    other: ["0", "Unknown error", "Other error"],
  };
const CITIES = [
  ["NL", "Netherlands", "NH", "Amsterdam"],
  ["NL", "Netherlands", "ZH", "Rotterdam"],
  ["NL", "Netherlands", "UT", "Utrecht"],
  ["BE", "Belgium", "VAN", "Antwerpen"],
  ["DE", "Germany", "NW", "Köln"],
] as const;

// ---------------------------------------------------------------------------------------------
// The generator.

/** What the generator answers for one request: a JSON body, or undefined when it has none. */
export interface Generator {
  answer(pathname: string, query: URLSearchParams): unknown;
}

interface Context {
  random: Random;
  /** Values fixed by the request or by the item's place in a list, by property name. */
  fixed: Record<string, unknown>;
  /** Include the optional properties (the scoped pages list profile and subprofile). */
  optionals: boolean;
  seed: number;
}

/**
 * A generator of answers for every GET in `document`, the same for the same `seed` and request.
 * Lists (`{start, limit, count, total, data}`) page through one sequence per path and period;
 * items carry digit-string IDs in ascending order, timestamps in Copernica's format inside the
 * period, IPv4 and IPv6 addresses, real user agents and the documented enum values. `seed` is
 * an integer from 0 to 2^32 - 1, as startMock checks.
 */
export function createGenerator(document: OpenApiDocument, seed: number): Generator {
  const schemas = document.components.schemas;
  const routes = Object.entries(document.paths).flatMap(([template, item]) => {
    const operation = item?.get;
    const schema = operation?.responses?.["200"]?.content?.["application/json"]?.schema;
    if (!operation || !schema) return [];
    const names: string[] = [];
    const pattern = new RegExp(
      `^${template.replace(/\{([^}]+)\}/g, (_, name: string) => {
        names.push(name);
        return "([^/]+)";
      })}$`,
    );
    // The calls that take `fields[]` conditions (the Publisher statistics lists).
    const filtered = (operation.parameters ?? []).some(
      (parameter) =>
        (parameter.$ref
          ? document.components.parameters?.[parameter.$ref.replace(/.*\//, "")]
          : parameter
        )?.name === "fields[]",
    );
    return [{ template, pattern, names, schema, filtered }];
  });
  // A fixed pool of mailings per seed, shared by every list, so clicks and impressions agree.
  const mailingRandom = new Random(seed, "mailings");
  const mailings = Array.from({ length: 6 }, () => String(mailingRandom.int(1000, 99999)));
  const links = LINKS.map((link, index) => ({ link, id: String(100 + index * 7 + (seed % 7)) }));

  const deref = (schema: Schema): [Schema, string | undefined] => {
    const name = schema.$ref?.replace("#/components/schemas/", "");
    if (name === undefined) return [schema, undefined];
    const target = schemas[name];
    if (!target) throw new Error(`The description has no schema ${schema.$ref}`);
    return [target, name];
  };

  /** An object schema with its allOf parts merged (the pages are Page + data). */
  const flatten = (schema: Schema): Schema => {
    const [resolved] = deref(schema);
    if (!resolved.allOf) return resolved;
    const parts = resolved.allOf.map(flatten);
    return {
      type: "object",
      required: parts.flatMap((part) => part.required ?? []),
      properties: Object.assign({}, ...parts.map((part) => part.properties ?? {})),
    };
  };

  const value = (schema: Schema, property: string, context: Context): unknown => {
    const [resolved, name] = deref(schema);
    const { random, fixed } = context;
    if (property in fixed) return fixed[property];

    switch (name) {
      case "Id":
        if (property === "mailing" || property === "emailing") return random.pick(mailings);
        if (property === "link_id") return random.pick(links).id;
        return String(random.int(1000, 9_999_999));
      case "NullableId":
      case "NullableIdOrNumber":
        if (property === "subprofile" && random.chance(0.75)) return null;
        if (property === "template") return String(random.int(10, 999));
        return String(random.int(1000, 9_999_999));
      case "IpAddress":
        return random.chance(0.7) ? ipv4(random) : ipv6(random);
      case "UserAgent":
        return random.pick(USER_AGENTS).ua;
      case "Timestamp":
        return formatTime(random.int(parseTime(DEFAULT_BEGIN), parseTime(DEFAULT_END)));
      case "MessageEventList":
        return messageEvents(context);
    }
    if (name && isStatistics(resolved)) return statistics(resolved, context);
    if (resolved.allOf) return object(flatten(resolved), context);
    if (resolved.enum) return random.pick(resolved.enum);
    const types = ([] as string[]).concat(resolved.type ?? "object");
    if (types.includes("null") && property === "referer") {
      return random.chance(0.85) ? null : "https://mail.google.com/";
    }
    if (types.includes("null") && property === "status") return null;
    if (types.includes("string")) return text(property, resolved, context);
    if (types.includes("integer") || types.includes("number")) {
      if (property === "attempts") return random.chance(0.85) ? 0 : random.int(1, 3);
      const min = resolved.minimum ?? 0;
      return random.int(min, resolved.maximum ?? min + 100);
    }
    if (types.includes("boolean"))
      return property === "success" ? random.chance(0.95) : random.chance(0.5);
    if (types.includes("array")) {
      return Array.from({ length: random.int(1, 3) }, () =>
        value(resolved.items ?? {}, property, context),
      );
    }
    if (types.includes("object")) return object(resolved, context);
    return null;
  };

  const text = (property: string, schema: Schema, context: Context): string => {
    const { random } = context;
    switch (property) {
      case "link":
        return random.pick(links).link;
      case "link_title":
        return random.pick(LINK_TITLES);
      case "smtp-response":
        return random.pick(SMTP_OK);
      case "attempt":
        return random.chance(0.85) ? "0" : String(random.int(1, 3));
      case "errorcode":
        return random.pick(MS_ERRORS)[0];
      case "description":
        return random.pick(MS_ERRORS)[1];
      case "errortype":
        return "";
      case "arf_version":
        return "1";
      case "details":
        return "Feedback-Type: abuse\nUser-Agent: SomeGenerator/1.0\nVersion: 1";
      case "source":
        return random.pick(["link", "email"]);
    }
    if (schema.pattern === "^[0-9]+$") return String(random.int(0, 9999));
    return random.pick(["newsletter", "promotion", "welcome", "reminder"]);
  };

  const object = (schema: Schema, context: Context): Record<string, unknown> => {
    const required = new Set(schema.required ?? []);
    const result: Record<string, unknown> = {};
    for (const [property, propertySchema] of Object.entries(schema.properties ?? {})) {
      if (!required.has(property) && !context.optionals) continue;
      result[property] = value(propertySchema, property, context);
    }
    // A user agent decides the device it came from; Publisher errors describe their type.
    const agent = USER_AGENTS.find((entry) => entry.ua === result.useragent);
    if (agent && "device" in result) result.device = agent.device;
    const publisherError =
      typeof result.errortype === "string" ? PUBLISHER_ERRORS[result.errortype] : undefined;
    if (publisherError && "errortypedescription" in result) {
      [result.errorcode, result.description, result.errortypedescription] = publisherError;
    } else if ("errorcode" in result && "description" in result) {
      // A Marketing Suite error: a code and the description that goes with it.
      [result.errorcode, result.description] = context.random.pick(MS_ERRORS);
    }
    return result;
  };

  const isStatistics = (schema: Schema): boolean =>
    Object.values(schema.properties ?? {}).some(
      (property) => property.$ref === "#/components/schemas/StatisticsCounter",
    );

  /** Counters that add up like a real mailing's: a funnel from destinations to abuses. */
  const statistics = (schema: Schema, context: Context): Record<string, unknown> => {
    const { random } = context;
    const destinations = random.int(200, 60_000);
    const share = (low: number, high: number) =>
      Math.round(destinations * (low + random.next() * (high - low)));
    const impressionsUnique = share(0.2, 0.45);
    const clicksUnique = Math.round(impressionsUnique * (0.1 + random.next() * 0.2));
    const counters: Record<string, { total: number; unique?: number }> = {
      deliveries: { total: share(0.94, 0.99) },
      errors: { total: share(0.01, 0.05) },
      retries: { total: share(0.01, 0.08) },
      impressions: { total: Math.round(impressionsUnique * 1.6), unique: impressionsUnique },
      clicks: { total: Math.round(clicksUnique * 1.4), unique: clicksUnique },
      unsubscribes: { total: share(0.002, 0.006) },
      abuses: { total: share(0, 0.0005) },
      unknown: { total: share(0, 0.01) },
    };
    const unsubscribes = counters.unsubscribes?.total ?? 0;
    counters.unsubscribes = { total: unsubscribes, unique: unsubscribes };
    const result: Record<string, unknown> = {};
    for (const property of Object.keys(schema.properties ?? {})) {
      if (property === "destinations") result.destinations = destinations;
      else if (property === "dominant_results") {
        const errors = counters.errors?.total ?? 0;
        const abuses = counters.abuses?.total ?? 0;
        const clicks = clicksUnique;
        const impressions = impressionsUnique - clicksUnique;
        result.dominant_results = {
          destinations,
          errors,
          abuses,
          unsubscribes,
          clicks,
          impressions,
          deliveries: Math.max(
            0,
            destinations - errors - abuses - unsubscribes - clicks - impressions,
          ),
        };
      } else if (counters[property]) result[property] = counters[property];
      else result[property] = value(schema.properties?.[property] ?? {}, property, context);
    }
    return result;
  };

  /**
   * The events of one message, in order: delivered, opened, maybe clicked; all inside the
   * window the call reads: from `start` up to (not including) `end`, at most a month, as
   * Copernica's page describes it. Without either, the message went out on 4 March 2024.
   */
  const messageEvents = (context: Context): unknown[] => {
    const { random, fixed } = context;
    const id = String(fixed.id ?? "dkJDF343Df");
    let from = parseTime(typeof fixed.start === "string" ? fixed.start : "");
    let to = parseTime(typeof fixed.end === "string" ? fixed.end : "");
    if (Number.isNaN(from)) from = Number.isNaN(to) ? parseTime("2024-03-04") : months(to, -1);
    to = Number.isNaN(to) ? months(from, 1) : Math.min(to, months(from, 1));
    let time = from + random.int(6 * 3600, 10 * 3600);
    const [countrycode, countryname, regioncode, city] = random.pick(CITIES);
    const common = {
      id,
      email: `${random.pick(["anna", "jan", "sophie", "daan", "emma", "lucas"])}${random.int(1, 99)}@example.com`,
      tags: typeof fixed.tags === "string" ? fixed.tags : "newsletter",
      senderdomain: "news.example-shop.nl",
      profile: String(random.int(1000, 9_999_999)),
      subprofile: null,
      template: String(random.int(10, 999)),
    };
    const agent = random.pick(USER_AGENTS).ua;
    const ip = random.chance(0.7) ? ipv4(random) : ipv6(random);
    const where = { ip, header: agent, countrycode, countryname, regioncode, city };
    const events: Record<string, unknown>[] = [
      { event: "delivery", ...common, time: formatTime(time), attempts: 0 },
    ];
    for (let open = random.int(0, 3); open > 0; open--) {
      time += random.int(60, 2 * DAY);
      events.push({ event: "open", ...common, ...where, time: formatTime(time) });
      if (random.chance(0.4)) {
        time += random.int(5, 600);
        events.push({
          event: "click",
          ...common,
          ...where,
          time: formatTime(time),
          linkinfo: random.pick(links).id,
        });
      }
    }
    return events.filter((event) => parseTime(event.time as string) < to);
  };

  /**
   * A page of a list: one sequence per seed, path and period, paged with start and limit, and
   * filtered by the `fields[]` conditions on `id` and `timestamp` where the call takes them.
   */
  const page = (
    schema: Schema,
    pathKey: string,
    query: URLSearchParams,
    fixed: Record<string, unknown>,
    optionals: boolean,
    filtered: boolean,
  ): Record<string, unknown> => {
    const start = integer(query.get("start"), 0);
    const limit = Math.min(integer(query.get("limit"), 100), 1000);
    let begin = parseTime(query.get("begintime") ?? "");
    let end = parseTime(query.get("endtime") ?? "");
    if (Number.isNaN(begin) && Number.isNaN(end)) {
      begin = parseTime(DEFAULT_BEGIN);
      end = parseTime(DEFAULT_END);
    } else if (Number.isNaN(begin)) begin = end - 365 * DAY;
    else if (Number.isNaN(end)) {
      // From begintime up to "now", the end of the default period (or a month, past it).
      end = begin <= parseTime(DEFAULT_END) ? parseTime(DEFAULT_END) : begin + 30 * DAY;
    }
    const unique = query.get("unique") === "true";
    const listKey = `${pathKey}|${begin}|${end}|${unique}`;
    const listRandom = new Random(seed, listKey);
    const perDay = (20 + listRandom.next() * 100) * (unique ? 0.6 : 1);
    const span = end - begin;
    const total = span < 0 ? 0 : Math.min(50_000, Math.round(((span + 1) / DAY) * perDay));
    const firstId = listRandom.int(10_000, 5_000_000);
    // The ID and time of the item at a place in the list, both ascending with the place, and
    // the randomness to make the rest of it from.
    const at = (index: number) => {
      const random = new Random(seed, `${listKey}|${index}`);
      const timestamp = begin + Math.floor(((index + random.next()) * (span + 1)) / total);
      return { random, id: firstId + index * 9 + random.int(1, 8), time: Math.min(end, timestamp) };
    };
    const conditions = filtered ? query.getAll("fields[]").flatMap(condition) : [];
    // IDs and times ascend with the place, so the items a comparison lets through are a run of
    // places, found by bisection: `past(item)` holds up to some place, and no further.
    const firstNot = (past: (item: Item) => boolean) => {
      let [low, high] = [0, total];
      while (low < high) {
        const middle = (low + high) >> 1;
        if (past(at(middle))) low = middle + 1;
        else high = middle;
      }
      return low;
    };
    let [from, to] = [0, Math.max(0, total)];
    for (const { before, after } of conditions) {
      if (before) from = Math.max(from, firstNot(before));
      if (after)
        to = Math.min(
          to,
          firstNot((item) => !after(item)),
        );
    }
    // The other conditions (!=, like) are checked item by item, within that run.
    const tests = conditions.flatMap(({ holds }) => (holds ? [holds] : []));
    const places = tests.length
      ? Array.from({ length: Math.max(0, to - from) }, (_, offset) => from + offset).filter(
          (index) => {
            const item = at(index);
            return tests.every((holds) => holds(item));
          },
        )
      : undefined;
    const length = places ? places.length : Math.max(0, to - from);
    const count = start < 0 || limit < 0 ? 0 : Math.max(0, Math.min(limit, length - start));
    const items = flatten(schema).properties?.data?.items ?? {};
    const data = Array.from({ length: count }, (_, offset) => {
      const { random, id, time } = at(
        places ? (places[start + offset] as number) : from + start + offset,
      );
      return value(items, "", {
        random,
        seed,
        optionals,
        fixed: { ...fixed, ID: String(id), timestamp: formatTime(time) },
      });
    });
    const envelope: Record<string, unknown> = { start, limit, count };
    if (query.get("total") !== "false") envelope.total = length;
    envelope.data = data;
    return envelope;
  };

  return {
    answer(pathname, query) {
      for (const route of routes) {
        const match = route.pattern.exec(pathname);
        if (!match) continue;
        const ids: Record<string, string> = {};
        route.names.forEach((name, index) => {
          ids[name] = decodeURIComponent(match[index + 1] ?? "");
        });
        // The scope's ID is the item's own: /ms/emailing/42/clicks are clicks on mailing 42.
        const fixed: Record<string, unknown> = {};
        const scope = /\/(emailing|destination|testgroup|template|document|message)\/\{id\}/.exec(
          route.template,
        )?.[1];
        if (scope === "emailing")
          fixed[pathname.startsWith("/v3/ms/") ? "mailing" : "emailing"] = ids.id;
        if (scope === "destination") fixed.destination = ids.id;
        if (scope === "message") {
          const [start, end, tags] = ["start", "end", "tags"].map((name) => query.get(name));
          Object.assign(fixed, { id: ids.id, start, end, tags });
        }
        const flat = flatten(route.schema);
        if (flat.properties?.data && flat.properties.start) {
          return page(route.schema, pathname, query, fixed, scope !== undefined, route.filtered);
        }
        // A Publisher destination's statistics carry its ID (Marketing Suite's, a report's).
        if (scope === "destination" && pathname.startsWith("/v3/publisher/")) fixed.ID = ids.id;
        return value(route.schema, "", {
          random: new Random(seed, pathname),
          seed,
          optionals: true,
          fixed,
        });
      }
      return undefined;
    },
  };
}

/**
 * A whole number as Prism reads a query parameter before checking it (`10`, `+10`, `10.0`,
 * `1e1`), or `fallback` for none.
 */
function integer(text: string | null, fallback: number): number {
  const number = text === null || text.trim() === "" ? Number.NaN : Number(text);
  return Number.isInteger(number) ? number : fallback;
}

/** Seconds since the epoch, `count` calendar months later (or earlier). */
function months(seconds: number, count: number): number {
  const date = new Date(seconds * 1000);
  date.setUTCMonth(date.getUTCMonth() + count);
  return date.getTime() / 1000;
}

type Item = { id: number; time: number };

/**
 * A `fields[]` condition on `id` or `time`. A comparison says whether an item comes before or
 * after the items that pass it (IDs and times ascend with the place); any other condition
 * says whether an item passes.
 */
type Condition =
  | { before?: (item: Item) => boolean; after?: (item: Item) => boolean; holds?: undefined }
  | { holds: (item: Item) => boolean; before?: undefined; after?: undefined };

/**
 * A `fields[]` condition on `id` or `timestamp`; none for a condition Copernica would not
 * understand, which it ignores (Prism has refused most of those).
 */
function condition(text: string): Condition[] {
  const match = /^(id|timestamp)(==|!=|<>|<=|>=|=~|!~|<|>)(.+)$/.exec(text);
  if (!match) return [];
  const [, field, operator = "", value = ""] = match;
  const of = (item: Item) => (field === "id" ? item.id : item.time);
  if (operator === "=~" || operator === "!~") {
    // like: % matches any run of characters, _ one character.
    const pattern = value
      .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      .replace(/%/g, ".*")
      .replace(/_/g, ".");
    const like = new RegExp(`^${pattern}$`);
    const text = (item: Item) => (field === "id" ? String(item.id) : formatTime(item.time));
    return [{ holds: (item) => like.test(text(item)) === (operator === "=~") }];
  }
  const theirs = field === "id" ? Number(value) : parseTime(value);
  if (Number.isNaN(theirs)) return [];
  const below = (item: Item) => of(item) < theirs;
  const above = (item: Item) => of(item) > theirs;
  switch (operator) {
    case "==":
      return [{ before: below, after: above }];
    case "<":
      return [{ after: (item) => !below(item) }];
    case "<=":
      return [{ after: above }];
    case ">":
      return [{ before: (item) => !above(item) }];
    case ">=":
      return [{ before: below }];
    default: // != and <>
      return [{ holds: (item) => of(item) !== theirs }];
  }
}
