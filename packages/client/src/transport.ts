import { CopernicaError, httpError, redactError } from "./errors.js";
import { createRedactor, type Redactor } from "./redact.js";

/**
 * The fetch the client sends with: the standard signature, called with the URL (access token
 * included) and an init. `globalThis.fetch` is one; so is a wrapper that adds a proxy agent.
 * It must pass `init.signal` on: timeouts and aborts stop a request through it.
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

/**
 * Called for every attempt, answer and retry; none of them ever sees the access token. A hook
 * that throws fails the call with its own error, and nothing is retried.
 */
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
 * The mark of a call whose data the client takes from the transport (see
 * createCopernicaClient): the transport parses every body to check it, and openapi-fetch,
 * asked for the body as a stream, leaves it alone. Its value is the call's own slot, where the
 * transport puts the data of the success. Only a plain request carries it: openapi-fetch
 * copies no symbol onto a Request.
 */
export const HAND_OVER = Symbol();
export type Slot = { data?: unknown };

/** The Response with the URL of the request, without the token, in place of fetch's. */
const named = (response: Response, url: string) =>
  Object.defineProperty(response, "url", { value: url });

/**
 * A Response over `text` for openapi-fetch (or middleware) to read: the status and headers of
 * the answer, with those that describe the body made to describe `text`.
 */
function copyOf(response: Response, text: string, url: string): Response {
  const copy = new Response(text || null, response);
  copy.headers.delete("content-encoding");
  copy.headers.set("content-length", `${new Blob([text]).size}`);
  return named(copy, url);
}

/** A failure's body as openapi-fetch hands it out: parsed when it is JSON, else the text. */
function bodyOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
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
    let init: Record<string, unknown> = {};
    let handOver: Slot | undefined;
    if (request instanceof Request) {
      // A Request passed on by middleware carries its init in getters, which `...` cannot copy,
      // and the call's own extra options (openapi-fetch adds them) as own properties: `in`
      // reads both (and the methods of Request, which are no init).
      for (const key in request) {
        const value = request[key as keyof Request];
        if (typeof value !== "function" || Object.hasOwn(request, key)) init[key] = value;
      }
    } else {
      const {
        url: _,
        headers,
        [HAND_OVER]: mark,
        ...rest
      } = request as SentRequest & {
        [HAND_OVER]?: Slot;
      };
      init = rest;
      handOver = mark;
      // openapi-fetch always sends a Headers, most often an empty one, which cost fetch a
      // twentieth of a small request (packages/benchmarks).
      if (!headers.keys().next().done) init.headers = headers;
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
      let status: number | undefined;
      let durationMs = 0;
      try {
        if (caller?.aborted) throw caller.reason;
        const started = Date.now();
        const response = await fetch(target, { ...init, signal: controller.signal });
        let text = await response.text();
        ({ status } = response);
        durationMs = Date.now() - started;
        const data = read(response, text, method, url, redact);
        if (response.ok) {
          // The client takes the data of a marked call, and hands back the Response, its body
          // read. Any other success goes to openapi-fetch to read: a copy over the text.
          if (handOver) {
            let answer: Response;
            try {
              // An answer without a body (HEAD, 204) can still be cloned, and a clone has the
              // url fetch was given, token included: a copy has none.
              answer = text ? named(response, url) : copyOf(response, text, url);
            } catch {
              // A frozen Response cannot take the url: a copy can.
              answer = copyOf(response, text, url);
            }
            handOver.data = data;
            return answer;
          }
        } else {
          // A failure's page may quote the URL, and so the token.
          text = redact(text);
        }
        answered = copyOf(response, text, url);
        // Only 429, 502, 503 and 504 may go better on another try.
        if (!retries || (status !== 429 && (status < 502 || status > 504))) return answered;
        failure = httpError(method, url, status, bodyOf(text));
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
        // Here, so that a hook that throws fails the call with its own error, unretried.
        if (status !== undefined) hooks.response?.({ ...event, status, durationMs });
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
/** The data of an answer, checked: a success must carry JSON that is not an error. */
function read(
  response: Response,
  text: string,
  method: string,
  url: string,
  redact: Redactor,
): unknown {
  let data: unknown;
  if (response.ok && method !== "HEAD" && response.status !== 204) {
    const problem = (what: string) =>
      new CopernicaError("unparseable", method, url, `HTTP ${response.status} with ${what}`, {
        status: response.status,
      });
    if (text.trim() === "") throw problem("an empty body");
    try {
      data = JSON.parse(text);
    } catch {
      // Without the parser's error as the cause: it quotes a piece of the body, which may hold
      // a piece of the token, too short to be found and taken out.
      throw problem(/^\s*</.test(text) ? "HTML instead of JSON" : "invalid JSON");
    }
    // JSON.parse makes its objects here, so instanceof Object finds every one.
    if (data instanceof Object && "error" in data && !("data" in data)) {
      // Read as a failure's body is: from the text with the token taken out.
      throw httpError(method, url, response.status, bodyOf(redact(text)));
    }
  }
  return data;
}

/** `Retry-After` in milliseconds: seconds, or an HTTP date. */
function retryAfterMs(value: string | null): number | undefined {
  if (value === null) return undefined;
  // An HTTP date has the names of a day and a month: Date.parse reads "1.5" or "-5" as dates too.
  const ms = /^\s*\d+\s*$/.test(value)
    ? Number(value) * 1000
    : Date.parse(/[a-z]/i.test(value) ? value : "") - Date.now();
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
