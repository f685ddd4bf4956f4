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
  getMsAbuses: (client, init) =>
    client.GET("/v3/ms/abuses", {
      ...init,
      params: { query: { begintime: "2019-03-01 00:00:00", endtime: "2019-04-01 00:00:00" } },
    }),
  getMsDeliveries: (client, init) =>
    client.GET("/v3/ms/deliveries", {
      ...init,
      params: { query: { begintime: "2014-11-06 00:00:00", limit: 1000, total: false } },
    }),
  getMsErrors: (client, init) =>
    client.GET("/v3/ms/errors", {
      ...init,
      params: { query: { endtime: "2015-04-01 00:00:00", start: 100, limit: 100 } },
    }),
  getMsUnsubscribes: (client, init) =>
    client.GET("/v3/ms/unsubscribes", {
      ...init,
      params: { query: { begintime: "2015-06-01 00:00:00", unique: true } },
    }),
  getMsEmailingAbuses: (client, init) =>
    client.GET("/v3/ms/emailing/{id}/abuses", {
      ...init,
      params: { path: { id: 233482 }, query: { total: false } },
    }),
  getMsEmailingClicks: (client, init) =>
    client.GET("/v3/ms/emailing/{id}/clicks", {
      ...init,
      params: {
        path: { id: "2" },
        query: { begintime: "2014-10-01 00:00:00", endtime: "2014-11-01 00:00:00", unique: false },
      },
    }),
  getMsEmailingDeliveries: (client, init) =>
    client.GET("/v3/ms/emailing/{id}/deliveries", {
      ...init,
      params: { path: { id: 33 }, query: { start: 1000, limit: 1000, total: false } },
    }),
  getMsEmailingErrors: (client, init) =>
    client.GET("/v3/ms/emailing/{id}/errors", {
      ...init,
      params: { path: { id: 234 }, query: { begintime: "2015-03-09 00:00:00" } },
    }),
  getMsEmailingImpressions: (client, init) =>
    client.GET("/v3/ms/emailing/{id}/impressions", {
      ...init,
      params: { path: { id: "412" }, query: { endtime: "2014-10-10 00:00:00", limit: 250 } },
    }),
  getMsEmailingUnsubscribes: (client, init) =>
    client.GET("/v3/ms/emailing/{id}/unsubscribes", {
      ...init,
      params: { path: { id: 466 }, query: { unique: true, total: false } },
    }),
  getMsEmailingStatistics: (client, init) =>
    client.GET("/v3/ms/emailing/{id}/statistics", {
      ...init,
      params: {
        path: { id: 466 },
        query: { begintime: "2019-01-01 00:00:00", endtime: "2019-02-01 00:00:00" },
      },
    }),
  getMsDestinationAbuses: (client, init) =>
    client.GET("/v3/ms/destination/{id}/abuses", {
      ...init,
      params: { path: { id: 1264524 } },
    }),
  getMsDestinationClicks: (client, init) =>
    client.GET("/v3/ms/destination/{id}/clicks", {
      ...init,
      params: { path: { id: "783919" }, query: { unique: true, limit: 10 } },
    }),
  getMsDestinationDeliveries: (client, init) =>
    client.GET("/v3/ms/destination/{id}/deliveries", {
      ...init,
      params: { path: { id: 312 }, query: { begintime: "2014-11-01 00:00:00" } },
    }),
  getMsDestinationErrors: (client, init) =>
    client.GET("/v3/ms/destination/{id}/errors", {
      ...init,
      params: { path: { id: 764416 }, query: { total: false } },
    }),
  getMsDestinationImpressions: (client, init) =>
    client.GET("/v3/ms/destination/{id}/impressions", {
      ...init,
      params: {
        path: { id: 112 },
        query: { begintime: "2014-10-09 00:00:00", endtime: "2014-10-10 00:00:00" },
      },
    }),
  getMsDestinationUnsubscribes: (client, init) =>
    client.GET("/v3/ms/destination/{id}/unsubscribes", {
      ...init,
      params: { path: { id: "783919" }, query: { unique: false, start: 0, limit: 1 } },
    }),
  getMsDestinationStatistics: (client, init) =>
    client.GET("/v3/ms/destination/{id}/statistics", {
      ...init,
      params: { path: { id: 735929 }, query: { begintime: "2015-06-08 00:00:00" } },
    }),
  getMsTemplateStatistics: (client, init) =>
    client.GET("/v3/ms/template/{id}/statistics", {
      ...init,
      params: {
        path: { id: "412" },
        query: { begintime: "2019-01-01 00:00:00", endtime: "2019-02-01 00:00:00" },
      },
    }),
  getPublisherAbuses: (client, init) =>
    client.GET("/v3/publisher/abuses", {
      ...init,
      params: { query: { "fields[]": ["timestamp>=2009-12-01", "timestamp<2010-01-01"] } },
    }),
  getPublisherClicks: (client, init) =>
    client.GET("/v3/publisher/clicks", {
      ...init,
      params: { query: { "fields[]": ["id>19430"], limit: 1000, total: false } },
    }),
  getPublisherDeliveries: (client, init) =>
    client.GET("/v3/publisher/deliveries", {
      ...init,
      params: { query: { "fields[]": ["id>0", "timestamp>2010-01-04 00:00:00"], limit: 1000 } },
    }),
  getPublisherErrors: (client, init) =>
    client.GET("/v3/publisher/errors", {
      ...init,
      params: { query: { "fields[]": ["timestamp=~2008-06-%"], start: 0, limit: 100 } },
    }),
  getPublisherImpressions: (client, init) =>
    client.GET("/v3/publisher/impressions", {
      ...init,
      params: { query: { "fields[]": ["id>=44807"], total: false } },
    }),
  getPublisherUnsubscribes: (client, init) =>
    client.GET("/v3/publisher/unsubscribes", {
      ...init,
      params: { query: { "fields[]": ["timestamp<=2011-11-30 23:59:59"] } },
    }),
  getPublisherEmailingAbuses: (client, init) =>
    client.GET("/v3/publisher/emailing/{id}/abuses", {
      ...init,
      params: { path: { id: 613 }, query: { "fields[]": ["id>100000"] } },
    }),
  getPublisherEmailingClicks: (client, init) =>
    client.GET("/v3/publisher/emailing/{id}/clicks", {
      ...init,
      params: {
        path: { id: "1914" },
        query: { "fields[]": ["timestamp>2010-11-01", "timestamp<2010-12-01"], limit: 1000 },
      },
    }),
  getPublisherEmailingDeliveries: (client, init) =>
    client.GET("/v3/publisher/emailing/{id}/deliveries", {
      ...init,
      params: { path: { id: 671 }, query: { start: 2000, limit: 1000, total: false } },
    }),
  getPublisherEmailingErrors: (client, init) =>
    client.GET("/v3/publisher/emailing/{id}/errors", {
      ...init,
      params: { path: { id: 401 }, query: { "fields[]": ["timestamp!~2008-06-25%"] } },
    }),
  getPublisherEmailingImpressions: (client, init) =>
    client.GET("/v3/publisher/emailing/{id}/impressions", {
      ...init,
      params: { path: { id: 1328 }, query: { "fields[]": ["id>44000"], total: false } },
    }),
  getPublisherEmailingUnsubscribes: (client, init) =>
    client.GET("/v3/publisher/emailing/{id}/unsubscribes", {
      ...init,
      params: { path: { id: "42341" } },
    }),
  getPublisherEmailingStatistics: (client, init) =>
    client.GET("/v3/publisher/emailing/{id}/statistics", {
      ...init,
      params: {
        path: { id: 1328 },
        query: { begintime: "2010-07-01 00:00:00", endtime: "2010-08-01 00:00:00" },
      },
    }),
  getPublisherDestinationClicks: (client, init) =>
    client.GET("/v3/publisher/destination/{id}/clicks", {
      ...init,
      params: { path: { id: 823456 }, query: { "fields[]": ["timestamp>=2010-11-03"] } },
    }),
  getPublisherDestinationDeliveries: (client, init) =>
    client.GET("/v3/publisher/destination/{id}/deliveries", {
      ...init,
      params: { path: { id: "57092" }, query: { limit: 10 } },
    }),
  getPublisherDestinationErrors: (client, init) =>
    client.GET("/v3/publisher/destination/{id}/errors", {
      ...init,
      params: { path: { id: 54215 }, query: { "fields[]": ["id>15"], total: false } },
    }),
  getPublisherDestinationUnsubscribes: (client, init) =>
    client.GET("/v3/publisher/destination/{id}/unsubscribes", {
      ...init,
      params: { path: { id: 847259 }, query: { "fields[]": ["timestamp<>2011-11-09 12:42:35"] } },
    }),
  getPublisherDestinationStatistics: (client, init) =>
    client.GET("/v3/publisher/destination/{id}/statistics", {
      ...init,
      params: { path: { id: "893915" } },
    }),
  getPublisherTestgroupAbuses: (client, init) =>
    client.GET("/v3/publisher/testgroup/{id}/abuses", {
      ...init,
      params: { path: { id: 2517 }, query: { limit: 1000 } },
    }),
  getPublisherTestgroupClicks: (client, init) =>
    client.GET("/v3/publisher/testgroup/{id}/clicks", {
      ...init,
      params: { path: { id: 2517 }, query: { unique: true, total: false } },
    }),
  getPublisherTestgroupDeliveries: (client, init) =>
    client.GET("/v3/publisher/testgroup/{id}/deliveries", {
      ...init,
      params: { path: { id: "2517" }, query: { start: 100, limit: 100 } },
    }),
  getPublisherTestgroupErrors: (client, init) =>
    client.GET("/v3/publisher/testgroup/{id}/errors", {
      ...init,
      params: { path: { id: 2518 } },
    }),
  getPublisherTestgroupImpressions: (client, init) =>
    client.GET("/v3/publisher/testgroup/{id}/impressions", {
      ...init,
      params: { path: { id: 2518 }, query: { unique: true, limit: 500 } },
    }),
  getPublisherTestgroupUnsubscribes: (client, init) =>
    client.GET("/v3/publisher/testgroup/{id}/unsubscribes", {
      ...init,
      params: { path: { id: "2518" }, query: { total: false } },
    }),
  getPublisherTestgroupStatistics: (client, init) =>
    client.GET("/v3/publisher/testgroup/{id}/statistics", {
      ...init,
      params: {
        path: { id: 2517 },
        query: { begintime: "2024-05-01 00:00:00", endtime: "2024-05-08 00:00:00" },
      },
    }),
  getPublisherDocumentStatistics: (client, init) =>
    client.GET("/v3/publisher/document/{id}/statistics", {
      ...init,
      params: {
        path: { id: 3861 },
        query: {
          begintime: "2024-01-01 00:00:00",
          type: "mass",
          followups: "no",
          test: "no",
          mindestinations: 100,
          maxdestinations: 50000,
        },
      },
    }),
};
