import { createCopernicaClient, type paths } from "@copernica-openapi/client";
import createClient from "openapi-fetch";
import { type CompareOptions, type Comparison, compare } from "./harness.js";
import { startPageServer } from "./server.js";

export const TOKEN = "bench-token";

export interface RequestResults {
  /** The body size of each page, in bytes. */
  bytes: { tiny: number; large: number };
  tiny: Comparison;
  large: Comparison;
}

function expectItems(count: number, data: { data: unknown[] } | undefined): void {
  if (data?.data.length !== count)
    throw new Error(`expected ${count} items, got ${data?.data.length}`);
}

/**
 * Per-request overhead: one GET of `/v3/ms/clicks` by raw `fetch` + `JSON.parse` (the
 * baseline), by plain openapi-fetch, and by the Copernica client with its defaults (timeout,
 * retries, parameter checks), against a node:http server in another process. A tiny page
 * (1 click) shows the fixed cost per request; a 1000-click page the cost that grows with it.
 */
export async function benchRequests(options: {
  tiny: CompareOptions;
  large: CompareOptions;
}): Promise<RequestResults> {
  const server = await startPageServer(1000);
  try {
    const copernica = createCopernicaClient({ accessToken: TOKEN, baseUrl: server.url });
    const plain = createClient<paths>({ baseUrl: server.url });
    const variants = (limit: number) => [
      {
        name: "raw fetch + JSON.parse",
        run: async () => {
          const response = await fetch(
            `${server.url}/v3/ms/clicks?access_token=${TOKEN}&limit=${limit}&total=false`,
          );
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          expectItems(limit, JSON.parse(await response.text()));
        },
      },
      {
        // What a timeout costs on its own, made as the client makes its default one: a
        // controller per request, aborted by a 30 s timer that is cleared once the body is in.
        name: "raw fetch + timeout signal",
        run: async () => {
          const controller = new AbortController();
          const timer = setTimeout(() => controller.abort(), 30_000);
          try {
            const response = await fetch(
              `${server.url}/v3/ms/clicks?access_token=${TOKEN}&limit=${limit}&total=false`,
              { signal: controller.signal },
            );
            if (!response.ok) throw new Error(`HTTP ${response.status}`);
            expectItems(limit, JSON.parse(await response.text()));
          } finally {
            clearTimeout(timer);
          }
        },
      },
      {
        name: "openapi-fetch",
        run: async () => {
          const { data } = await plain.GET("/v3/ms/clicks", {
            // openapi-fetch knows nothing of the token: it goes in as one more query parameter.
            params: { query: { limit, total: false, access_token: TOKEN } as { limit: number } },
          });
          expectItems(limit, data);
        },
      },
      {
        // The two together: what any client on openapi-fetch with a timeout pays before it
        // does anything of its own.
        name: "openapi-fetch + timeout signal",
        run: async () => {
          const controller = new AbortController();
          const timer = setTimeout(() => controller.abort(), 30_000);
          try {
            const { data } = await plain.GET("/v3/ms/clicks", {
              params: { query: { limit, total: false, access_token: TOKEN } as { limit: number } },
              signal: controller.signal,
            });
            expectItems(limit, data);
          } finally {
            clearTimeout(timer);
          }
        },
      },
      {
        name: "copernica.GET",
        run: async () => {
          const { data } = await copernica.GET("/v3/ms/clicks", {
            params: { query: { limit, total: false } },
          });
          expectItems(limit, data);
        },
      },
    ];
    const bytes = async (limit: number) =>
      (
        await (
          await fetch(`${server.url}/v3/ms/clicks?access_token=${TOKEN}&limit=${limit}&total=false`)
        ).arrayBuffer()
      ).byteLength;
    return {
      bytes: { tiny: await bytes(1), large: await bytes(1000) },
      tiny: await compare(variants(1), options.tiny),
      large: await compare(variants(1000), options.large),
    };
  } finally {
    await server.close();
  }
}
