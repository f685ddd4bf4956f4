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
 * - `unparseable`: a success status with an empty, HTML or malformed body.
 * - `paging`: the server sent the same page again, so paging would never end.
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
 * Every failure of a Copernica call is an instance of this class. It never holds the access
 * token: `url` and the message have it removed, and so does every error in `cause`.
 */
export class CopernicaError extends Error {
  override name = "CopernicaError";
  /** The HTTP status, when the server answered. */
  readonly status: number | undefined;
  /** What the server said: the `error.message` of its JSON body, or the title of its HTML page. */
  readonly serverMessage: string | undefined;

  constructor(
    readonly kind: CopernicaErrorKind,
    /** The HTTP method of the request. */
    readonly method: string,
    /** The URL of the request, with the access token removed. */
    readonly url: string,
    /** What went wrong, for the message: `${method} ${url} failed: ${problem} (${kind})`. */
    problem: string,
    { status, serverMessage, cause }: CopernicaErrorDetails = {},
  ) {
    super(
      `${method} ${url} failed: ${problem} (${kind})`,
      cause === undefined ? undefined : { cause },
    );
    this.status = status;
    this.serverMessage = serverMessage;
  }

  /** Whether trying again later may succeed (rate limits, server errors, network failures, timeouts). */
  get transient(): boolean {
    return TRANSIENT.includes(this.kind);
  }

  toJSON(): Record<string, unknown> {
    const { name, kind, message, method, url, status, serverMessage } = this;
    return { name, kind, message, method, url, status, serverMessage };
  }
}

/** The kind of an HTTP failure, from its status and, for Copernica's catch-all 400, its message. */
export function kindOf(status: number, message = ""): CopernicaErrorKind {
  if (status >= 500) return "server";
  if (status === 429 || /too many requests|rate.?limit/i.test(message)) return "rate_limited";
  if (status === 401 || status === 403 || /access.?token|unauthori[sz]ed|forbidden/i.test(message))
    return "auth";
  if (status === 404 || /no entity|not found|invalid method/i.test(message)) return "not_found";
  return "invalid_request";
}

/** A CopernicaError for an HTTP answer that failed: Copernica's `{"error":{"message":...}}`, or an HTML page. */
export function httpError(
  method: string,
  url: string,
  status: number,
  body: unknown,
): CopernicaError {
  let serverMessage: string | undefined;
  if (typeof body === "string") {
    const text = (/<title[^>]*>([^<]*)/i.exec(body)?.[1] ?? body.replace(/<[^>]*>/g, " "))
      .replace(/\s+/g, " ")
      .trim();
    serverMessage = text.slice(0, 200) || undefined;
  } else {
    const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
    serverMessage = typeof message === "string" ? message : undefined;
  }
  const kind = kindOf(status, serverMessage);
  return new CopernicaError(
    kind,
    method,
    url,
    `HTTP ${status}${serverMessage ? ` ${serverMessage}` : ""}`,
    {
      status,
      serverMessage,
    },
  );
}

const MAX_CAUSE_DEPTH = 5;

/**
 * Copies an error (and its `cause` chain) into plain `Error`s whose messages, stacks and
 * string properties have passed through `redact`. Lower layers (fetch implementations, DNS
 * and TLS errors) may put the request URL, and so the token, into any of those.
 */
export function redactError(error: unknown, redact: Redactor, depth = 0): unknown {
  if (!(error instanceof Error)) {
    return typeof error === "string" ? redact(error) : error;
  }
  const copy = new Error(redact(error.message));
  copy.name = error.name;
  copy.stack = error.stack === undefined ? `${copy.name}: ${copy.message}` : redact(error.stack);
  for (const [key, value] of Object.entries(error)) {
    if (typeof value === "string") Object.assign(copy, { [key]: redact(value) });
    else if (typeof value === "number" || typeof value === "boolean")
      Object.assign(copy, { [key]: value });
  }
  if (error.cause !== undefined && depth < MAX_CAUSE_DEPTH) {
    Object.defineProperty(copy, "cause", {
      value: redactError(error.cause, redact, depth + 1),
      configurable: true,
      writable: true,
    });
  }
  return copy;
}
