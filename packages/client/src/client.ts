import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./generated/openapi.js";
import { createTransport, type FetchLike } from "./transport.js";

export const DEFAULT_BASE_URL = "https://api.copernica.com";

export interface CopernicaClientOptions {
  /** The access token of an application linked to your Copernica account. */
  accessToken: string;
  /**
   * Where the API lives, without the version: the version is part of every path
   * (`/v3/ms/clicks`). Defaults to `https://api.copernica.com`; point it at a mock server
   * (`http://127.0.0.1:4010`) or a proxy.
   */
  baseUrl?: string;
  /** A `fetch` to send requests with instead of the global one (for proxies, tests, tracing). */
  fetch?: FetchLike;
}

/** An openapi-fetch client typed by Copernica's OpenAPI description. */
export type CopernicaClient = Client<paths>;

/**
 * Creates a client for Copernica's statistics API. Every request carries the access token;
 * `fields[]` filters are sent as the API expects them (the key repeated, each value
 * percent-encoded).
 *
 * @example
 * const copernica = createCopernicaClient({ accessToken: process.env.COPERNICA_TOKEN! });
 * const { data, error } = await copernica.GET("/v3/ms/clicks", {
 *   params: { query: { begintime: "2024-01-01 00:00:00", unique: true } },
 * });
 */
export function createCopernicaClient(options: CopernicaClientOptions): CopernicaClient {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("createCopernicaClient: pass an options object: { accessToken }");
  }
  const { accessToken, baseUrl = DEFAULT_BASE_URL, fetch: fetchImpl = globalThis.fetch } = options;
  if (typeof accessToken !== "string" || accessToken.trim() === "") {
    throw new TypeError(
      "createCopernicaClient: accessToken must be a non-empty string (the access token from the Copernica dashboard)",
    );
  }
  if (typeof fetchImpl !== "function") {
    throw new TypeError(
      "createCopernicaClient: no fetch available; pass options.fetch, or run on Node 20.19+ or a browser",
    );
  }
  return createClient<paths>({
    baseUrl: checkBaseUrl(baseUrl),
    fetch: createTransport(accessToken, fetchImpl),
  });
}

function checkBaseUrl(baseUrl: unknown): string {
  let url: URL;
  try {
    url = new URL(String(baseUrl));
  } catch {
    throw new TypeError(
      `createCopernicaClient: baseUrl must be an absolute http(s) URL such as ${DEFAULT_BASE_URL}, got ${JSON.stringify(baseUrl)}`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(
      `createCopernicaClient: baseUrl must use http or https, got ${JSON.stringify(url.protocol)}`,
    );
  }
  if (url.search !== "" || url.hash !== "") {
    throw new TypeError(
      "createCopernicaClient: baseUrl must not have a query or fragment; pass the access token as accessToken",
    );
  }
  return url.href.replace(/\/+$/, "");
}
