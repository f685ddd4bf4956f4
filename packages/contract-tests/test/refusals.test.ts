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
