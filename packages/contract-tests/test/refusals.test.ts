import { describe, expect, inject, it } from "vitest";
import { operationById } from "../src/openapi.js";
import { recordingClient, TEST_TOKEN } from "../src/recorder.js";
import { checkRequest, problemsAt } from "../src/validate.js";

const mockUrl = inject("mockUrl");
const errorBody =
  operationById("getMsClicks").responses["400"]?.content["application/json"]?.schemaPointer ?? "";

/** Where Prism says a refused request went wrong. */
function locations(violations: unknown[]): string[] {
  return violations.map((violation) => (violation as { location: string[] }).location.join("."));
}

// The client refuses these before sending (client-checks.test.ts), so here they go to the mock
// as raw requests, the way a frontend without the client sends them.
describe("the mock refuses what the spec refuses, with the documented 400 body", () => {
  async function refusal(
    path: string,
  ): Promise<{ status: number; body: unknown; violations: string[] }> {
    const response = await fetch(
      `${mockUrl}${path}${path.includes("?") ? "&" : "?"}access_token=${TEST_TOKEN}`,
    );
    const header = response.headers.get("sl-violations");
    return {
      status: response.status,
      body: await response.json(),
      violations: locations(header ? JSON.parse(header) : []),
    };
  }

  it.each([
    ["a limit above 1000", "/v3/ms/clicks?limit=5000", "request.query.limit"],
    [
      "a time that is not YYYY-MM-DD HH:MM:SS",
      "/v3/ms/impressions?begintime=2024-01-01T00%3A00%3A00Z",
      "request.query.begintime",
    ],
    [
      "a v3 id that is not a positive integer",
      "/v3/publisher/destination/12abc/impressions",
      "request.path.id",
    ],
  ])("%s", async (_what, path, location) => {
    const { status, body, violations } = await refusal(path);
    expect(status).toBe(400);
    expect(problemsAt(errorBody, body, "body")).toEqual([]);
    expect(violations).toEqual([location]);
    expect(
      checkRequest("GET", `${mockUrl}${path}${path.includes("?") ? "&" : "?"}access_token=t`)
        .problems,
    ).toHaveLength(1);
  });

  it("a request without an access token (Prism answers 401 for an unmet security requirement)", async () => {
    const response = await fetch(`${mockUrl}/v3/ms/clicks`);
    expect(response.status).toBe(401);
    expect(await response.text()).toContain("security");
    const withToken = await fetch(`${mockUrl}/v3/ms/clicks?access_token=${TEST_TOKEN}`);
    expect(withToken.status).toBe(200);
  });
});

describe("what Prism does not check, the request check does", () => {
  it("a fields[] condition Copernica would silently ignore is caught", async () => {
    const { client, exchanges } = recordingClient(mockUrl);
    const { response } = await client.GET("/v3/publisher/destination/{id}/abuses", {
      params: { path: { id: 1 }, query: { "fields[]": ["timestamp > 2019-01-01"] } },
    });

    // Prism lets it through (it does not validate a parameter named fields[]) ...
    expect(response.status).toBe(200);
    expect(exchanges[0]?.violations).toEqual([]);
    // ... so the contract tests check every request themselves.
    expect(checkRequest("GET", exchanges[0]?.url ?? "").problems).toEqual([
      'query fields[]/0 must match pattern "^(timestamp(==|!=|<>|<=|>=|<|>)[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2}:[0-9]{2})?|timestamp(=~|!~)[0-9 :%_-]+|id(==|!=|<>|<=|>=|<|>)[0-9]+)$"',
    ]);
  });
});

describe("the statistics family's choices hold in the mock and the request check", () => {
  // The client refuses these ids before sending (client-checks.test.ts); a frontend without it does not.
  it.each([
    "/v3/publisher/testgroup/0/impressions",
    "/v3/ms/template/412a/statistics",
    "/v3/publisher/document/-1/statistics",
    "/v3/ms/emailing/b4icbaqj/clicks",
  ])(
    "an id that is not a positive integer is refused, whatever it identifies: %s",
    async (path) => {
      const response = await fetch(`${mockUrl}${path}?access_token=${TEST_TOKEN}`);
      const header = response.headers.get("sl-violations");

      expect(response.status).toBe(400);
      expect(problemsAt(errorBody, await response.json(), "body")).toEqual([]);
      expect(locations(header ? JSON.parse(header) : [])).toEqual(["request.path.id"]);
    },
  );

  it("a document statistics filter outside its documented values", async () => {
    const { client, exchanges } = recordingClient(mockUrl);
    const { response } = await client.GET("/v3/publisher/document/{id}/statistics", {
      // @ts-expect-error the page documents mass, individual and both
      params: { path: { id: 3861 }, query: { type: "single" } },
    });

    expect(response.status).toBe(400);
    expect(locations(exchanges[0]?.violations ?? [])).toEqual(["request.query.type"]);
  });

  it("parameters a page does not document are not parameters of its call", () => {
    const base = `${mockUrl}/v3/publisher`;
    const token = `access_token=${TEST_TOKEN}`;
    // The test group pages document no fields[] filter (their siblings do) ...
    expect(
      checkRequest("GET", `${base}/testgroup/2517/abuses?${token}&fields%5B%5D=id%3E1`).problems,
    ).toEqual(["query fields[]: not a parameter of getPublisherTestgroupAbuses"]);
    // ... the Publisher destination statistics page no period (its siblings do) ...
    expect(
      checkRequest(
        "GET",
        `${base}/destination/893915/statistics?${token}&begintime=2024-01-01%2000%3A00%3A00`,
      ).problems,
    ).toEqual(["query begintime: not a parameter of getPublisherDestinationStatistics"]);
    // ... and only the test group clicks and impressions pages document unique for Publisher.
    expect(
      checkRequest("GET", `${base}/emailing/1328/clicks?${token}&unique=true`).problems,
    ).toEqual(["query unique: not a parameter of getPublisherEmailingClicks"]);
    expect(
      checkRequest("GET", `${base}/testgroup/2517/clicks?${token}&unique=true`).problems,
    ).toEqual([]);
  });

  it("the test group impressions call is the test group's, not the emailing's URL its page prints", () => {
    const url = (path: string) => `${mockUrl}${path}?access_token=${TEST_TOKEN}`;
    expect(
      checkRequest("GET", url("/v3/publisher/testgroup/2517/impressions")).operation?.operationId,
    ).toBe("getPublisherTestgroupImpressions");
    expect(
      checkRequest("GET", url("/v3/publisher/emailing/2517/impressions")).operation?.operationId,
    ).toBe("getPublisherEmailingImpressions");
  });
});
