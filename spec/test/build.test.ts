import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const dist = (file: string) => readFileSync(new URL(`../dist/${file}`, import.meta.url), "utf8");
const spec = JSON.parse(dist("openapi.json")) as {
  paths: Record<string, Record<string, { operationId: string }>>;
};
const operationIds = Object.values(spec.paths).flatMap((item) =>
  Object.values(item).map((op) => op.operationId),
);

describe("the build", () => {
  it("writes one bundled description as YAML and as JSON", () => {
    expect(spec).toMatchObject({ openapi: "3.1.0" });
    expect(operationIds.length).toBeGreaterThan(0);
    // No $ref leaves the file: a consumer needs nothing else.
    expect(dist("openapi.json")).not.toMatch(/"\$ref":\s*"(?!#\/)/);
    for (const id of operationIds) expect(dist("openapi.yaml")).toContain(`operationId: ${id}`);
  });

  describe("the rendered reference", () => {
    const html = dist("index.html");

    it("carries its scripts and the description inline, so it opens from disk", () => {
      expect(html).not.toMatch(/<script[^>]+src=/i);
      expect(html).not.toMatch(/<link[^>]+href=["']?https?:/i);
      for (const id of operationIds) expect(html).toContain(`"operationId":"${id}"`);
    });

    it("sends no telemetry and lets the browser contact no one", () => {
      expect(html).toContain('"disableTelemetry":true');
      const csp =
        /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? "";
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("connect-src 'none'");
      expect(csp).toContain("img-src data:");
      expect(csp).not.toMatch(/https?:/);
    });
  });
});
