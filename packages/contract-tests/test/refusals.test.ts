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

describe("the mock refuses what the spec refuses, with the documented 400 body", () => {
  it("a limit above 1000", async () => {
    const { client, exchanges } = recordingClient(mockUrl);
    const { response, error } = await client.GET("/v3/ms/clicks", {
      params: { query: { limit: 5000 } },
    });

    expect(response.status).toBe(400);
    expect(problemsAt(errorBody, error, "body")).toEqual([]);
    expect(locations(exchanges[0]?.violations ?? [])).toEqual(["request.query.limit"]);
    expect(checkRequest("GET", exchanges[0]?.url ?? "").problems).toEqual([
      "query limit must be <= 1000",
    ]);
  });

  it("a time that is not YYYY-MM-DD HH:MM:SS", async () => {
    const { client, exchanges } = recordingClient(mockUrl);
    const { response, error } = await client.GET("/v3/ms/impressions", {
      params: { query: { begintime: "2024-01-01T00:00:00Z" } },
    });

    expect(response.status).toBe(400);
    expect(problemsAt(errorBody, error, "body")).toEqual([]);
    expect(locations(exchanges[0]?.violations ?? [])).toEqual(["request.query.begintime"]);
  });

  it("a v3 id that is not a positive integer", async () => {
    const { client, exchanges } = recordingClient(mockUrl);
    const { response, error } = await client.GET("/v3/publisher/destination/{id}/impressions", {
      params: { path: { id: "12abc" } },
    });

    expect(response.status).toBe(400);
    expect(problemsAt(errorBody, error, "body")).toEqual([]);
    expect(locations(exchanges[0]?.violations ?? [])).toEqual(["request.path.id"]);
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
