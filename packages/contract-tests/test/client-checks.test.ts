import { CopernicaError } from "@copernica-openapi/client";
import { describe, expect, it } from "vitest";
import { type Operation, operations, type Parameter } from "../src/openapi.js";
import { recordingClient } from "../src/recorder.js";
import { coerce, problemsAt } from "../src/validate.js";

// The client refuses some bad parameters before sending them, so that Copernica cannot
// silently cap or ignore them. Those rules repeat what the spec says: this test keeps the
// two in agreement, operation by operation, on values at and beyond the edges.
const samples: Record<string, unknown[]> = {
  id: [1, "1", 822758, "822758", "007", 0, "0", -1, 1.5, "abc", "12abc"],
  limit: [1, 1000, 100, 0, 1001, -5, 2.5],
  start: [0, 1, 5000, -1, 1.5],
  begintime: [
    "2024-01-01 00:00:00",
    "2024-12-31 23:59:59",
    "2024-01-01",
    "2024-01-01T00:00:00Z",
    "2024/01/01 00:00:00",
  ],
  endtime: ["2024-01-01 00:00:00", "2024-01-01", "01-01-2024 00:00:00"],
};

/** Whether the client refuses the value before sending (it never reaches the network here). */
async function clientRefuses(
  operation: Operation,
  parameter: Parameter,
  value: unknown,
): Promise<boolean> {
  const { client } = recordingClient("http://127.0.0.1:9");
  const controller = new AbortController();
  controller.abort(new Error("not sent"));
  const path = operation.path.includes("{id}") ? { id: 1 } : undefined;
  const params =
    parameter.in === "path"
      ? { path: { id: value } }
      : { path, query: { [parameter.name]: value } };
  return client
    .GET(operation.path as "/v3/ms/clicks", { params, signal: controller.signal } as never)
    .then(
      () => false,
      (error: unknown) => error instanceof CopernicaError && error.kind === "invalid_request",
    );
}

describe.each(operations.map((operation) => [operation.operationId, operation] as const))(
  "%s",
  (_id, operation) => {
    const cases = operation.parameters
      .filter(
        (parameter) =>
          parameter.name in samples && (parameter.in === "query" || parameter.in === "path"),
      )
      .flatMap((parameter) =>
        (samples[parameter.name] ?? []).map((value) => [parameter.name, value, parameter] as const),
      );
    if (cases.length === 0) return;

    it.each(cases)(
      "%s = %j: the client refuses it exactly when the spec does",
      async (name, value, parameter) => {
        // Compared as Copernica reads it: the text in the URL, taken by the schema's type.
        const specRefuses =
          problemsAt(parameter.schemaPointer, coerce(String(value), parameter.schema), name)
            .length > 0;
        expect(await clientRefuses(operation, parameter, value)).toBe(specRefuses);
      },
    );
  },
);

describe("query parameter names", () => {
  // The client refuses a name with a capital letter as a typo (Copernica ignores names it does
  // not know): that holds only while every name the spec has is lowercase.
  it("are lowercase in every operation, as the client expects", () => {
    const names = operations.flatMap((operation) =>
      operation.parameters.filter((parameter) => parameter.in === "query").map(({ name }) => name),
    );
    expect(names.length).toBeGreaterThan(50);
    expect(names.filter((name) => name !== name.toLowerCase())).toEqual([]);
  });
});
