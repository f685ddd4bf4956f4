import { expect, it } from "vitest";
import { operations } from "../src/openapi.js";
import { cases } from "./cases.js";

it("has a contract test for every operation in the spec, and none for an operation it lacks", () => {
  const inSpec = operations.map((operation) => operation.operationId).sort();
  expect(inSpec.length).toBeGreaterThan(0);
  expect(Object.keys(cases).sort()).toEqual(inSpec);
});

it("offers every v3 list's empty page as the example `empty`, after Copernica's own", () => {
  const lists = operations.filter((operation) => {
    const first = operation.responses["200"]?.content["application/json"]?.examples[0]?.value;
    return operation.path.startsWith("/v3/") && Array.isArray((first as { data?: unknown })?.data);
  });
  expect(lists.length).toBeGreaterThan(0);
  for (const operation of lists) {
    const examples = operation.responses["200"]?.content["application/json"]?.examples ?? [];
    const names = examples.map(({ name }) => name);
    expect(names, operation.operationId).toContain("empty");
    expect(names[0], operation.operationId).not.toBe("empty");
    expect(examples.find(({ name }) => name === "empty")?.value).toEqual({
      start: 0,
      limit: 100,
      count: 0,
      total: 0,
      data: [],
    });
  }
});
