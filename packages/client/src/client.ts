import createClient, { type Client, type MaybeOptionalInit, type Middleware } from "openapi-fetch";
import { httpError } from "./errors.js";
import type { paths } from "./generated/openapi.js";
import * as paging from "./paging.js";
import {
  createTransport,
  type FetchLike,
  HAND_OVER,
  type Hooks,
  type RetryOptions,
  type Slot,
} from "./transport.js";
import { checkParameters } from "./validate.js";

export const DEFAULT_BASE_URL = "https://api.copernica.com";

export interface CopernicaClientOptions {
  /** The access token of an application linked to your Copernica account. */
  accessToken: string;
  /**
   * Where the API lives, without the version: the version is part of every path
   * (`/v3/ms/clicks`). Defaults to `https://api.copernica.com`; point it at a mock server
   * (`http://127.0.0.1:4010`) or a proxy.
   */
  baseUrl?: string | undefined;
  /**
   * A `fetch` to send requests with instead of the global one (for proxies, tests, tracing). It
   * is called as the standard fetch is: with the URL (access token included) and an init, whose
   * `signal` it must pass on (timeouts and aborts stop a request through it).
   */
  fetch?: FetchLike | undefined;
  /** How long one attempt (answer and body) may take before it fails with a timeout. Default 30 000 ms; 0 waits forever. */
  timeoutMs?: number | undefined;
  /**
   * Retries of GET requests on network failures, timeouts, unparseable bodies, 429, 502, 503
   * and 504 (never on other 4xx), with exponential backoff, full jitter and `Retry-After`.
   * Default: 5 attempts within 60 s. `false` switches them off.
   */
  retry?: RetryOptions | false | undefined;
  /** Called for every attempt, answer and retry (with the token removed). Nothing is logged by default. */
  hooks?: Hooks | undefined;
}

type Get<P extends keyof paths> = paths[P]["get"];
type Init<P extends keyof paths> = MaybeOptionalInit<paths[P], "get">;
/** The init argument of a path: optional when the path needs no parameters. */
export type InitArgument<P extends keyof paths, Extra = unknown> =
  undefined extends Init<P> ? [init?: Init<P> & Extra] : [init: Init<P> & Extra];
/** What a successful GET of a path answers. */
export type DataOf<P extends keyof paths> =
  Get<P> extends {
    responses: { 200: { content: { "application/json": infer Data } } };
  }
    ? Data
    : never;
type QueryOf<P extends keyof paths> =
  Get<P> extends { parameters: { query?: infer Query } } ? NonNullable<Query> : never;
/** The v3 list paths: they page with `start` and `limit` and answer `{ ..., data: [...] }`. */
export type ListPath = {
  [P in keyof paths]: DataOf<P> extends { data: unknown[] }
    ? QueryOf<P> extends { limit?: number }
      ? P
      : never
    : never;
}[keyof paths];
/** The list paths that filter on `id` with `fields[]` (the Publisher statistics), for keyset paging. */
export type KeysetPath = {
  [P in ListPath]: QueryOf<P> extends { "fields[]"?: string[] } ? P : never;
}[ListPath];
/** The type of the items a list path answers with. */
export type ItemOf<P extends ListPath> = DataOf<P> extends { data: (infer Item)[] } ? Item : never;

/** An openapi-fetch client typed by Copernica's OpenAPI description, with helpers that throw CopernicaError. */
export interface CopernicaClient extends Client<paths> {
  /**
   * GETs a path and resolves with its data; any failure of the request throws a CopernicaError
   * (an abort rejects with the signal's reason, a hook's own error passes through).
   */
  get<P extends keyof paths>(path: P, ...init: InitArgument<P>): Promise<DataOf<P>>;
  /**
   * Every item of a v3 list, fetched page by page (1000 at a time, `total=false`) as you
   * iterate. Stops on a short page, never relies on `total`, holds one page at a time.
   * @example for await (const click of copernica.paginate("/v3/ms/clicks")) save(click);
   */
  paginate<P extends ListPath>(path: P, ...init: InitArgument<P>): AsyncGenerator<ItemOf<P>, void>;
}

/**
 * Creates a client for Copernica's statistics API. Every request carries the access token;
 * `fields[]` filters are sent as the API expects them (the key repeated, each value
 * percent-encoded); GET requests time out, and are retried when that may help.
 *
 * @example
 * const copernica = createCopernicaClient({ accessToken: process.env.COPERNICA_TOKEN ?? "" });
 * for await (const click of copernica.paginate("/v3/ms/clicks", {
 *   params: { query: { begintime: "2024-01-01 00:00:00" } },
 * })) console.log(click.timestamp, click.link);
 */
