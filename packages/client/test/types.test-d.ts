import type { Client } from "openapi-fetch";
import { assertType, describe, expectTypeOf, test } from "vitest";
import {
  type CopernicaClient,
  type CopernicaError,
  type CopernicaErrorKind,
  createCopernicaClient,
  type ListPath,
  type MessageEvent,
  type MsClick,
  type MsClickPage,
  type MsImpression,
  messageEvents,
  type PublisherAbuse,
  type PublisherImpression,
  paginateById,
  type paths,
} from "../src/index.js";

const copernica: CopernicaClient = createCopernicaClient({ accessToken: "token" });

describe("paths and parameters", () => {
  test("a documented path with valid parameters compiles", () => {
    assertType(copernica.GET("/v3/ms/impressions"));
    assertType(
      copernica.GET("/v3/ms/clicks", {
        params: {
          query: { begintime: "2024-01-01 00:00:00", unique: true, limit: 1000, total: false },
        },
      }),
    );
    assertType(
      copernica.GET("/v3/publisher/destination/{id}/impressions", {
        params: { path: { id: 822758 }, query: { "fields[]": ["timestamp>2019-01-01"] } },
      }),
    );
    assertType(
      copernica.GET("/v3/publisher/destination/{id}/abuses", { params: { path: { id: "60716" } } }),
    );
    assertType(
      copernica.GET("/v1/message/{id}/events", {
        params: { path: { id: "dkJDF343Df" }, query: { start: "2017-02-27", tags: "a;b" } },
      }),
    );
  });

  test("a path the API does not have is a compile error", () => {
    // @ts-expect-error not a path of the API
    assertType(copernica.GET("/v3/ms/opens"));
  });

  test("a wrong parameter type is a compile error", () => {
    const id = { id: 1 };
    // @ts-expect-error limit is a number
    assertType(copernica.GET("/v3/ms/clicks", { params: { query: { limit: "1000" } } }));
    // @ts-expect-error unique is a boolean
    assertType(copernica.GET("/v3/ms/clicks", { params: { query: { unique: "yes" } } }));
    const notAnArray = { path: id, query: { "fields[]": "id>1" } };
    // @ts-expect-error fields[] is an array of conditions
    assertType(copernica.GET("/v3/publisher/destination/{id}/abuses", { params: notAnArray }));
    // @ts-expect-error the v1 message id is a string
    assertType(copernica.GET("/v1/message/{id}/events", { params: { path: { id: 5 } } }));
  });

  test("a misspelt or misplaced key of an init written in place is a compile error", () => {
    const signal = new AbortController().signal;
    // @ts-expect-error params, not parms
    assertType(copernica.get("/v3/ms/clicks", { signal, parms: { query: { limit: 5 } } }));
    // @ts-expect-error query, not querry
    assertType(copernica.get("/v3/ms/clicks", { params: { querry: { limit: 5 } } }));
    assertType(
      copernica.paginate("/v3/publisher/destination/{id}/abuses", {
        params: { path: { id: 1 } },
        // @ts-expect-error after belongs to paginateById
        after: 5,
      }),
    );
    assertType(
      paginateById(copernica, "/v3/publisher/destination/{id}/abuses", {
        // @ts-expect-error query, not querry
        params: { path: { id: 1 }, querry: { "fields[]": ["timestamp>2024-01-01"] } },
      }),
    );
  });

  test("the client is an openapi-fetch client, and an init may be undefined", () => {
    assertType<Client<paths>>(copernica);
    assertType(copernica.GET("/v3/ms/clicks", undefined));
    assertType(copernica.get("/v3/ms/clicks", undefined));
    assertType(copernica.paginate("/v3/ms/clicks", undefined));
  });

  test("a parameter the operation does not take is a compile error", () => {
    const filter = { "fields[]": ["id>1"] };
    // @ts-expect-error Marketing Suite impressions take no fields[] filter
    assertType(copernica.GET("/v3/ms/impressions", { params: { query: filter } }));
    // @ts-expect-error the destination id is required
    assertType(copernica.GET("/v3/publisher/destination/{id}/impressions", {}));
  });
});

