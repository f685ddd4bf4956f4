import { CopernicaError, httpError, redactError } from "./errors.js";
import { createRedactor } from "./redact.js";

/** The fetch signature openapi-fetch calls: one `Request`, and optional extra init. */
export type FetchLike = (request: Request, init?: RequestInit) => Promise<Response>;

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
  /**
   * `fetch` is the standard one (the global fetch, not one the caller passed): it takes a URL
   * and an init, so the transport hands it those instead of a Request it would copy again.
   */
  standardFetch?: boolean | undefined;
  /** How long one attempt (answer and body) may take. Default 30 s; 0 waits forever. */
  timeoutMs?: number | undefined;
  /** Retries of GET requests on network failures, timeouts, 429, 502, 503 and 504; `false` switches them off. */
  retry?: RetryOptions | false | undefined;
  hooks?: Hooks | undefined;
}

const decoder = new TextDecoder();

/**
 * A Response whose body the transport has already read and parsed: openapi-fetch gets the
 * parsed JSON from `json()` instead of parsing it a second time. Its `url` has no token.
 *
 * It holds the bytes it was read from rather than a body stream: creating a stream for every
 * answer (which `new Response(bytes)` does, copying the bytes too) cost a fifth of the time of
 * a 1000-item page (see BENCHMARKS.md). `body` makes a stream of the bytes when asked for one;
 * every reading method answers from them, as often as asked, and so does a clone.
 */
class ReadResponse extends Response {
  readonly #bytes: ArrayBuffer;
  readonly #text: string;
  readonly #data: unknown;
  #stream: ReadableStream<Uint8Array<ArrayBuffer>> | null | undefined;

  constructor(from: Response, bytes: ArrayBuffer, text: string, data: unknown, url: string) {
    const headers = new Headers(from.headers);
    // The body is decoded now: its length is what it is, and it is no longer compressed.
    headers.set("content-length", `${bytes.byteLength}`);
    headers.delete("content-encoding");
    super(null, { status: from.status, statusText: from.statusText, headers });
    this.#bytes = bytes;
    this.#text = text;
    this.#data = data;
    Object.defineProperty(this, "url", { value: url });
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    // An empty body is null, worked out again each time.
    this.#stream ??= this.#bytes.byteLength ? new Blob([this.#bytes]).stream() : null;
    return this.#stream;
  }

  override json(): Promise<unknown> {
    return this.#data === undefined ? this.text().then(JSON.parse) : Promise.resolve(this.#data);
  }

  override text(): Promise<string> {
    return Promise.resolve(this.#text);
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.#bytes.slice(0));
  }

  override bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return Promise.resolve(new Uint8Array(this.#bytes.slice(0)));
  }

  override blob(): Promise<Blob> {
    return Promise.resolve(
      new Blob([this.#bytes], { type: this.headers.get("content-type") ?? "" }),
    );
  }

  /** A copy that reads the same bytes; its `json()` parses them anew, so the two never share objects. */
  override clone(): Response {
    return new ReadResponse(this, this.#bytes, this.#text, undefined, this.url);
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
export function createTransport(options: TransportOptions): FetchLike {
  const { accessToken, fetch: fetchImpl, timeoutMs = 30_000, retry = {}, hooks = {} } = options;
  const redact = createRedactor(accessToken);
  const tokenParam = `access_token=${encodeURIComponent(accessToken)}`;
  const {
    attempts = 5,
    baseDelayMs = 500,
    maxDelayMs = 30_000,
    maxElapsedMs = 60_000,
  } = retry || {};

  return async (request, init) => {
    const { method, signal: caller } = request;
    const url = redact(request.url);
    const target = `${request.url}${request.url.includes("?") ? "&" : "?"}${tokenParam}`;
    const retries = retry !== false && (method === "GET" || method === "HEAD");
    const began = Date.now();

    for (let attempt = 1; ; attempt++) {
      const event = { method, url, attempt };
      hooks.request?.(event);
      const controller = new AbortController();
      let timedOut = false;
      const timer =
        timeoutMs > 0
          ? setTimeout(() => {
              timedOut = true;
              controller.abort();
            }, timeoutMs)
          : undefined;
      const forward = () => controller.abort(caller.reason);
      caller.addEventListener("abort", forward);
      let failure: CopernicaError;
      let answered: Response | undefined;
      let retryAfter: number | undefined;
      try {
        if (caller.aborted) throw caller.reason;
        const started = Date.now();
        const sent = { method, headers: request.headers, signal: controller.signal };
        // A Request with a signal costs tens of microseconds to build, and the standard fetch
        // builds its own from whatever it is given: given a URL and an init, it builds one
        // Request, not two.
        const response = await (options.standardFetch
          ? (fetchImpl as typeof fetch)(target, { ...sent, ...init })
          : fetchImpl(new Request(target, sent), init));
        const bytes = await response.arrayBuffer();
        hooks.response?.({ ...event, status: response.status, durationMs: Date.now() - started });
        answered = read(response, bytes, method, url);
        const { status } = response;
        // Only 429, 502, 503 and 504 may go better on another try.
        if (!retries || (status !== 429 && (status < 502 || status > 504))) return answered;
        failure = httpError(method, url, status, await answered.text());
        retryAfter = retryAfterMs(response.headers.get("retry-after"));
      } catch (error) {
        if (caller.aborted) throw caller.reason;
        if (error instanceof CopernicaError && error.kind !== "unparseable") throw error;
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
        caller.removeEventListener("abort", forward);
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
function read(response: Response, bytes: ArrayBuffer, method: string, url: string): Response {
  const text = decoder.decode(bytes);
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
  return new ReadResponse(response, bytes, text, data, url);
}

/** `Retry-After` in milliseconds: seconds, or an HTTP date. */
function retryAfterMs(value: string | null): number | undefined {
  if (value === null) return undefined;
  const ms = /^\s*\d+\s*$/.test(value) ? Number(value) * 1000 : Date.parse(value) - Date.now();
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", abort);
      resolve();
    }, ms);
    if (signal.aborted) abort();
    else signal.addEventListener("abort", abort, { once: true });
  });
}
