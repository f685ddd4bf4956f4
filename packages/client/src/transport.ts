import { CopernicaError, httpError, redactError } from "./errors.js";
import { createRedactor } from "./redact.js";

/**
 * The fetch the client sends with: the standard signature, called with the URL (access token
 * included) and an init. `globalThis.fetch` is one; so is a wrapper that adds a proxy agent.
 */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * What openapi-fetch hands the transport: a standard Request, or (see createCopernicaClient)
 * a plain object with the request's URL and the init openapi-fetch built it from.
 */
export type SentRequest = Request | (RequestInit & Pick<Request, "url" | "method" | "headers">);

export interface RetryOptions {
  /** Attempts in all, the first one included. Default 5. */
  attempts?: number | undefined;
  /** The backoff ceiling before the first retry; it doubles for each retry, and the wait is a random time up to it (full jitter). Default 500 ms. */
  baseDelayMs?: number | undefined;
  /** The longest wait before a retry. A `Retry-After` asking for longer ends the retries. Default 30 s. */
  maxDelayMs?: number | undefined;
  /** No retry starts later than this after the first attempt. Default 60 s. */
  maxElapsedMs?: number | undefined;
}

export interface RequestEvent {
  method: string;
  /** The URL of the request, without the access token. */
  url: string;
  /** 1 for the first attempt, 2 for the first retry, ... */
  attempt: number;
}
export interface ResponseEvent extends RequestEvent {
  status: number;
  durationMs: number;
}
export interface RetryEvent extends RequestEvent {
  /** How long the client waits before the next attempt. */
  delayMs: number;
  /** Why the attempt failed. */
  error: CopernicaError;
}

/** Called for every attempt, answer and retry; none of them ever sees the access token. */
export interface Hooks {
  request?: ((event: RequestEvent) => void) | undefined;
  response?: ((event: ResponseEvent) => void) | undefined;
  retry?: ((event: RetryEvent) => void) | undefined;
}

export interface TransportOptions {
  accessToken: string;
  fetch: FetchLike;
  /** How long one attempt (answer and body) may take. Default 30 s; 0 waits forever. */
  timeoutMs?: number | undefined;
  /** Retries of GET requests on network failures, timeouts, 429, 502, 503 and 504; `false` switches them off. */
  retry?: RetryOptions | false | undefined;
  hooks?: Hooks | undefined;
}

/**
 * What the transport read of an answer: its text (none once released), the parsed data, the
 * URL without the token.
 */
interface Read {
  text: string | undefined;
  data: unknown;
  url: string;
  body?: ReadableStream<Uint8Array<ArrayBuffer>> | null | undefined;
}
/** Where a Response keeps what was read of it (see `release`). */
const READ = Symbol("read");
const readOf = (response: Response) => (response as Response & { [READ]: Read })[READ];
/** The text, or the TypeError a used body gives once `release` has let go of it. */
const textOf = (response: Response) => {
  const { text } = readOf(response);
  if (text === undefined) throw new TypeError("Body is unusable: the client handed out its data");
  return text;
};
/** A standard Response over the text (no body for an empty one), with the same status and headers. */
const copyOf = (response: Response) => new Response(textOf(response) || null, response);
/** A reader method: it answers with a promise, rejected when `read` throws. */
const reader = (read: (response: Response) => unknown): PropertyDescriptor => ({
  value(this: Response) {
    return new Promise((resolve) => resolve(read(this)));
  },
});
/**
 * What a Response the transport has read answers with, in place of its own getters and
 * readers: its URL without the token, and its body from what was read, as often as asked.
 */
const READERS: PropertyDescriptorMap = {
  url: {
    get(this: Response) {
      return readOf(this).url;
    },
  },
  body: {
    get(this: Response) {
      const read = readOf(this);
      if (read.text === undefined) return null;
      read.body ??= copyOf(this).body;
      return read.body;
    },
  },
  json: reader((response) => {
    const { data } = readOf(response);
    return data === undefined ? JSON.parse(textOf(response)) : data;
  }),
  text: reader(textOf),
  // A copy that reads the same text; its `json()` parses it anew, so the two never share objects.
  clone: {
    value(this: Response) {
      return keep(copyOf(this), textOf(this), undefined, readOf(this).url);
    },
  },
};
for (const name of ["arrayBuffer", "blob", "bytes"] as const) {
  READERS[name] = reader((response) => copyOf(response)[name]());
}

