import { CopernicaError, redactError } from "./errors.js";
import { createRedactor } from "./redact.js";

/** The fetch signature openapi-fetch calls: one `Request`, and optional extra init. */
export type FetchLike = (request: Request, init?: RequestInit) => Promise<Response>;

/**
 * Wraps `fetch` so that the access token is added to the URL at the last moment: the
 * `Request` that openapi-fetch builds, passes through middleware and hands back never holds
 * it, the `Response` it returns reports a redacted `url`, and a failure surfaces as a
 * `CopernicaError` with the token removed from it and from its causes.
 */
export function createTransport(accessToken: string, fetchImpl: FetchLike): FetchLike {
  const redact = createRedactor(accessToken);
  const tokenParam = `access_token=${encodeURIComponent(accessToken)}`;

  return async (request, init) => {
    const url = `${request.url}${request.url.includes("?") ? "&" : "?"}${tokenParam}`;
    let response: Response;
    try {
      response = await fetchImpl(new Request(url, request), init);
    } catch (error) {
      if (request.signal.aborted) throw request.signal.reason;
      const safeUrl = redact(request.url);
      throw new CopernicaError(`${request.method} ${safeUrl} failed: no answer from the server`, {
        kind: "network",
        method: request.method,
        url: safeUrl,
        cause: redactError(error, redact),
      });
    }
    if (response.url !== "") {
      const safeUrl = redact(response.url);
      if (safeUrl !== response.url) {
        Object.defineProperty(response, "url", { value: safeUrl, configurable: true });
      }
    }
    return response;
  };
}
