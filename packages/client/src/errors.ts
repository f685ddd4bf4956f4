import type { Redactor } from "./redact.js";

/**
 * What went wrong, in the categories an integration handles differently:
 * - `network`: no HTTP answer (connection refused or reset, DNS failure, TLS failure).
 */
export type CopernicaErrorKind = "network";

export interface CopernicaErrorDetails {
  kind: CopernicaErrorKind;
  /** The HTTP method of the request. */
  method: string;
  /** The URL of the request, with the access token replaced by `[REDACTED]`. */
  url: string;
  /** The HTTP status, when the server answered. */
  status?: number;
  /** The lower-level error, copied with the access token removed from every message and stack. */
  cause?: unknown;
}

/** Every failure of a Copernica call is an instance of this class. It never holds the access token. */
export class CopernicaError extends Error {
  override name = "CopernicaError";
  readonly kind: CopernicaErrorKind;
  readonly method: string;
  readonly url: string;
  readonly status: number | undefined;

  constructor(message: string, details: CopernicaErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = details.kind;
    this.method = details.method;
    this.url = details.url;
    this.status = details.status;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      method: this.method,
      url: this.url,
      status: this.status,
    };
  }
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
      enumerable: false,
      configurable: true,
      writable: true,
    });
  }
  return copy;
}
