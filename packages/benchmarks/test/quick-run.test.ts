import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { numbersIn } from "../src/harness.js";
import type { Results } from "../src/report.js";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "copernica-bench-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Every benchmark in quick mode (small counts, few rounds), as `pnpm bench` runs them in full,
// from the built CLI. No timing is asserted: only that each produced finite numbers and that
// the report renders.
describe("pnpm bench, quick mode", () => {
  it("runs every benchmark to finite numbers and renders the report", async () => {
    const out = join(dir, "BENCHMARKS.md");
    const json = join(dir, "results.json");
    const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
    await run(process.execPath, ["--expose-gc", cli, "--quick", "--out", out, "--json", json], {
      timeout: 110_000,
    });
    const results = JSON.parse(readFileSync(json, "utf8")) as Results;
    expect(results.mode).toBe("quick");
    const numbers = numbersIn(results);
    expect(numbers.length).toBeGreaterThan(50);
    expect(numbers.filter(([, value]) => !Number.isFinite(value))).toEqual([]);
    expect(results.requests.tiny.variants.map((v) => v.name)).toEqual([
      "raw fetch + JSON.parse",
      "raw fetch + timeout signal",
      "openapi-fetch",
      "openapi-fetch + timeout signal",
      "copernica.GET",
    ]);
    expect(results.paging.heap.map((h) => h.events)).toEqual([1000, 3000]);
    expect(results.typecheck.operations).toBe(50);

    const report = readFileSync(out, "utf8");
    expect(report.startsWith("# Benchmarks\n")).toBe(true);
    for (const heading of [
      "## The run",
      "## Headline",
      "## Per-request overhead",
      "## Paging",
      "### Peak heap",
      "## Bundle size",
      "## Type-check cost",
      "## Mock server",
    ]) {
      expect(report).toContain(`\n${heading}\n`);
    }
    expect(report).toContain("Quick mode");
    expect(report).toContain(process.version);
    expect(report).not.toMatch(/NaN|undefined|Infinity/);
  });
});