export function createCopernicaClient(options: CopernicaClientOptions): CopernicaClient {
  // No options at all fails here, with the engine's TypeError naming accessToken.
  const { accessToken, baseUrl = DEFAULT_BASE_URL, fetch: fetchImpl = globalThis.fetch } = options;
  if (typeof accessToken !== "string" || accessToken.trim() === "")
    refuse("accessToken must be a non-empty string");
  if (typeof fetchImpl !== "function") refuse("no fetch available; pass options.fetch");
  // A timer waits at most 2^31 - 1 ms: a longer timeout would fire at once.
  const { timeoutMs } = options;
  if (
    timeoutMs !== undefined &&
    !(typeof timeoutMs === "number" && timeoutMs >= 0 && timeoutMs < 2 ** 31)
  )
    refuse(`timeoutMs must be from 0 to 2147483647 (ms), got ${timeoutMs}`);
  // openapi-fetch builds a Request for every call only to hand it to middleware and then to
  // fetch, which builds one of its own. Unless middleware of the caller's own takes part, the
  // transport gets the URL and the init as a plain object instead: building a Request cost a
  // small request a twentieth of its time (BENCHMARKS.md). Its prototype is Request's, so
  // that a Request which middleware returns passes openapi-fetch's `instanceof` check.
  let plain = true;
  function SentRequest(url: string, init: RequestInit) {
    return plain ? { ...init, url } : new Request(url, init);
  }
  SentRequest.prototype = Request.prototype;
  const client = createClient<paths>({
    baseUrl: checkBaseUrl(baseUrl),
    Request: SentRequest as unknown as typeof Request,
    fetch: createTransport({ ...options, fetch: fetchImpl }) as (
      request: Request,
    ) => Promise<Response>,
  });
  const { use } = client;
  client.use = (...middleware: Middleware[]) => {
    plain = false;
    use(...middleware);
  };
  // Every call is checked before openapi-fetch sees it. Middleware or a fetch given to one call
  // gets a standard Request. A call that leaves parsing to openapi-fetch gets the data from
  // the transport, which parses the body to check it anyway: openapi-fetch, asked for a
  // stream, leaves the body alone.
  type CallInit = {
    params?: Parameters<typeof checkParameters>[2];
    middleware?: unknown;
    fetch?: unknown;
    parseAs?: unknown;
    Request?: unknown;
    [HAND_OVER]?: Slot;
  };
  type Result = { data?: unknown; response: Response };
  type Call = (method: string, path: string, init?: CallInit) => Promise<Result>;
  const calls = client as unknown as {
    request: Call;
    GET: (path: string, init?: CallInit) => Promise<Result>;
  };
  const { request } = calls;
  calls.request = (method, path, init) => {
    try {
      checkParameters(method.toUpperCase(), path, init?.params);
    } catch (error) {
      return Promise.reject(error);
    }
    if (init?.middleware || init?.fetch) return request(method, path, { Request, ...init });
    if (!plain || init?.parseAs || init?.Request) return request(method, path, init);
    const slot: Slot = {};
    return request(method, path, { ...init, parseAs: "stream", [HAND_OVER]: slot }).then(
      (result) => {
        if ("data" in result) result.data = slot.data;
        return result;
      },
    );
  };
  calls.GET = (path, init) => calls.request("GET", path, init);

  const get: paging.Get = async (path, init) => {
    const { data, error, response } = await client.GET(
      path as "/v3/ms/clicks",
      init as Init<"/v3/ms/clicks">,
    );
    if (response.ok) return data;
    // A Response that middleware made has no url.
    throw httpError("GET", response.url || path, response.status, error);
  };
  return Object.assign(client, {
    get,
    paginate: (path: string, init?: paging.Init) => paging.paginate(get, path, init),
  }) as unknown as CopernicaClient;
}

/** Throws a TypeError that says which option to fix. */
function refuse(problem: string): never {
  throw new TypeError(`createCopernicaClient: ${problem}`);
}

function checkBaseUrl(baseUrl: unknown): string {
  let url: URL | undefined;
  try {
    url = new URL(String(baseUrl));
  } catch {}
  if (!url || !/^https?:$/.test(url.protocol))
    refuse(`baseUrl must be an absolute http(s) URL, got ${JSON.stringify(baseUrl)}`);
  if (url.search || url.hash) refuse("baseUrl must not have a query or fragment");
  return url.href.replace(/\/+$/, "");
}
