import {
  type CopernicaClient,
  type CopernicaClientOptions,
  createCopernicaClient,
  type FetchLike,
} from "@copernica-openapi/client";

/** The access token the contract tests send; Prism accepts any. */
export const TEST_TOKEN = "contract-test-token";

export interface Exchange {
  method: string;
  /** The URL as it went out, access token included. */
  url: string;
  status: number;
  /** What Prism reported wrong with the request or its own response (`sl-violations`). */
  violations: unknown[];
}

/**
 * A client pointed at the mock, whose every request and Prism verdict is recorded. Retries
 * are off unless asked for: a documented 502 example must be one exchange, not five.
 */
export function recordingClient(
  mockUrl: string,
  options: Pick<CopernicaClientOptions, "retry"> = { retry: false },
): {
  client: CopernicaClient;
  exchanges: Exchange[];
} {
  const exchanges: Exchange[] = [];
  const fetch: FetchLike = async (url, init) => {
    const response = await globalThis.fetch(url, init);
    const header = response.headers.get("sl-violations");
    exchanges.push({
      method: init.method ?? "GET",
      url,
      status: response.status,
      violations: header ? (JSON.parse(header) as unknown[]) : [],
    });
    return response;
  };
  return {
    client: createCopernicaClient({ ...options, accessToken: TEST_TOKEN, baseUrl: mockUrl, fetch }),
    exchanges,
  };
}
