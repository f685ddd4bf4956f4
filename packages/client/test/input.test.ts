import { describe, expect, it } from "vitest";
import { CopernicaError, createCopernicaClient } from "../src/index.js";
import { useRecordingServer } from "./support/recording-server.js";
import { leaksOf, TOKEN } from "./support/secrets.js";

const server = useRecordingServer();

const copernica = () => createCopernicaClient({ accessToken: TOKEN, baseUrl: server.url });
// Values the types refuse, as JavaScript callers or untyped data could still pass them.
const loose = <T>(value: unknown) => value as T;

describe("bad input is refused before any request, with an error that names the parameter", () => {
  it.each([
    ["abc", 'path parameter id must be a positive integer, got "abc"'],
    [0, "path parameter id must be a positive integer, got 0"],
    [-5, "path parameter id must be a positive integer, got -5"],
    [1.5, "path parameter id must be a positive integer, got 1.5"],
    ["0x1F", 'path parameter id must be a positive integer, got "0x1F"'],
    [0n, "path parameter id must be a positive integer, got 0"],
    // Missing: it would be sent as the text {id}.
    [undefined, 'path parameter id must be a positive integer, got ""'],
  ])("a v3 id of %o", async (id, message) => {
    const call = copernica().GET("/v3/publisher/destination/{id}/impressions", {
      params: { path: { id: loose<number>(id) } },
    });
    await expect(call).rejects.toThrow(message);
    await expect(call).rejects.toBeInstanceOf(CopernicaError);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    [{ limit: 0 }, "limit must be an integer from 1 to 1000, got 0"],
    [{ limit: 1001 }, "limit must be an integer from 1 to 1000, got 1001"],
    [{ limit: 2.5 }, "limit must be an integer from 1 to 1000, got 2.5"],
    [{ limit: "10" }, 'limit must be an integer from 1 to 1000, got "10"'],
    [{ start: -1 }, "start must be an integer of 0 or more, got -1"],
    [{ start: 1e21 }, "start must be an integer of 0 or more, got 1e+21"],
    [{ limit: Number.NaN }, "limit must be an integer from 1 to 1000, got NaN"],
    [{ limit: 5000n }, "limit must be an integer from 1 to 1000, got 5000"],
    [
      { begintime: "2024-01-01" },
      'begintime must be a time written YYYY-MM-DD HH:MM:SS, got "2024-01-01"',
    ],
    [
      { endtime: "2024-01-01T10:00:00Z" },
      'endtime must be a time written YYYY-MM-DD HH:MM:SS, got "2024-01-01T10:00:00Z"',
    ],
    [
      { begintime: new Date(2024, 0, 2) },
      "begintime must be a time written YYYY-MM-DD HH:MM:SS, got Tue Jan 02 2024",
    ],
    [
      { begintime: "2024-02-01 00:00:00", endtime: "2024-01-01 00:00:00" },
      'begintime must be at or before endtime (2024-01-01 00:00:00), got "2024-02-01 00:00:00"',
    ],
    // Copernica ignores a name it does not know: the period would be left out, unsaid.
    [
      { begintime: "2024-01-01 00:00:00", endTime: "2024-02-01 00:00:00" },
      `a query parameter's name must be lowercase, got "endTime"`,
    ],
  ])("a v3 query of %o", async (query, message) => {
    const error = await copernica()
      .get("/v3/ms/clicks", { params: { query: loose<object>(query) } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CopernicaError);
    expect(error).toMatchObject({ kind: "invalid_request", method: "GET" });
    expect((error as Error).message).toContain(message);
    expect(leaksOf(error)).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    [{ start: "2024-1-1" }, 'start must be a day written YYYY-MM-DD, got "2024-1-1"'],
    [
      { end: "2024-01-01 00:00:00" },
      'end must be a day written YYYY-MM-DD, got "2024-01-01 00:00:00"',
    ],
    [
      { start: "2024-02-01", end: "2024-01-01" },
      'start must be at or before end (2024-01-01), got "2024-02-01"',
    ],
  ])("a v1 query of %j", async (query, message) => {
    const call = copernica().GET("/v1/message/{id}/events", {
      params: { path: { id: "m1" }, query: loose<object>(query) },
    });
    await expect(call).rejects.toThrow(message);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    [undefined, '""'],
    ["", '""'],
    // The URL would resolve these to /v1/message/events and /v1/events, with the token.
    [".", '"."'],
    ["..", '".."'],
  ])("a v1 message id of %o", async (id, shown) => {
    const call = copernica().GET("/v1/message/{id}/events", {
      params: { path: { id: loose<string>(id) } },
    });
    await expect(call).rejects.toThrow(
      `path parameter id must be a message ID (not empty, . or ..), got ${shown}`,
    );
    expect(server.requests).toHaveLength(0);
  });

  it("refuses a missing id on a path that has one, without params at all too", async () => {
    // Typed as a path without parameters, as untyped code could call it.
    const path = loose<"/v3/ms/clicks">("/v3/publisher/emailing/{id}/clicks");
    await expect(copernica().GET(path)).rejects.toThrow(
      'path parameter id must be a positive integer, got ""',
    );
    expect(server.requests).toHaveLength(0);
  });

  it("lets valid parameters through, a digit-string id and the v1 paging-free start included", async () => {
    await copernica().GET("/v3/publisher/destination/{id}/impressions", {
      params: { path: { id: "822758" }, query: { limit: 1000, start: 0 } },
    });
    await copernica().GET("/v1/message/{id}/events", {
      params: { path: { id: "m1" }, query: { start: "2024-01-01" } },
    });
    // Dots are refused only as a whole id.
    await copernica().GET("/v1/message/{id}/events", { params: { path: { id: "..." } } });
    await copernica().GET("/v3/ms/clicks", {
      params: { query: { begintime: "2024-01-01 00:00:00", endtime: "2024-01-01 00:00:00" } },
    });
    expect(server.requests).toHaveLength(4);
  });
});
