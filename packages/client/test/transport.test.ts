import { getEventListeners } from "node:events";
import { describe, expect, it, vi } from "vitest";
import {
  CopernicaError,
  type CopernicaErrorKind,
  createCopernicaClient,
  type RetryOptions,
} from "../src/index.js";
import { type Answer, answers, sequence } from "./support/fake-copernica.js";
import { json, useRecordingServer } from "./support/recording-server.js";
import { leaksOf, renderings, TOKEN, TOKEN_FORMS } from "./support/secrets.js";

const server = useRecordingServer();

const page = { start: 0, limit: 1000, count: 1, data: [{ ID: "7" }] };
const ok: Answer = (_request, res) => json(res, 200, page);
/** Fast retries, so that the tests do not wait on backoff. */
const fast: RetryOptions = { attempts: 3, baseDelayMs: 1, maxDelayMs: 2000 };

function client(
  answer: Answer,
  options: Parameters<typeof createCopernicaClient>[0] | object = {},
) {
  server.handle(answer);
  const events: unknown[] = [];
  const copernica = createCopernicaClient({
    accessToken: TOKEN,
    baseUrl: server.url,
    retry: fast,
    timeoutMs: 2000,
    hooks: {
      request: (event) => events.push({ request: event }),
      response: (event) => events.push({ response: event }),
      retry: (event) => events.push({ retry: { ...event, error: String(event.error) } }),
    },
    ...options,
  });
  return { copernica, events };
}

async function failure(promise: Promise<unknown>): Promise<CopernicaError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CopernicaError);
  return error as CopernicaError;
}

