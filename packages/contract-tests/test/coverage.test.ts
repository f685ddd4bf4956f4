import { expect, it } from "vitest";
import { operations } from "../src/openapi.js";
import { cases } from "./cases.js";

it("has a contract test for every operation in the spec, and none for an operation it lacks", () => {
  const inSpec = operations.map((operation) => operation.operationId).sort();
  expect(inSpec.length).toBeGreaterThan(0);
  expect(Object.keys(cases).sort()).toEqual(inSpec);
});
