import { describe, expect, it } from "vitest";
import { consumerProgram, loadSpec, operationsOf } from "../src/consumer.js";

describe("the consumer program of the type-check benchmark", () => {
  const spec = loadSpec();
  const operations = operationsOf(spec);

  it("calls every operation of the built spec, with every parameter it documents", () => {
    const documented = Object.values(spec.paths).flatMap((item) => Object.keys(item));
    expect(operations).toHaveLength(documented.length);
    const clicks = operations.find((operation) => operation.path === "/v3/ms/clicks");
    expect(Object.keys(clicks?.init.params.query ?? {}).sort()).toEqual(
      ["begintime", "endtime", "limit", "start", "total", "unique"].sort(),
    );
    const events = operations.find((operation) => operation.path === "/v1/message/{id}/events");
    expect(events?.init.params.path).toEqual({ id: "dkJDF343Df" });
  });

  it("is the same program typed and untyped, but for how the client is declared", () => {
    const typed = consumerProgram(operations, true).split("\n");
    const untyped = consumerProgram(operations, false).split("\n");
    expect(typed.length).toBe(untyped.length);
    const differ = typed.filter((line, index) => line !== untyped[index]);
    expect(differ).toEqual(['import { createCopernicaClient } from "@copernica-openapi/client";']);
    for (const { path } of operations) {
      expect(typed.filter((line) => line.includes(JSON.stringify(path)))).toHaveLength(2);
    }
  });
});
