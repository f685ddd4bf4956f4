import { describe, expect, it } from "vitest";
import { checkRequest } from "../src/validate.js";

const base = "https://api.copernica.com";

describe("checkRequest", () => {
  it("accepts a request the spec describes", () => {
    const check = checkRequest(
      "GET",
      `${base}/v3/publisher/destination/822758/impressions?fields[]=timestamp%3E2019-01-01&fields[]=id%3E5&limit=1000&total=false&access_token=t`,
    );
    expect(check.operation?.operationId).toBe("getPublisherDestinationImpressions");
    expect(check.problems).toEqual([]);
  });

  it.each([
    [
      "an unknown path",
      "/v3/ms/opens?access_token=t",
      "GET /v3/ms/opens matches no operation in the spec",
    ],
    ["a missing token", "/v3/ms/clicks", "query access_token: must be sent exactly once"],
    [
      "an unknown parameter",
      "/v3/ms/clicks?orderby=id&access_token=t",
      "query orderby: not a parameter of getMsClicks",
    ],
    [
      "a repeated scalar",
      "/v3/ms/clicks?limit=5&limit=6&access_token=t",
      "query limit: sent 2 times",
    ],
    ["a wrong type", "/v3/ms/clicks?unique=yes&access_token=t", "query unique must be boolean"],
    [
      "an unencoded value",
      "/v3/publisher/destination/1/abuses?fields[]=id==5&access_token=t",
      'query fields[]: value "id==5" is not percent-encoded',
    ],
    ["a zero id", "/v3/publisher/destination/0/abuses?access_token=t", "path id must be >= 1"],
    [
      "a v1 date with a time",
      "/v1/message/abc/events?start=2017-02-27%2010%3A00%3A00&access_token=t",
      'query start must match format "date"',
    ],
  ])("reports %s", (_what, path, problem) => {
    expect(checkRequest("GET", `${base}${path}`).problems).toContain(problem);
  });
});
