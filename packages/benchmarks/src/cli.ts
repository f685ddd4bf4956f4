#!/usr/bin/env node
// Runs every benchmark and writes the report. Usage:
//   node --expose-gc dist/cli.js [--quick] [--out BENCHMARKS.md] [--json results.json]
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, release, totalmem, type } from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { benchBundle } from "./bundle.js";
import { benchMock } from "./mock.js";
import { benchPaging } from "./paging.js";
import { type Results, renderReport } from "./report.js";
import { benchRequests } from "./request.js";
import { benchTypecheck } from "./typecheck.js";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    out: { type: "string" },
    json: { type: "string" },
  },
});
const quick = values.quick === true;
if (!(globalThis as { gc?: unknown }).gc) {
  console.error("run with node --expose-gc, so that every sample starts from a collected heap");
  process.exit(2);
}

const began = performance.now();
const loadBefore = loadavg()[0] ?? Number.NaN;
const step = <T>(name: string, run: () => Promise<T>): Promise<T> => {
  console.log(`${name}...`);
  return run();
};

const requests = await step("per-request overhead", () =>
  benchRequests(
    quick
      ? { tiny: { warmup: 5, rounds: 3, batch: 2 }, large: { warmup: 2, rounds: 3, batch: 1 } }
      : {
          tiny: { warmup: 300, rounds: 600, batch: 10 },
          large: { warmup: 30, rounds: 400, batch: 2 },
        },
  ),
);
const paging = await step("paging", () =>
  benchPaging(
    quick
      ? {
          events: 3000,
          time: { warmup: 0, rounds: 2, batch: 1 },
          heapEvents: [1000, 3000],
          heapRuns: 1,
        }
      : {
          events: 100_000,
          time: { warmup: 2, rounds: 60, batch: 1 },
          heapEvents: [10_000, 100_000],
          heapRuns: 3,
        },
  ),
);
const bundle = await step("bundle size", () => benchBundle());
const typecheck = await step("type-check cost", () =>
  benchTypecheck(quick ? { warmup: 0, rounds: 1, batch: 1 } : { warmup: 1, rounds: 6, batch: 1 }),
);
const mock = await step("mock server", () =>
  benchMock(
    quick ? { starts: 1, requests: 50, warmup: 5 } : { starts: 5, requests: 1000, warmup: 50 },
  ),
);

/** The commit the run measures, so that a reader can tell which code the numbers are of. */
function commit(): string {
  try {
    const git = (...args: string[]) => execFileSync("git", args, { encoding: "utf8" }).trim();
    return `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain") ? "-dirty" : ""}`;
  } catch {
    return "unknown (not a git checkout)";
  }
}

const results: Results = {
  mode: quick ? "quick" : "full",
  command: quick
    ? `\`node --expose-gc dist/cli.js ${process.argv.slice(2).join(" ")}\` in packages/benchmarks`
    : "`npm run bench` at the repository root (`node --expose-gc dist/cli.js --out ../../BENCHMARKS.md` in packages/benchmarks)",
  commit: commit(),
  date: new Date().toISOString().slice(0, 10),
  durationS: (performance.now() - began) / 1000,
  machine: {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? "unknown",
    memoryGiB: totalmem() / 1024 ** 3,
    os: `${type()} ${release()}`,
    node: process.version,
    loadBefore,
    loadAfter: loadavg()[0] ?? Number.NaN,
  },
  requests,
  paging,
  bundle,
  typecheck,
  mock,
};
const report = renderReport(results);
if (values.json) writeFileSync(values.json, `${JSON.stringify(results, null, 2)}\n`);
if (values.out) {
  writeFileSync(values.out, report);
  console.log(`wrote ${values.out}`);
} else {
  console.log(report);
}
