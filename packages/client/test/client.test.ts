import { beforeEach, describe, expect, it } from "vitest";
import {
  CopernicaError,
  createCopernicaClient,
  type PublisherImpressionPage,
} from "../src/index.js";
import {
  json,
  queryOf,
  startRecordingServer,
  useRecordingServer,
} from "./support/recording-server.js";
import { leaksOf, TOKEN, TOKEN_FORMS } from "./support/secrets.js";

const server = useRecordingServer();
beforeEach(() => {
  server.handle((_request, res) => json(res, 200, { start: 0, limit: 100, count: 0, data: [] }));
});

function fail(message: string): never {
  throw new Error(message);
}

const client = () => createCopernicaClient({ accessToken: TOKEN, baseUrl: server.url });

describe("the access token", () => {
  it("is sent as the access_token query parameter on every request, percent-encoded", async () => {
    const copernica = client();
    await copernica.GET("/v3/ms/impressions");
    await copernica.GET("/v3/ms/clicks", { params: { query: { unique: true, limit: 10 } } });
    await copernica.GET("/v1/message/{id}/events", { params: { path: { id: "dkJDF343Df" } } });

    expect(server.requests).toHaveLength(3);
    for (const request of server.requests) {
      expect(queryOf(request).getAll("access_token")).toEqual([TOKEN]);
      expect(request.rawUrl).toContain(`access_token=${encodeURIComponent(TOKEN)}`);
    }
    const clicks = queryOf(server.requests[1] ?? fail("no clicks request"));
    expect(clicks.get("unique")).toBe("true");
    expect(clicks.get("limit")).toBe("10");
  });

  it("is not in the Request that middleware sees, nor in the url of the Response handed back", async () => {
    const copernica = client();
    const seen: string[] = [];
    copernica.use({
      onRequest: ({ request }) => {
        seen.push(request.url);
      },
      onResponse: ({ response }) => {
        seen.push(response.url);
      },
    });
    const { response } = await copernica.GET("/v3/ms/impressions");

    expect(server.requests).toHaveLength(1);
    expect(seen).toHaveLength(2);
    for (const url of [...seen, response.url]) {
      for (const form of TOKEN_FORMS) expect(url).not.toContain(form);
    }
    expect(seen[0]).toBe(`${server.url}/v3/ms/impressions`);
    expect(response.url).toBe(`${server.url}/v3/ms/impressions`);
  });
});

describe("middleware", () => {
  it("gets a standard Request from use(), which it may change or replace", async () => {
    const copernica = client();
    const seen: unknown[] = [];
    copernica.use({
      onRequest: ({ request }) => {
        seen.push(request instanceof Request, request.clone().url, request.method);
        request.headers.set("x-trace", "one");
        return new Request(request, { headers: { "x-trace": "two", "x-more": "yes" } });
      },
    });
    const { data } = await copernica.GET("/v3/ms/clicks", { params: { query: { limit: 5 } } });

    expect(data).toEqual({ start: 0, limit: 100, count: 0, data: [] });
    expect(seen).toEqual([true, `${server.url}/v3/ms/clicks?limit=5`, "GET"]);
    const request = server.requests[0] ?? fail("no request");
    expect(request.headers["x-trace"]).toBe("two");
    expect(request.headers["x-more"]).toBe("yes");
    expect(queryOf(request).get("limit")).toBe("5");
    expect(queryOf(request).getAll("access_token")).toEqual([TOKEN]);
  });

  it("does not change what reaches fetch: the call's own options pass on as without middleware", async () => {
    const inits: RequestInit[] = [];
    const copernica = createCopernicaClient({
      accessToken: TOKEN,
      fetch: async (_url, init) => {
        inits.push(init);
        return new Response(JSON.stringify([]));
      },
    });
    copernica.use({ onRequest: () => undefined });
    await copernica.GET("/v1/message/{id}/events", {
      params: { path: { id: "m1" } },
      cache: "no-store",
      credentials: "omit",
      headers: { "x-trace": "abc" },
      // Options of the runtime's own (Next.js, node-fetch), which openapi-fetch passes on.
      next: { revalidate: 60 },
      agent: () => undefined,
    } as never);
    const [init] = inits;
    expect(init).toMatchObject({ method: "GET", cache: "no-store", credentials: "omit" });
    expect((init as { next?: unknown }).next).toEqual({ revalidate: 60 });
    expect(typeof (init as { agent?: unknown }).agent).toBe("function");
    expect(init).not.toHaveProperty("clone");
    expect(new Headers(init?.headers).get("x-trace")).toBe("abc");
    expect(init?.signal).toBeInstanceOf(AbortSignal);
  });

  it("gets a standard Request when given to one call, and the calls without it still work", async () => {
    const copernica = client();
    const seen: unknown[] = [];
    const { data } = await copernica.GET("/v3/ms/clicks", {
      middleware: [
        {
          onRequest: ({ request }) => {
            seen.push(request instanceof Request, request.clone().url);
            return request;
          },
        },
      ],
    });
    await copernica.request("get", "/v3/ms/impressions", {
      middleware: [{ onRequest: ({ request }) => void seen.push(request instanceof Request) }],
    });
    await copernica.GET("/v3/ms/clicks");

    expect(data).toEqual({ start: 0, limit: 100, count: 0, data: [] });
    expect(seen).toEqual([true, `${server.url}/v3/ms/clicks`, true]);
    expect(server.requests).toHaveLength(3);
  });

  it("leaves a fetch given to one call a standard Request, as openapi-fetch hands it", async () => {
    const copernica = client();
    const seen: unknown[] = [];
    const { data } = await copernica.GET("/v3/ms/clicks", {
      fetch: async (request: Request) => {
        seen.push(request instanceof Request, request.url);
        return new Response(JSON.stringify({ data: [] }));
      },
    });
    expect(data).toEqual({ data: [] });
    expect(seen).toEqual([true, `${server.url}/v3/ms/clicks`]);
  });
});

