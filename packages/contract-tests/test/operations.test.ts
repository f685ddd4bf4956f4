import { describe, expect, inject, it } from "vitest";
import { operationById } from "../src/openapi.js";
import { recordingClient } from "../src/recorder.js";
import { checkRequest, problemsAt } from "../src/validate.js";
import { cases } from "./cases.js";

const mockUrl = inject("mockUrl");

describe.each(Object.entries(cases))("%s", (operationId, call) => {
  const operation = operationById(operationId);

  it("sends a request the spec accepts and gets a documented answer, with no violation", async () => {
    const { client, exchanges } = recordingClient(mockUrl);
    const { response, data } = await call(client, {});

    expect(response.status).toBe(200);
    expect(exchanges).toHaveLength(1);
    const [exchange] = exchanges;
    expect(exchange?.violations).toEqual([]);
    const check = checkRequest(exchange?.method ?? "", exchange?.url ?? "");
    expect(check.operation?.operationId).toBe(operationId);
    expect(check.problems).toEqual([]);
    const media = operation.responses["200"]?.content["application/json"];
    expect(media).toBeDefined();
    expect(problemsAt(media?.schemaPointer ?? "", data, "body")).toEqual([]);
  });

  const answers = Object.entries(operation.responses).flatMap(([status, response]) =>
    Object.entries(response.content).flatMap(([type, media]) =>
      media.examples.map(({ name, value }) => ({
        status,
        type,
        media,
        name: name ?? "unnamed",
        value,
        prefer: name,
      })),
    ),
  );

  it.each(answers)(
    "serves the $status $name example ($type) as documented",
    async ({ status, type, media, name, value }) => {
      const { client, exchanges } = recordingClient(mockUrl);
      const { response, data, error } = await call(client, {
        headers: { Prefer: `code=${status}, example=${name}` },
      });

      expect(response.status).toBe(Number(status));
      expect(response.headers.get("content-type")).toContain(type);
      expect(exchanges[0]?.violations).toEqual([]);
      const body = response.ok ? data : error;
      expect(body).toEqual(value);
      expect(problemsAt(media.schemaPointer, body, "body")).toEqual([]);
    },
  );
});