/**
 * Lets go of what was read of a Response that nobody reads again (`get` and the paging helpers
 * hand out only the data). A Response of the runtime's fetch lives on until a full collection
 * (undici registers each one for finalization), and so would everything it holds: held, each
 * page's text and data doubled the peak heap of paging 100,000 events (packages/benchmarks).
 */
export function release(response: Response): void {
  const read = readOf(response);
  read.text = read.data = read.body = undefined;
}

/** For each prototype of the Responses fetch answers with, one that puts READERS in front of it. */
const readable = new WeakMap<object, object>();

/**
 * Makes a Response whose body the transport has read answer from what was read: openapi-fetch
 * gets the parsed JSON from `json()` instead of parsing it a second time, and `url` has no
 * token. The Response itself is kept, with READERS put in front of its prototype (whatever
 * fetch made it): building a new Response for each answer cost a small request a fortieth of
 * its time, defining the readers on each answer half of that, and copying the bytes into a
 * body stream a fifth of the time of a 1000-item page (measured with packages/benchmarks). The
 * body is read as text, which each runtime decodes fastest; the other readers encode it again
 * (UTF-8), which gives back the bytes of any answer that was valid UTF-8, as JSON must be.
 */
function keep(response: Response, text: string, data: unknown, url: string): Response {
  try {
    return adopt(response, { text, data, url }, false);
  } catch {
    // fetch answered with a Response the readers cannot go in front of: a frozen one, or one
    // that holds its own `url` (the whatwg-fetch polyfill, many mocks). A standard copy takes
    // them as properties of its own instead, as the token must not show through.
    return adopt(new Response(text || null, response), { text, data, url }, true);
  }
}

function adopt(response: Response, read: Read, own: boolean): Response {
  (response as Response & { [READ]: Read })[READ] = read;
  if (!response.headers.has("content-length")) {
    // openapi-fetch parses the text itself when there is no Content-Length (a chunked answer):
    // give it the length of the decoded body, which is no longer compressed.
    const headers = new Headers(response.headers);
    headers.set("content-length", `${new Blob([read.text as string]).size}`);
    headers.delete("content-encoding");
    Object.defineProperty(response, "headers", { value: headers });
  }
  if (own) return Object.defineProperties(response, READERS);
  const prototype = Object.getPrototypeOf(response) as object;
  let front = readable.get(prototype);
  if (!front) {
    front = Object.create(prototype, READERS) as object;
    readable.set(prototype, front);
  }
  Object.setPrototypeOf(response, front);
  if (response.url !== read.url) throw new TypeError("the Response holds its own url");
  return response;
}

/**
 * Wraps `fetch` so that each request is one complete, checked exchange:
 * - the access token is added to the URL at the last moment, so no `Request`, middleware,
 *   `Response.url`, error or hook ever holds it;
 * - the answer and its body must arrive within `timeoutMs`;
 * - a success body is parsed here, once: an empty, HTML or malformed body, or a 2xx body that
 *   is Copernica's `{"error":...}`, becomes a `CopernicaError`;
 * - GET requests are retried on network failures, timeouts, unparseable bodies, 429, 502, 503
 *   and 504, with exponential backoff and full jitter, honouring `Retry-After`;
 * - the caller's `AbortSignal` stops it all, with the caller's own reason.
 * Failures without an HTTP answer surface as `CopernicaError` (never a bare TypeError or
 * DOMException); HTTP failures are answered, for openapi-fetch to hand back as `error`.
 */
