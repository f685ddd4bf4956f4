import { describe, expect, it } from "vitest";
import { kindOf } from "../src/errors.js";

describe("kindOf", () => {
  it.each([
    // The status decides where it says what went wrong, whatever the page says.
    [404, "Forbidden: no such page", "not_found"],
    [403, "No entity with supplied ID", "auth"],
    [401, "", "auth"],
    [429, "Invalid data provided", "rate_limited"],
    [503, "Invalid access token", "server"],
    // Copernica's catch-all 400, and a 2xx error body: the message decides.
    [400, "Invalid access token", "auth"],
    [400, "No entity with supplied ID", "not_found"],
    [400, "Invalid method", "not_found"],
    [400, "Too many requests", "rate_limited"],
    [400, "Invalid data provided", "invalid_request"],
    // A message that quotes the request's URL: its access_token parameter is no word of it.
    [400, "Invalid request /v3/ms/clicks?access_token=[REDACTED]", "invalid_request"],
    [200, "Invalid data provided", "invalid_request"],
  ])("HTTP %i with %j is %s", (status, message, kind) => {
    expect(kindOf(status, message)).toBe(kind);
  });
});
