import type { CopernicaClient, operations } from "@copernica-openapi/client";

export interface CallInit {
  headers?: Record<string, string>;
}

/** How one operation is called through the client, with realistic parameters. */
export type Case = (
  client: CopernicaClient,
  init: CallInit,
) => Promise<{ response: Response; data?: unknown; error?: unknown }>;

/**
 * One call per operation of the spec. The type makes a missing operation a compile error;
 * coverage.test.ts checks the same against the bundled spec at run time.
 */
export const cases: { [OperationId in keyof operations]: Case } = {
  getMsImpressions: (client, init) =>
    client.GET("/v3/ms/impressions", {
      ...init,
      params: {
        query: {
          begintime: "2024-01-01 00:00:00",
          endtime: "2024-02-01 00:00:00",
          limit: 1000,
          total: false,
        },
      },
    }),
  getMsClicks: (client, init) =>
    client.GET("/v3/ms/clicks", {
      ...init,
      params: {
        query: { begintime: "2024-03-31 01:30:00", unique: true, start: 1000, limit: 1000 },
      },
    }),
  getMessageEvents: (client, init) =>
    client.GET("/v1/message/{id}/events", {
      ...init,
      params: {
        path: { id: "dkJDF343Df" },
        query: { start: "2017-02-27", end: "2017-03-27", tags: "newsletter;february" },
      },
    }),
  getPublisherDestinationImpressions: (client, init) =>
    client.GET("/v3/publisher/destination/{id}/impressions", {
      ...init,
      params: {
        path: { id: 822758 },
        query: {
          "fields[]": ["timestamp>=2019-01-01", "timestamp<2019-02-01 00:00:00"],
          limit: 500,
        },
      },
    }),
  getPublisherDestinationAbuses: (client, init) =>
    client.GET("/v3/publisher/destination/{id}/abuses", {
      ...init,
      params: { path: { id: "60716" }, query: { "fields[]": ["id>100000"], total: false } },
    }),
};
