import { paginateById } from "@copernica-openapi/client";
import { describe, expect, inject, it } from "vitest";
import { type Operation, operations } from "../src/openapi.js";
import { recordingClient } from "../src/recorder.js";
import { checkRequest } from "../src/validate.js";

const mockUrl = inject("mockUrl");
const generatedMockUrl = inject("generatedMockUrl");

const query = (operation: Operation) =>
  operation.parameters
    .filter((parameter) => parameter.in === "query")
    .map((parameter) => parameter.name);
/** The v3 lists: they page with start and limit. */
const lists = operations.filter((operation) =>
  ["start", "limit"].every((name) => query(operation).includes(name)),
);
/** The lists that filter on id with fields[] (the Publisher statistics). */
const keyset = lists.filter((operation) => query(operation).includes("fields[]"));
const pathParams = (operation: Operation) =>
  operation.path.includes("{id}") ? { path: { id: 1 } } : {};
const pageExample = (operation: Operation) =>
  operation.responses["200"]?.content["application/json"]?.examples[0]?.value as {
    data: unknown[];
  };

async function collect(items: AsyncIterable<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const item of items) out.push(item);
  return out;
}

it("finds the list operations of the spec", () => {
  expect(lists.length).toBeGreaterThan(0);
  expect(keyset.length).toBeGreaterThan(0);
});

describe.each(lists.map((operation) => [operation.operationId, operation] as const))(
  "paginate %s",
  (_id, operation) => {
    it("asks the largest pages without total, and yields the documented items", async () => {
      const { client, exchanges } = recordingClient(mockUrl);
      const items = await collect(
        client.paginate(
          operation.path as "/v3/ms/clicks",
          { params: pathParams(operation) } as never,
        ),
      );

      expect(items).toEqual(pageExample(operation).data);
      expect(exchanges).toHaveLength(1); // the documented page is short, so it is the last
      for (const exchange of exchanges) {
        expect(exchange.violations).toEqual([]);
        expect(checkRequest(exchange.method, exchange.url).problems).toEqual([]);
        const sent = new URL(exchange.url).searchParams;
        expect([sent.get("limit"), sent.get("total"), sent.get("start")]).toEqual([
          "1000",
          "false",
          "0",
        ]);
      }
    });
  },
);

describe.each(keyset.map((operation) => [operation.operationId, operation] as const))(
  "paginateById %s",
  (_id, operation) => {
    it("pages with fields[]=id>N, which the spec accepts", async () => {
      const { client, exchanges } = recordingClient(mockUrl);
      const items = await collect(
        paginateById(
          client,
          operation.path as "/v3/publisher/destination/{id}/abuses",
          {
            params: { ...pathParams(operation), query: { "fields[]": ["timestamp>=2019-01-01"] } },
            after: 0,
          } as never,
        ),
      );

      expect(items).toEqual(pageExample(operation).data);
      expect(exchanges).toHaveLength(1);
      const [exchange] = exchanges;
      expect(exchange?.violations).toEqual([]);
      expect(checkRequest(exchange?.method ?? "", exchange?.url ?? "").problems).toEqual([]);
      expect(new URL(exchange?.url ?? "").searchParams.getAll("fields[]")).toEqual([
        "timestamp>=2019-01-01",
        "id>0",
      ]);
    });
  },
);

describe("against the generated mock, whose lists run to thousands of items", () => {
  const path = "/v3/publisher/destination/{id}/clicks";
  // The clicks of March, in pages of 200 (the list has hundreds to thousands).
  const query = { "fields[]": ["timestamp>=2024-03-01", "timestamp<2024-04-01"], limit: 200 };
  const init = { params: { path: { id: 822758 }, query } };

  it("paginateById and paginate read the same items, every one once, in ID order", async () => {
    const { client, exchanges } = recordingClient(generatedMockUrl);
    const byOffset = await collect(client.paginate(path, init));
    const offsetPages = exchanges.length;
    const byId = await collect(paginateById(client, path, init));

    expect(offsetPages).toBeGreaterThan(3);
    expect(byId).toEqual(byOffset);
    const ids = byId.map((item) => BigInt((item as { ID: string }).ID));
    expect(ids.every((id, index) => index === 0 || id > (ids[index - 1] as bigint))).toBe(true);
    const { total } = await client.get(path, {
      params: { ...init.params, query: { ...query, total: true } },
    });
    expect(byId).toHaveLength(total ?? -1);
    for (const item of byId) expect((item as { timestamp: string }).timestamp).toMatch(/^2024-03-/);
    for (const exchange of exchanges) expect(exchange.violations).toEqual([]);
  });

  it("paginateById resumes after the last ID stored", async () => {
    const { client } = recordingClient(generatedMockUrl);
    const all = (await collect(paginateById(client, path, init))) as { ID: string }[];
    const stored = all[300]?.ID ?? "";
    const rest = await collect(paginateById(client, path, { ...init, after: stored }));
    expect(rest).toEqual(all.slice(301));
  });
});
