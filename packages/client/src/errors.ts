import type { Redactor } from "./redact.js";

/**
 * What went wrong, in the categories an integration handles differently. Copernica answers
 * nearly every failure with HTTP 400, so the kind comes from the status and the message.
 * - `auth`: the access token is missing, wrong or revoked (`Invalid access token`).
 * - `not_found`: the ID or the path does not exist (`No entity with supplied ID`, `Invalid method`).
 * - `invalid_request`: a parameter Copernica (or this client, before sending) refuses.
 * - `rate_limited`: HTTP 429.
 * - `server`: HTTP 5xx, such as the load balancer's 502, 503 and 504 pages.
 * - `network`: no complete answer: connection refused or reset, DNS, TLS, a body cut off.
 * - `timeout`: no complete answer within `timeoutMs`.
 * - `unparseable`: a success status with an empty, HTML or malformed body, or a body without the
 *   shape the call has (a list without `data`, an item without a numeric `ID`). An unreadable
 *   body is retried like a network failure; `transient` is false all the same, since the answer
 *   that is left is one the server gave every time it was asked.
 * - `paging`: the pages cannot be read through: the server sent a page it had sent before,
 *   or (`paginateById`) a page out of ascending ID order, or a full page with no newer ID.
 */
export type CopernicaErrorKind =
  | "auth"
  | "not_found"
  | "invalid_request"
  | "rate_limited"
  | "server"
  | "network"
  | "timeout"
  | "unparseable"
  | "paging";

export interface CopernicaErrorDetails {
  /** The HTTP status, when the server answered. */
  status?: number | undefined;
  /** What the server said: the `error.message` of its JSON body, or the title of its HTML page. */
  serverMessage?: string | undefined;
  /** The lower-level error, copied with the access token removed from every message and stack. */
  cause?: unknown;
}

const TRANSIENT = ["rate_limited", "server", "network", "timeout"];

/**
 * Every failure of a Copernica request is an instance of this class (an abort rejects with the
 * signal's reason, and a hook's own error passes through). It never holds the access token:
 * `url` and the message have it removed, and so does every error in `cause`.
 */
export class CopernicaError extends Error {
  declare readonly kind: CopernicaErrorKind;
  /** The HTTP method of the request. */
  declare readonly method: string;
  /** The URL of the request, with the access token removed. */
  declare readonly url: string;
  /** The HTTP status, when the server answered. */
  declare readonly status: number | undefined;
  /** What the server said: the `error.message` of its JSON body, or the title of its HTML page. */
  declare readonly serverMessage: string | undefined;

  constructor(
    kind: CopernicaErrorKind,
    method: string,
    url: string,
    /** What went wrong, for the message: `${method} ${url} failed: ${problem} (${kind})`. */
    problem: string,
    { status, serverMessage, cause }: CopernicaErrorDetails = {},
  ) {
    super(
      `${method} ${url} failed: ${problem} (${kind})`,
      cause === undefined ? undefined : { cause },
    );
    Object.assign(this, { kind, method, url, name: "CopernicaError", status, serverMessage });
  }

  /** Whether trying again later may succeed (rate limits, server errors, network failures, timeouts). */
  get transient(): boolean {
    return TRANSIENT.includes(this.kind);
  }

  /** The fields above with `name` and `message`: never the `cause` or the stack. */
  toJSON(): Pick<
    CopernicaError,
    "name" | "kind" | "message" | "method" | "url" | "status" | "serverMessage"
  > {
    return { ...this, message: this.message };
  }
}

/**
 * The kind of an HTTP failure: from its status where the status says it, and from the message
 * for Copernica's catch-all 400 (and a 2xx error body). A message may quote the request's URL,
 * so only words of a message count (`access token`, not the `access_token` parameter).
 */
export function kindOf(status: number, message = ""): CopernicaErrorKind {
  if (status >= 500) return "server";
  if (status === 429) return "rate_limited";
  if (status === 401 || status === 403) return "auth";
  if (status === 404) return "not_found";
  if (/too many requests|rate limit/i.test(message)) return "rate_limited";
  if (/access token|unauthori[sz]ed|forbidden/i.test(message)) return "auth";
  if (/no entity|not found|invalid method/i.test(message)) return "not_found";
  return "invalid_request";
}

/** A CopernicaError for an HTTP answer that failed: Copernica's `{"error":{"message":...}}`, or an HTML page. */
export function httpError(
  method: string,
  url: string,
  status: number,
  body: unknown,
): CopernicaError {
  const found =
    typeof body === "string"
      ? (/<title[^>]*>([^<]*)/i.exec(body)?.[1] ?? body.replace(/<[^>]*>/g, " "))
          .replace(/\s+/g, " ")
          .trim()
          .slice(0, 200) || undefined
      : (body as { error?: { message?: unknown } } | undefined)?.error?.message;
  const serverMessage = typeof found === "string" ? found : undefined;
  return new CopernicaError(
    kindOf(status, serverMessage),
    method,
    url,
    `HTTP ${status}${serverMessage ? ` ${serverMessage}` : ""}`,
    { status, serverMessage },
  );
}

/**
 * Copies an error (and its `cause` chain) into plain `Error`s whose messages, stacks and
 * string properties have passed through `redact`. Lower layers (fetch implementations, DNS
 * and TLS errors) may put the request URL, and so the token, into any of those. It follows
 * `cause` five errors deep. Anything thrown that is not an Error becomes its text, redacted.
 */
export function redactError(error: unknown, redact: Redactor, depth = 0): unknown {
  // Anything else thrown (an object, a Response) is kept as its text, which can be redacted; an
  // object without a prototype has none, and String() would throw.
  if (!(error instanceof Error)) {
    try {
      return redact(String(error));
    } catch {
      return "[object Object]";
    }
  }
  const { cause, message, name, stack } = error;
  const copy = new Error(
    redact(message),
    cause === undefined || depth >= 5
      ? undefined
      : { cause: redactError(cause, redact, depth + 1) },
  ) as Error & Record<string, unknown>;
  copy.name = name;
  copy.stack = redact(stack ?? `${name}: ${message}`);
  for (const [key, value] of Object.entries(error)) {
    if (typeof value !== "object" && typeof value !== "function")
      copy[key] = typeof value === "string" ? redact(value) : value;
  }
  return copy;
}