export function createTransport(
  options: TransportOptions,
): (request: SentRequest) => Promise<Response> {
  const { accessToken, fetch, timeoutMs = 30_000, retry = {}, hooks = {} } = options;
  const redact = createRedactor(accessToken);
  const tokenParam = `access_token=${encodeURIComponent(accessToken)}`;
  const {
    attempts = 5,
    baseDelayMs = 500,
    maxDelayMs = 30_000,
    maxElapsedMs = 60_000,
  } = retry || {};

  return async (request) => {
    const { method, url: bare, signal: caller } = request;
    const url = redact(bare);
    const target = `${bare}${bare.includes("?") ? "&" : "?"}${tokenParam}`;
    // A Request passed on by middleware carries its init in getters, which `...` cannot copy,
    // and the call's own extra options (openapi-fetch adds them) as properties: `in` reads both.
    let init = request as unknown as Record<string, unknown>;
    if (request instanceof Request) {
      init = {};
      for (const key in request) init[key] = request[key as keyof Request];
    }
    const retries = retry !== false && (method === "GET" || method === "HEAD");
    const began = Date.now();

    for (let attempt = 1; ; attempt++) {
      const event = { method, url, attempt };
      hooks.request?.(event);
      // One controller per attempt, for the timeout and the caller's signal both, let go of
      // when the attempt ends: AbortSignal.timeout and AbortSignal.any signals that fetch
      // listens to stay alive until they fire, or (any) as long as the caller's signal lives.
      const controller = new AbortController();
      const timer = timeoutMs > 0 ? setTimeout(() => controller.abort(), timeoutMs) : undefined;
      const forward = () => controller.abort();
      caller?.addEventListener("abort", forward);
      let failure: CopernicaError;
      let answered: Response | undefined;
      let retryAfter: number | undefined;
      try {
        if (caller?.aborted) throw caller.reason;
        const started = Date.now();
        const response = await fetch(target, { ...init, signal: controller.signal });
        const text = await response.text();
        const { status } = response;
        hooks.response?.({ ...event, status, durationMs: Date.now() - started });
        answered = read(response, text, method, url);
        // Only 429, 502, 503 and 504 may go better on another try.
        if (!retries || (status !== 429 && (status < 502 || status > 504))) return answered;
        failure = httpError(method, url, status, await answered.text());
        retryAfter = retryAfterMs(response.headers.get("retry-after"));
      } catch (error) {
        if (caller?.aborted) throw caller.reason;
        if (error instanceof CopernicaError && error.kind !== "unparseable") throw error;
        // The caller's signal has not fired, so an aborted attempt timed out.
        const timedOut = controller.signal.aborted;
        failure =
          error instanceof CopernicaError
            ? error
            : new CopernicaError(
                timedOut ? "timeout" : "network",
                method,
                url,
                timedOut
                  ? `no complete answer within ${timeoutMs} ms`
                  : "no complete answer from the server",
                { cause: redactError(error, redact) },
              );
      } finally {
        clearTimeout(timer);
        caller?.removeEventListener("abort", forward);
      }

      const delayMs =
        retryAfter ?? Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      if (
        !retries ||
        attempt >= attempts ||
        delayMs > maxDelayMs ||
        Date.now() - began + delayMs > maxElapsedMs
      ) {
        if (answered) return answered;
        throw failure;
      }
      hooks.retry?.({ ...event, delayMs, error: failure });
      await sleep(delayMs, caller);
    }
  };
}
/** Decodes and checks an answer; a success must carry JSON that is not an error. */
function read(response: Response, text: string, method: string, url: string): Response {
  let data: unknown;
  if (response.ok && method !== "HEAD" && response.status !== 204) {
    const problem = (what: string, cause?: unknown) =>
      new CopernicaError("unparseable", method, url, `HTTP ${response.status} with ${what}`, {
        status: response.status,
        cause,
      });
    if (text.trim() === "") throw problem("an empty body");
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw problem(/^\s*</.test(text) ? "HTML instead of JSON" : "invalid JSON", error);
    }
    // JSON.parse makes its objects here, so instanceof Object finds every one.
    if (data instanceof Object && "error" in data && !("data" in data)) {
      throw httpError(method, url, response.status, data);
    }
  }
  return keep(response, text, data, url);
}

/** `Retry-After` in milliseconds: seconds, or an HTTP date. */
function retryAfterMs(value: string | null): number | undefined {
  if (value === null) return undefined;
  const ms = /^\s*\d+\s*$/.test(value) ? Number(value) * 1000 : Date.parse(value) - Date.now();
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

function sleep(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", abort);
      resolve();
    }, ms);
    if (signal?.aborted) abort();
    else signal?.addEventListener("abort", abort, { once: true });
  });
}