describe("retries", () => {
  it("retry a GET through the load balancer's 502, 503 and 504 pages, and report each retry", async () => {
    const { copernica, events } = client(
      sequence(answers.loadBalancer(503), answers.loadBalancer(502), answers.loadBalancer(504), ok),
      { retry: { ...fast, attempts: 4 } },
    );
    await expect(copernica.get("/v3/ms/clicks")).resolves.toEqual(page);
    expect(server.requests).toHaveLength(4);
    const retries = events.flatMap((event) =>
      "retry" in (event as object)
        ? [(event as { retry: { attempt: number; url: string; error: string } }).retry]
        : [],
    );
    expect(retries.map((retry) => retry.attempt)).toEqual([1, 2, 3]);
    expect(retries[0]?.url).toBe(`${server.url}/v3/ms/clicks`);
    expect(retries[0]?.error).toContain("HTTP 503 503 Service Unavailable (server)");
  });

  it("honour Retry-After in seconds on a 429", async () => {
    const { copernica, events } = client(sequence(answers.rateLimited("1"), ok));
    await expect(copernica.get("/v3/ms/clicks")).resolves.toEqual(page);
    expect(events).toContainEqual({
      retry: expect.objectContaining({ attempt: 1, delayMs: 1000 }),
    });
  });

  it("honour Retry-After as an HTTP date", async () => {
    const at = new Date(Date.now() + 2000).toUTCString();
    const { copernica, events } = client(sequence(answers.rateLimited(at), ok));
    await expect(copernica.get("/v3/ms/clicks")).resolves.toEqual(page);
    const delay = (
      events.find((event) => "retry" in (event as object)) as { retry: { delayMs: number } }
    ).retry.delayMs;
    expect(delay).toBeGreaterThan(0);
    expect(delay).toBeLessThanOrEqual(2000);
  });

  it.each(["1.5", "-5"])(
    "read a Retry-After of %j, neither seconds nor a date, as absent: the backoff's wait",
    async (value) => {
      // Date.parse reads these as dates long past, which would mean: retry at once.
      const random = vi.spyOn(Math, "random").mockReturnValue(0.5);
      try {
        const { copernica, events } = client(sequence(answers.rateLimited(value), ok), {
          retry: { ...fast, baseDelayMs: 40 },
        });
        await expect(copernica.get("/v3/ms/clicks")).resolves.toEqual(page);
        expect(events).toContainEqual({
          retry: expect.objectContaining({ attempt: 1, delayMs: 20 }),
        });
      } finally {
        random.mockRestore();
      }
    },
  );

  it("give up at once when Retry-After asks for more than maxDelayMs", async () => {
    const { copernica } = client(answers.rateLimited("120"));
    const error = await failure(copernica.get("/v3/ms/clicks"));
    expect(error).toMatchObject({ kind: "rate_limited", status: 429 });
    expect(server.requests).toHaveLength(1);
  });

  it("stop after the configured attempts and hand back the last answer", async () => {
    const { copernica } = client(answers.loadBalancer(503));
    const { error, response } = await copernica.GET("/v3/ms/clicks");
    expect(response.status).toBe(503);
    expect(error).toContain("Too many requests to handle");
    expect(server.requests).toHaveLength(3);
    server.requests.length = 0;
    const thrown = await failure(copernica.get("/v3/ms/clicks"));
    expect(thrown).toMatchObject({
      kind: "server",
      status: 503,
      serverMessage: "503 Service Unavailable",
      transient: true,
    });
  });

  it("stop when the next attempt would start after maxElapsedMs", async () => {
    const { copernica } = client(answers.loadBalancer(502), {
      retry: { attempts: 10, baseDelayMs: 400, maxElapsedMs: 300 },
    });
    await failure(copernica.get("/v3/ms/clicks"));
    expect(server.requests.length).toBeLessThan(10);
  });

  it.each([
    [400, answers.error400("Invalid data provided")],
    [
      500,
      (_request: unknown, res: import("node:http").ServerResponse) =>
        res.writeHead(500).end("oops"),
    ],
    [
      404,
      (_request: unknown, res: import("node:http").ServerResponse) =>
        json(res, 404, { error: { message: "Invalid method" } }),
    ],
  ] as const)("never retry a %i", async (_status, answer) => {
    const { copernica } = client(answer as Answer);
    await failure(copernica.get("/v3/ms/clicks"));
    expect(server.requests).toHaveLength(1);
  });

  it("can be switched off", async () => {
    const { copernica } = client(answers.loadBalancer(503), { retry: false });
    await failure(copernica.get("/v3/ms/clicks"));
    expect(server.requests).toHaveLength(1);
  });

  it("stop when the caller aborts while the server is still answering, with the caller's reason", async () => {
    const controller = new AbortController();
    const reason = new Error("user pressed stop");
    const { copernica, events } = client(answers.hangMidBody(), { timeoutMs: 10_000 });
    const call = copernica.get("/v3/ms/clicks", { signal: controller.signal });
    setTimeout(() => controller.abort(reason), 100);
    await expect(call).rejects.toBe(reason);
    // Neither retried nor timed out: the caller's abort ends it all.
    expect(events.filter((event) => "retry" in (event as object))).toEqual([]);
    expect(server.requests).toHaveLength(1);

    // Aborted before it starts: nothing is sent.
    await expect(
      copernica.get("/v3/ms/clicks", { signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    expect(server.requests).toHaveLength(1);
  });

  it("leave nothing behind on a long-lived signal of the caller's, however many calls use it", async () => {
    const controller = new AbortController();
    const { copernica } = client(sequence(answers.loadBalancer(503), ok, answers.error400("No")), {
      retry: { ...fast, attempts: 2 },
    });
    await copernica.get("/v3/ms/clicks", { signal: controller.signal });
    await copernica.get("/v3/ms/clicks", { signal: controller.signal }).catch(() => undefined);
    // A call that asks openapi-fetch for another form of the body, too.
    server.handle(ok);
    await copernica.GET("/v3/ms/clicks", { signal: controller.signal, parseAs: "text" });
    expect(server.requests).toHaveLength(4);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("stop when the caller aborts during a backoff, with the caller's reason", async () => {
    const controller = new AbortController();
    const { copernica } = client(answers.loadBalancer(503), {
      retry: { attempts: 5, baseDelayMs: 10_000, maxDelayMs: 10_000 },
      hooks: { retry: () => controller.abort(new Error("user pressed stop")) },
    });
    await expect(copernica.get("/v3/ms/clicks", { signal: controller.signal })).rejects.toThrow(
      "user pressed stop",
    );
    expect(server.requests).toHaveLength(1);
  });
});

describe("hooks", () => {
  it("hand the retry hook the server's message of a JSON failure", async () => {
    const errors: CopernicaError[] = [];
    const { copernica } = client(
      sequence((_request, res) => json(res, 503, { error: { message: "Service down" } }), ok),
      { hooks: { retry: (event) => void errors.push(event.error) } },
    );
    await expect(copernica.get("/v3/ms/clicks")).resolves.toEqual(page);
    expect(errors.map((error) => [error.kind, error.serverMessage])).toEqual([
      ["server", "Service down"],
    ]);
  });

  it("fail the call with their own error when they throw, and nothing is retried", async () => {
    const bug = new Error("a bug in the caller's hook");
    const { copernica } = client(answers.loadBalancer(503), {
      hooks: {
        response: () => {
          throw bug;
        },
      },
    });
    await expect(copernica.get("/v3/ms/clicks")).rejects.toBe(bug);
    expect(server.requests).toHaveLength(1);
  });
});

describe("broken answers", () => {
  // What every kind of failure becomes when it does not pass; retried where a retry may help.
  const cases: [string, CopernicaErrorKind, number, Answer][] = [
    ["a connection reset in the middle of the body", "network", 3, answers.resetMidBody()],
    ["a server that never answers", "timeout", 3, answers.hang()],
    ["a server that stops half-way through the body", "timeout", 3, answers.hangMidBody()],
    ["malformed JSON", "unparseable", 3, answers.malformed()],
    ["truncated JSON", "unparseable", 3, answers.truncated()],
    ["an empty body", "unparseable", 3, answers.empty()],
    ["an HTML page with a 200", "unparseable", 3, answers.html200()],
    ["a 200 whose body is Copernica's error", "auth", 1, answers.error200("Invalid access token")],
    ["a 400 Invalid access token", "auth", 1, answers.error400("Invalid access token")],
    [
      "a 400 No entity with supplied ID",
      "not_found",
      1,
      answers.error400("No entity with supplied ID"),
    ],
    ["a 400 Invalid method", "not_found", 1, answers.error400("Invalid method")],
    [
      "a 400 Invalid data provided",
      "invalid_request",
      1,
      answers.error400("Invalid data provided"),
    ],
    ["a 429", "rate_limited", 3, answers.rateLimited("0")],
    ["the load balancer's 502", "server", 3, answers.loadBalancer(502)],
  ];

  it.each(cases)(
    "%s: a CopernicaError of kind %s after %i attempts, with no trace of the token",
    async (_what, kind, attempts, answer) => {
      const { copernica, events } = client(answer, { timeoutMs: 300 });
      const error = await failure(
        copernica.get("/v3/ms/clicks", { params: { query: { limit: 10 } } }),
      );

      expect(error.kind).toBe(kind);
      expect(error.method).toBe("GET");
      expect(error.url).toBe(`${server.url}/v3/ms/clicks?limit=10`);
      expect(server.requests).toHaveLength(attempts);
      expect(leaksOf(error)).toEqual([]);
      const logged = JSON.stringify(events);
      for (const form of TOKEN_FORMS) expect(logged).not.toContain(form);
    },
  );

  // Pages that quote the request, and so the token, as some servers and proxies do.
  const quoting: [string, CopernicaErrorKind, number, Answer][] = [
    [
      "an HTML 404",
      "not_found",
      1,
      (request, res) => {
        res.writeHead(404, { "content-type": "text/html" });
        res.end(
          `<title>Not Found: ${request.rawUrl} ${decodeURIComponent(request.rawUrl)}</title>`,
        );
      },
    ],
    [
      "a 400 of Copernica's",
      "invalid_request",
      1,
      (request, res) => json(res, 400, { error: { message: `Invalid request ${request.rawUrl}` } }),
    ],
    [
      // In quotes, which JSON escapes with a backslash that redaction must leave alone.
      "a 400 of Copernica's, the URL in quotes",
      "invalid_request",
      1,
      (request, res) => json(res, 400, { error: { message: `Invalid "${request.rawUrl}"` } }),
    ],
    [
      "a 200 whose body is Copernica's error, the URL in quotes",
      "invalid_request",
      1,
      (request, res) => json(res, 200, { error: { message: `Invalid "${request.rawUrl}"` } }),
    ],
    [
      "a 200 with malformed JSON",
      "unparseable",
      3,
      (request, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(`{"url": "${request.rawUrl}`);
      },
    ],
    [
      "a 503, retried",
      "server",
      3,
      (request, res) => {
        res.writeHead(503, { "content-type": "text/html" });
        res.end(`<h1>Service Unavailable</h1><p>${request.rawUrl}</p>`);
      },
    ],
  ];
  it.each(quoting)(
    "%s that quotes the URL: a CopernicaError of kind %s after %i attempts, with no trace of the token",
    async (_what, kind, attempts, answer) => {
      const { copernica, events } = client(answer);
      const error = await failure(copernica.get("/v3/ms/clicks"));
      expect(error.kind).toBe(kind);
      expect(server.requests).toHaveLength(attempts);
      expect(leaksOf(error)).toEqual([]);
      expect(leaksOf(JSON.stringify(events))).toEqual([]);
      if (kind !== "unparseable" && kind !== "server") {
        // The message the server gave, less the token, not its whole body.
        expect(error.serverMessage).toMatch(/^(Not Found|Invalid)/);
        expect(error.serverMessage).toContain("[REDACTED]");
      }
      const typed = await copernica.GET("/v3/ms/clicks").catch((caught: unknown) => caught);
      expect(leaksOf(typed)).toEqual([]);
      if (kind === "invalid_request" && "error" in (typed as object)) {
        // openapi-fetch still parses a failure's JSON.
        expect((typed as { error: unknown }).error).toMatchObject({
          error: { message: /^Invalid/ },
        });
      }
    },
  );

  it("a parser's error that quotes the body, as some engines' do, leaves no trace of the token", async () => {
    const { copernica } = client(answers.malformed(), { retry: false });
    // V8 quotes at most ten characters of a long body; other engines quote more.
    const parse = vi.spyOn(JSON, "parse").mockImplementationOnce(() => {
      throw new SyntaxError(`Unexpected identifier "${encodeURIComponent(TOKEN)}"`);
    });
    try {
      const error = await failure(copernica.get("/v3/ms/clicks"));
      expect(error.kind).toBe("unparseable");
      expect(leaksOf(error)).toEqual([]);
    } finally {
      parse.mockRestore();
    }
  });

  it("a body that is not JSON and quotes the token leaves no piece of it in the error", async () => {
    // V8's error quotes ten characters of the body: too few to be found as the token.
    const { copernica } = client(
      (_request, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(`{"data":[],"next":${TOKEN}}`);
      },
      { retry: false },
    );
    const error = await failure(copernica.get("/v3/ms/clicks"));
    expect(error.message).toContain("HTTP 200 with invalid JSON");
    for (const [name, text] of Object.entries(renderings(error)))
      expect({ name, text }).not.toEqual({ name, text: expect.stringContaining("SeCr") });
  });

  it("a fetch that rejects with something other than an Error leaves no trace of the token", async () => {
    for (const thrown of [
      { message: "request failed", url: "" },
      new Response("", { status: 599 }),
      // Has no way to become text: String() throws on it.
      Object.create(null) as object,
    ]) {
      const copernica = createCopernicaClient({
        accessToken: TOKEN,
        retry: false,
        fetch: async (url) => {
          if ("url" in thrown && !(thrown instanceof Response)) thrown.url = url;
          // A Response that a wrapper throws carries the url it was fetched from.
          throw thrown instanceof Response
            ? Object.defineProperty(thrown, "url", { value: url })
            : thrown;
        },
      });
      const error = await failure(copernica.get("/v3/ms/clicks"));
      expect(error.kind).toBe("network");
      expect(leaksOf(error)).toEqual([]);
    }
  });

  it("the typed GET throws the same CopernicaError where there is no HTTP answer to hand back", async () => {
    const { copernica } = client(answers.resetMidBody(), { retry: false });
    const error = await failure(copernica.GET("/v3/ms/clicks"));
    expect(error.kind).toBe("network");
    expect(leaksOf(error)).toEqual([]);
  });

  it("a timeout is measured per attempt, over the answer and its body", async () => {
    const { copernica } = client(answers.hangMidBody(), { retry: false, timeoutMs: 200 });
    const error = await failure(copernica.get("/v3/ms/clicks"));
    expect(error.message).toContain("no complete answer within 200 ms (timeout)");
  });
});

describe("the Response the client hands back", () => {
  it("is the Response that fetch answered with, of its own class, with its body read and no token in its url", async () => {
    class Traced extends Response {
      readonly traced = true;
    }
    const copernica = createCopernicaClient({
      accessToken: TOKEN,
      fetch: async () =>
        new Traced(JSON.stringify(page), { headers: { "content-type": "application/json" } }),
    });
    const { data, response } = await copernica.GET("/v3/ms/clicks");
    expect(data).toEqual(page);
    expect(response).toBeInstanceOf(Traced);
    expect((response as Traced).traced).toBe(true);
    expect(response.url).toBe("https://api.copernica.com/v3/ms/clicks");
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.bodyUsed).toBe(true);
  });

  it("hides the token when fetch's Response holds its own url, or is frozen", async () => {
    const answer = (url: string, status: number, body: unknown) => {
      const response = new Response(JSON.stringify(body), { status });
      // As the whatwg-fetch polyfill (React Native's fetch) and many mocks make them.
      Object.defineProperty(response, "url", { value: url, enumerable: true, writable: true });
      return response;
    };
    const ownUrl = createCopernicaClient({
      accessToken: TOKEN,
      retry: false,
      fetch: async (url) =>
        url.includes("impressions")
          ? answer(url, 400, { error: { message: "No entity with supplied ID" } })
          : answer(url, 200, page),
    });
    const { data, response } = await ownUrl.GET("/v3/ms/clicks");
    expect(data).toEqual(page);
    expect(response.url).toBe("https://api.copernica.com/v3/ms/clicks");
    const error = await failure(ownUrl.get("/v3/ms/impressions"));
    expect(error).toMatchObject({
      kind: "not_found",
      url: "https://api.copernica.com/v3/ms/impressions",
    });
    expect(leaksOf(error)).toEqual([]);

    const frozen = createCopernicaClient({
      accessToken: TOKEN,
      fetch: async (url) => Object.freeze(answer(url, 200, page)),
    });
    const answered = await frozen.GET("/v3/ms/clicks");
    expect(answered.data).toEqual(page);
    expect(answered.response.url).toBe("https://api.copernica.com/v3/ms/clicks");
    expect(leaksOf(answered.response.url)).toEqual([]);
  });

  it("hands middleware the answer to clone and read, with no token in its url", async () => {
    const { copernica } = client(ok);
    const seen: unknown[] = [];
    copernica.use({
      async onResponse({ response }) {
        seen.push(response.url, await response.clone().json());
      },
    });
    const { data } = await copernica.GET("/v3/ms/clicks", { params: { query: { limit: 5 } } });
    expect(data).toEqual(page);
    expect(seen).toEqual([`${server.url}/v3/ms/clicks?limit=5`, page]);
  });

  it("hands openapi-fetch a failure's text, and nothing for an answer without a body", async () => {
    const { copernica } = client(answers.error400("Invalid access token"), { retry: false });
    const { error, response } = await copernica.GET("/v3/ms/clicks");
    expect(response.status).toBe(400);
    expect(response.url).toBe(`${server.url}/v3/ms/clicks`);
    expect(error).toEqual({ error: { message: "Invalid access token" } });
    server.handle((_request, res) => {
      res.writeHead(400, { "content-length": 0 }).end();
    });
    expect((await copernica.GET("/v3/ms/clicks")).error).toBeUndefined();
    server.handle((_request, res) => {
      res.writeHead(204).end();
    });
    const empty = await copernica.GET("/v3/ms/clicks");
    expect(empty.response.status).toBe(204);
    expect(empty.data).toBeUndefined();
    expect(empty.response.body).toBeNull();
  });

  it("has no token in the url of its clone when it has no body (HEAD, 204)", async () => {
    const { copernica } = client((request, res) => {
      res.writeHead(request.method === "HEAD" ? 200 : 204).end();
    });
    const request = copernica.request as (
      method: string,
      path: string,
    ) => Promise<{ response: Response }>;
    for (const method of ["get", "head"]) {
      const { response } = await request(method, "/v3/ms/clicks");
      expect(response.url).toBe(`${server.url}/v3/ms/clicks`);
      expect(leaksOf(response.clone().url)).toEqual([]);
    }
  });

  it("is read once, by the client, whose parse is the data", async () => {
    let reads = 0;
    class Counted extends Response {
      override text() {
        reads++;
        return super.text();
      }
      override json(): Promise<unknown> {
        throw new Error("the client parses the text it read");
      }
    }
    const copernica = createCopernicaClient({
      accessToken: TOKEN,
      fetch: async () => new Counted(JSON.stringify(page)),
    });
    const { data } = await copernica.GET("/v3/ms/clicks");
    expect(data).toEqual(page);
    expect(reads).toBe(1);
  });

  it("hands each method and each form of call its data", async () => {
    const { copernica } = client(ok);
    type Call = (path: string, init?: object) => Promise<{ data?: unknown }>;
    const calls: [string, Promise<{ data?: unknown }>][] = [
      ["request", copernica.request("get", "/v3/ms/clicks")],
      [
        "request post",
        (copernica.request as (method: string, path: string) => Promise<{ data?: unknown }>)(
          "post",
          "/v3/ms/clicks",
        ),
      ],
      ["POST", (copernica.POST as unknown as Call)("/v3/ms/clicks")],
      ["PUT", (copernica.PUT as unknown as Call)("/v3/ms/clicks")],
      ["a Request of the call's own", copernica.GET("/v3/ms/clicks", { Request })],
    ];
    for (const [what, call] of calls) expect([what, (await call).data]).toEqual([what, page]);
  });

  it("names the path in get()'s error when middleware answered", async () => {
    const { copernica } = client(ok);
    copernica.use({ onRequest: () => new Response("no", { status: 418 }) });
    const error = await failure(copernica.get("/v3/ms/clicks"));
    expect(error).toMatchObject({ status: 418, url: "/v3/ms/clicks" });
  });

  it("is parsed by openapi-fetch when the call asks for another form", async () => {
    const { copernica } = client(ok);
    const { data, response } = await copernica.GET("/v3/ms/clicks", { parseAs: "text" });
    expect(data).toBe(JSON.stringify(page));
    expect(response.url).toBe(`${server.url}/v3/ms/clicks`);
  });
});