describe("answers", () => {
  test("data is typed by the operation's schema", async () => {
    const { data } = await copernica.GET("/v3/publisher/destination/{id}/impressions", {
      params: { path: { id: 1 } },
    });
    expectTypeOf(data).toEqualTypeOf<
      | {
          start: number;
          limit: number;
          count: number;
          total?: number;
          data: PublisherImpression[];
        }
      | undefined
    >();
    const item = data?.data[0];
    if (item) {
      expectTypeOf(item.device).toEqualTypeOf<"desktop" | "tablet" | "mobile" | "unknown">();
      expectTypeOf(item.subprofile).toEqualTypeOf<string | null>();
      expectTypeOf(item.ID).toEqualTypeOf<string>();
    }
  });

  test("the error is Copernica's error body", async () => {
    const { error } = await copernica.GET("/v3/ms/clicks");
    if (error && typeof error === "object") {
      expectTypeOf(error.error.message).toEqualTypeOf<string>();
    }
  });

  test("each item kind has a named type", () => {
    expectTypeOf<MsImpression["profile"]>().toEqualTypeOf<string | number | null | undefined>();
    expectTypeOf<MsClick["link"]>().toEqualTypeOf<string>();
    expectTypeOf<PublisherAbuse["feedback_type"]>().toEqualTypeOf<
      "abuse" | "dkim" | "fraud" | "miscategorized" | "not-spam" | "opt-out" | "other"
    >();
    expectTypeOf<MessageEvent["event"]>().toEqualTypeOf<
      | "attempt"
      | "abuse"
      | "click"
      | "delivery"
      | "error"
      | "failure"
      | "open"
      | "retry"
      | "unsubscribe"
      | undefined
    >();
  });
});

describe("helpers", () => {
  test("get resolves with the data of the path", async () => {
    expectTypeOf(copernica.get("/v3/ms/clicks")).resolves.toEqualTypeOf<MsClickPage>();
    expectTypeOf(
      copernica.get("/v1/message/{id}/events", { params: { path: { id: "m" } } }),
    ).resolves.toEqualTypeOf<MessageEvent[]>();
    // @ts-expect-error the destination id is required
    assertType(copernica.get("/v3/publisher/destination/{id}/abuses"));
  });

  test("paginate takes the v3 lists only, and yields their items", () => {
    expectTypeOf(copernica.paginate("/v3/ms/clicks")).toEqualTypeOf<
      AsyncGenerator<MsClick, void>
    >();
    expectTypeOf(
      copernica.paginate("/v3/publisher/destination/{id}/impressions", {
        params: { path: { id: 1 } },
      }),
    ).toEqualTypeOf<AsyncGenerator<PublisherImpression, void>>();
    expectTypeOf<"/v1/message/{id}/events">().not.toExtend<ListPath>();
    // @ts-expect-error the v1 events are not a paged list
    assertType(copernica.paginate("/v1/message/{id}/events", { params: { path: { id: "m" } } }));
  });

  test("paginateById takes the lists that filter on id, and an after to resume from", () => {
    const abuses = paginateById(copernica, "/v3/publisher/destination/{id}/abuses", {
      params: { path: { id: 1 } },
      after: "44807",
    });
    expectTypeOf(abuses).toEqualTypeOf<AsyncGenerator<PublisherAbuse, void>>();
    // @ts-expect-error Marketing Suite lists take no fields[] filter, so no keyset paging
    assertType(paginateById(copernica, "/v3/ms/clicks"));
  });

  test("messageEvents yields message events", () => {
    expectTypeOf(
      messageEvents(copernica, "m", { start: "2024-01-01", end: new Date() }),
    ).toEqualTypeOf<AsyncGenerator<MessageEvent, void>>();
  });

  test("errors say their kind", () => {
    expectTypeOf<CopernicaError["kind"]>().toEqualTypeOf<CopernicaErrorKind>();
    expectTypeOf<CopernicaError["status"]>().toEqualTypeOf<number | undefined>();
  });
});
