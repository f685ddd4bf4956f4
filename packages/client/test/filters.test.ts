import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCopernicaClient,
  FILTER_OPERATORS,
  type FilterOperator,
  filter,
} from "../src/index.js";
import { queryOf, type RecordingServer, startRecordingServer } from "./support/recording-server.js";
import { TOKEN } from "./support/secrets.js";

describe("filter", () => {
  it.each([
    [["timestamp", ">", "2019-01-01"], "timestamp>2019-01-01"],
    [["timestamp", "<=", "2019-02-01 12:00:00"], "timestamp<=2019-02-01 12:00:00"],
    [["timestamp", ">=", new Date("2024-03-31T01:00:00Z")], "timestamp>=2024-03-31 03:00:00"],
    [["timestamp", "<", new Date("2024-03-31T00:59:59Z")], "timestamp<2024-03-31 01:59:59"],
    [["timestamp", "=~", "2019-01%"], "timestamp=~2019-01%"],
    [["id", ">", 100000], "id>100000"],
    [["id", ">", 12345678901234567890n], "id>12345678901234567890"],
    [["id", "<>", "42"], "id<>42"],
    [["country", "==", "the netherlands"], "country==the netherlands"],
  ] as const)("builds [%s] as %s", (args, expected) => {
    expect(filter(...(args as unknown as Parameters<typeof filter>))).toBe(expected);
  });

  it("writes a Date in the time zone it is given", () => {
    expect(filter("timestamp", ">", new Date("2024-01-01T00:00:00Z"), "UTC")).toBe(
      "timestamp>2024-01-01 00:00:00",
    );
    expect(filter("timestamp", ">", new Date("2024-01-01T00:00:00Z"), "America/New_York")).toBe(
      "timestamp>2023-12-31 19:00:00",
    );
  });

  it.each([
    [
      ["timestamp ", ">", "2019-01-01"],
      "the field name must be letters, digits, _ or . with no spaces",
    ],
    [["timestamp", " >", "2019-01-01"], 'unknown operator " >"'],
    [
      ["timestamp", "=>", "2019-01-01"],
      'unknown operator "=>"; use one of == != <> < > <= >= =~ !~',
    ],
    [["timestamp", ">", " 2019-01-01"], 'the value " 2019-01-01" has spaces at its start or end'],
    [["timestamp", ">", ""], "the value is empty"],
    [
      ["timestamp", ">", "yesterday"],
      'a timestamp is compared with YYYY-MM-DD or YYYY-MM-DD HH:MM:SS (or a Date), got "yesterday"',
    ],
    [
      ["timestamp", ">", new Date("nope")],
      "the value for timestamp must be a valid Date, got Invalid Date",
    ],
    [["id", ">", "12a"], 'an id is compared with a whole number, got "12a"'],
    [["id", ">", -3], 'an id is compared with a whole number, got "-3"'],
    [["id", ">", Number.NaN], "the value must be a string, a number or a Date, got NaN"],
    // Values and fields from untyped data.
    [["email", "==", undefined], "the value must be a string, a number or a Date, got undefined"],
    [["email", "!=", null], "the value must be a string, a number or a Date, got null"],
    [["country", "==", {}], "got [object Object]"],
    [[undefined, "==", "x"], "the field name must be letters, digits, _ or . with no spaces"],
    [[["timestamp"], ">", "yesterday"], "the field name must be letters"],
    // The condition is one string: a value that starts like an operator would change it.
    [["age", "<", "=5"], 'the value "=5" starts with one of = < > ! ~'],
    [["age", "<", ">5"], 'the value ">5" starts with one of = < > ! ~'],
    [["name", "!=", "~x"], 'the value "~x" starts with one of = < > ! ~'],
    [["name", "==", "!x"], 'the value "!x" starts with one of = < > ! ~'],
  ])("refuses %j: %s", (args, message) => {
    expect(() => filter(...(args as unknown as Parameters<typeof filter>))).toThrow(message);
  });
});

describe("filters on the wire (property)", () => {
  let server: RecordingServer;
  beforeAll(async () => {
    server = await startRecordingServer();
  });
  afterAll(() => server.close());

  it("the server parses back exactly the conditions that were built, whatever the values hold", async () => {
    const copernica = createCopernicaClient({
      accessToken: TOKEN,
      baseUrl: server.url,
      retry: false,
    });
    const character = fc.oneof(
      fc.constantFrom(
        "&",
        "%",
        "#",
        "+",
        " ",
        "=",
        "?",
        "/",
        ";",
        "[",
        "]",
        "%25",
        "€",
        "ü",
        "😀",
        "\u00a0",
      ),
      fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }),
    );
    const value = fc
      .array(character, { minLength: 1, maxLength: 12 })
      .map((parts) => parts.join(""))
      // What filter accepts: no spaces around it, and no start an operator would swallow.
      .filter((text) => text.trim() === text && text !== "" && !/^[=<>!~]/.test(text));
    const condition = fc.tuple(
      fc.constantFrom("name", "country", "email", "code"),
      fc.constantFrom(...FILTER_OPERATORS),
      value,
    );
    await fc.assert(
      fc.asyncProperty(fc.array(condition, { minLength: 1, maxLength: 4 }), async (conditions) => {
        server.requests.length = 0;
        const built = conditions.map(([field, operator, text]) =>
          filter(field, operator as FilterOperator, text),
        );
        await copernica.GET("/v3/publisher/destination/{id}/abuses", {
          params: { path: { id: 1 }, query: { "fields[]": built } },
        });
        const [request] = server.requests;
        expect(request && queryOf(request).getAll("fields[]")).toEqual(built);
      }),
      { numRuns: 150 },
    );
  });
});