describe("fields[] filters", () => {
  it("repeat the key and percent-encode each value, so the server parses back what was sent", async () => {
    const conditions = ["timestamp>2019-01-01", "timestamp<=2019-02-01 12:30:00", "id>100000"];
    await client().GET("/v3/publisher/destination/{id}/impressions", {
      params: { path: { id: 822758 }, query: { "fields[]": conditions } },
    });

    const request = server.requests[0] ?? fail("no request");
    expect(request.rawUrl).toMatch(/^\/v3\/publisher\/destination\/822758\/impressions\?/);
    expect(queryOf(request).getAll("fields[]")).toEqual(conditions);
    expect(request.rawUrl).toContain(
      "fields[]=timestamp%3E2019-01-01&fields[]=timestamp%3C%3D2019-02-01%2012%3A30%3A00&fields[]=id%3E100000",
    );
  });

  it("keep characters that mean something in a URL inside the value", async () => {
    // Values the spec would refuse, sent anyway to show the encoding cannot split or cut them.
    const conditions = ["timestamp=~2019-01%", "a&b=c", "x#y", "p+q r", "näm€"];
    await client().GET("/v3/publisher/destination/{id}/abuses", {
      params: { path: { id: "60716" }, query: { "fields[]": conditions } },
    });

    const request = server.requests[0] ?? fail("no request");
    expect(queryOf(request).getAll("fields[]")).toEqual(conditions);
    expect(request.rawUrl).not.toMatch(/fields\[\]=[^&]*[#+ ]/);
  });
});

describe("options", () => {
  it("sends through the fetch it is given, to https://api.copernica.com by default", async () => {
    const urls: string[] = [];
    const inits: RequestInit[] = [];
    const copernica = createCopernicaClient({
      accessToken: TOKEN,
      fetch: async (url, init) => {
        urls.push(url);
        inits.push(init);
        return new Response(JSON.stringify([]), {
          headers: { "content-type": "application/json" },
        });
      },
    });
    const { data, response } = await copernica.GET("/v1/message/{id}/events", {
      params: { path: { id: "dkJDF343Df" }, query: { start: "2017-02-27" } },
      headers: { "x-trace": "abc" },
      cache: "no-store",
    });

    expect(data).toEqual([]);
    expect(urls).toEqual([
      `https://api.copernica.com/v1/message/dkJDF343Df/events?start=2017-02-27&access_token=${encodeURIComponent(TOKEN)}`,
    ]);
    // Called as the standard fetch is, with the call's own init passed on and a signal for the timeout.
    const [init] = inits;
    expect(init?.method).toBe("GET");
    expect(new Headers(init?.headers).get("x-trace")).toBe("abc");
    expect(init?.cache).toBe("no-store");
    expect(init?.signal).toBeInstanceOf(AbortSignal);
    expect(Object.getOwnPropertySymbols(init)).toEqual([]);
    // The client read the body, once, though the answer had no Content-Length (as a chunked one).
    expect(response.bodyUsed).toBe(true);
    expect(response.url).toBe(
      "https://api.copernica.com/v1/message/dkJDF343Df/events?start=2017-02-27",
    );
    // A call without headers sends none.
    await copernica.GET("/v3/ms/clicks");
    expect(inits[1]).not.toHaveProperty("headers");
  });

  it("accepts a base URL with a path and a trailing slash (a proxy)", async () => {
    const copernica = createCopernicaClient({
      accessToken: TOKEN,
      baseUrl: `${server.url}/proxy/copernica/`,
    });
    await copernica.GET("/v3/ms/clicks");
    expect(server.requests[0]?.rawUrl).toMatch(
      /^\/proxy\/copernica\/v3\/ms\/clicks\?access_token=/,
    );
  });

  it.each([
    [{ accessToken: "" }, /accessToken must be a non-empty string/],
    [{ accessToken: "   " }, /accessToken must be a non-empty string/],
    [{ accessToken: 42 }, /accessToken must be a non-empty string/],
    // The token itself in place of the options.
    ["tok", /accessToken must be a non-empty string/],
    // The engine's own TypeError names the option that is missing.
    [undefined, /accessToken/],
    [null, /accessToken/],
    [
      { accessToken: TOKEN, baseUrl: "api.copernica.com" },
      /baseUrl must be an absolute http\(s\) URL/,
    ],
    [
      { accessToken: TOKEN, baseUrl: "ftp://api.copernica.com" },
      /baseUrl must be an absolute http\(s\) URL, got "ftp:\/\/api.copernica.com"/,
    ],
    [
      { accessToken: TOKEN, baseUrl: "https://api.copernica.com?access_token=abc" },
      /must not have a query/,
    ],
    [{ accessToken: TOKEN, fetch: "nope" }, /no fetch available/],
    ...[Number.POSITIVE_INFINITY, 2 ** 31, -1, Number.NaN, null, "0", true].map(
      (timeoutMs): [object, string] => [
        { accessToken: TOKEN, timeoutMs },
        `timeoutMs must be from 0 to 2147483647 (ms), got ${timeoutMs}`,
      ],
    ),
  ])("refuses %j with an error that says what to fix", (options, message) => {
    const create = () => createCopernicaClient(options as never);
    expect(create).toThrow(TypeError);
    expect(create).toThrow(message);
    try {
      create();
    } catch (error) {
      expect(leaksOf(error)).toEqual([]);
    }
  });
});

describe("answers", () => {
  it("parses a page into the typed data of the operation", async () => {
    const page: PublisherImpressionPage = {
      start: 0,
      limit: 100,
      count: 1,
      data: [
        {
          ID: "44807",
          timestamp: "2010-07-20 14:34:32",
          ip: "0.0.0.0",
          useragent: "Microsoft Outlook 2007, WinXP",
          device: "desktop",
          referer: null,
          emailing: "1328",
          destination: "822758",
          profile: "2590894",
          subprofile: null,
        },
      ],
    };
    server.handle((_request, res) => json(res, 200, page));
    const { data, error } = await client().GET("/v3/publisher/destination/{id}/impressions", {
      params: { path: { id: 822758 } },
    });
    expect(error).toBeUndefined();
    expect(data).toEqual(page);
  });

  it("hands back Copernica's 400 body as the typed error", async () => {
    server.handle((_request, res) =>
      json(res, 400, { error: { message: "Invalid access token" } }),
    );
    const { data, error, response } = await client().GET("/v3/ms/impressions");
    expect(data).toBeUndefined();
    expect(response.status).toBe(400);
    expect(error).toEqual({ error: { message: "Invalid access token" } });
  });
});

describe("network failures", () => {
  it("surface as a CopernicaError of kind network that holds no trace of the token", async () => {
    const closed = await startRecordingServer();
    const url = closed.url;
    await closed.close();
    const copernica = createCopernicaClient({ accessToken: TOKEN, baseUrl: url, retry: false });

    const error = await copernica.GET("/v3/ms/clicks").catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CopernicaError);
    expect(error).toMatchObject({ kind: "network", method: "GET", url: `${url}/v3/ms/clicks` });
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(leaksOf(error)).toEqual([]);
  });

  it("remove the token from a cause that quotes the whole URL, as some fetch implementations do", async () => {
    const copernica = createCopernicaClient({
      accessToken: TOKEN,
      baseUrl: server.url,
      retry: false,
      fetch: async (url) => {
        const inner = Object.assign(new Error(`getaddrinfo ENOTFOUND for ${url}`), {
          code: "ENOTFOUND",
          hostname: url,
        });
        throw new TypeError(`request to ${url} failed, reason: ${inner.message}`, {
          cause: inner,
        });
      },
    });

    const error = await copernica.GET("/v3/ms/clicks").catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CopernicaError);
    expect(((error as Error).cause as Error).message).toContain("access_token=[REDACTED]");
    expect(((error as Error).cause as Error & { cause: { code: string } }).cause.code).toBe(
      "ENOTFOUND",
    );
    expect(leaksOf(error)).toEqual([]);
  });

  it("leave a caller's abort as the caller's own abort reason", async () => {
    server.handle(() => {
      // Never answers: the caller gives up first.
    });
    const controller = new AbortController();
    const pending = client().GET("/v3/ms/clicks", { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("caller gave up")), 20);
    await expect(pending).rejects.toThrow("caller gave up");
  });
});
