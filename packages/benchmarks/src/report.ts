import type { BundleResults } from "./bundle.js";
import type { Comparison, Ratio } from "./harness.js";
import type { MockResults } from "./mock.js";
import type { PagingResults } from "./paging.js";
import type { RequestResults } from "./request.js";
import type { TypecheckResults } from "./typecheck.js";

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  /** 1-minute load average when the run began and when it ended: how busy the machine was. */
  loadBefore: number;
  loadAfter: number;
}

export interface Results {
  mode: "full" | "quick";
  command: string;
  /** The commit measured (`git describe`-like: the short hash, `-dirty` with changes), if known. */
  commit: string;
  date: string;
  durationS: number;
  machine: Machine;
  requests: RequestResults;
  paging: PagingResults;
  bundle: BundleResults;
  typecheck: TypecheckResults;
  mock: MockResults;
}

/** The targets: the client against raw fetch. */
export const TARGETS = { largePage: 1.05, tinyPage: 1.15, paging: 1.05, heapMb: 10 };

const x = (ratio: number) => `${ratio.toFixed(2)}×`;
/** A ratio with a target, precisely enough to see which side of the target it falls. */
const both = (wall: Ratio, cpu: Ratio) =>
  `${wall.median.toFixed(3)}× (CPU time ${cpu.median.toFixed(3)}×)`;
const range = (ratio: Ratio) =>
  `${x(ratio.median)} (${ratio.p25.toFixed(2)}–${ratio.p75.toFixed(2)})`;
const ms = (value: number) =>
  value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(3);
const mb = (value: number) => value.toFixed(1);
// kB as size-limit counts them: 1000 bytes.
const kb = (bytes: number) => (bytes / 1000).toFixed(1);
const verdict = (ok: boolean) => (ok ? "met" : "**missed**");

function variantOf(comparison: Comparison, name: string) {
  const variant = comparison.variants.find((v) => v.name === name);
  if (!variant) throw new Error(`no variant ${name}`);
  return variant;
}

/** A comparison as a table; `cpu: false` where the work runs in child processes, which this process's CPU time does not see. */
function comparisonTable(comparison: Comparison, { cpu = true } = {}): string[] {
  const unit = "ms per run";
  return [
    cpu
      ? `| variant | median wall time (${unit}) | wall time vs ${comparison.baseline} | median CPU time (${unit}) | CPU time vs ${comparison.baseline} |`
      : `| variant | median wall time (${unit}) | wall time vs ${comparison.baseline} |`,
    cpu ? "| --- | ---: | ---: | ---: | ---: |" : "| --- | ---: | ---: |",
    ...comparison.variants.map((v) =>
      cpu
        ? `| ${v.name} | ${ms(v.medianMs)} | ${range(v.ratio)} | ${ms(v.medianCpuMs)} | ${range(v.cpuRatio)} |`
        : `| ${v.name} | ${ms(v.medianMs)} | ${range(v.ratio)} |`,
    ),
    "",
    `${comparison.rounds} interleaved rounds of ${comparison.batch} run${comparison.batch > 1 ? "s" : ""} per variant, after warm-up, the heap collected before each. Ratios: median of the per-round ratios, interquartile range in brackets.`,
  ];
}

export function renderReport(results: Results): string {
  const { machine, requests, paging, bundle, typecheck, mock } = results;
  const tiny = variantOf(requests.tiny, "copernica.GET");
  const large = variantOf(requests.large, "copernica.GET");
  const pages = variantOf(paging.time, "paginate");
  const heapOk = paging.heap.every(
    (h) => Math.abs(h.peakMb.paginate - h.peakMb["raw fetch loop"]) <= TARGETS.heapMb,
  );
  const base = bundle.bundles[0];
  const lines = [
    "# Benchmarks",
    "",
    results.mode === "quick"
      ? "**Quick mode**: small counts and few rounds, to check that every benchmark runs. These numbers mean nothing."
      : "The client against raw `fetch` and plain `openapi-fetch`, measured side by side in one process. Absolute times depend on the machine and on what else runs on it; the ratios are what to compare.",
    "",
    "## The run",
    "",
    "| | |",
    "| --- | --- |",
    `| date | ${results.date} |`,
    `| commit | ${results.commit} |`,
    `| command | ${results.command} |`,
    `| machine | ${machine.cpus} cores (\`nproc\`), ${machine.cpuModel}, ${machine.memoryGiB.toFixed(0)} GiB memory, ${machine.os} |`,
    `| Node | ${machine.node} |`,
    `| load average (1 min) | ${machine.loadBefore.toFixed(2)} at the start, ${machine.loadAfter.toFixed(2)} at the end: a shared machine |`,
    `| duration | ${results.durationS.toFixed(0)} s |`,
    "",
    "## Headline",
    "",
    "| what | result | target | |",
    "| --- | ---: | ---: | --- |",
    `| \`copernica.GET\`, 1000-click page, time vs raw fetch + JSON.parse | ${both(large.ratio, large.cpuRatio)} | ≤ ${x(TARGETS.largePage)} | ${verdict(large.ratio.median <= TARGETS.largePage)} |`,
    `| \`copernica.GET\`, 1-click page, time vs raw fetch + JSON.parse | ${both(tiny.ratio, tiny.cpuRatio)} | ≤ ${x(TARGETS.tinyPage)} | ${verdict(tiny.ratio.median <= TARGETS.tinyPage)} |`,
    `| \`paginate\`, ${paging.events.toLocaleString("en")} events, time vs a raw fetch loop | ${both(pages.ratio, pages.cpuRatio)} | ≤ ${x(TARGETS.paging)} | ${verdict(pages.ratio.median <= TARGETS.paging)} |`,
    ...paging.heap.map(
      (h) =>
        `| \`paginate\`, ${h.events.toLocaleString("en")} events, peak heap vs a raw fetch loop | ${mb(h.peakMb.paginate)} MB vs ${mb(h.peakMb["raw fetch loop"])} MB | within ${TARGETS.heapMb} MB | ${verdict(Math.abs(h.peakMb.paginate - h.peakMb["raw fetch loop"]) <= TARGETS.heapMb)} |`,
    ),
    ...bundle.bundles
      .slice(1)
      .map(
        (b) =>
          `| bundle, ${b.name}, min+gzip | ${kb(b.gzipBytes)} kB (${x(b.gzipBytes / (base?.gzipBytes ?? Number.NaN))} openapi-fetch's ${kb(base?.gzipBytes ?? Number.NaN)} kB) | | |`,
      ),
    `| \`tsc --noEmit\` of a program calling all ${typecheck.operations} operations, vs typed \`any\` | ${x(variantOf(typecheck.time, "typed client").ratio.median)} (${(variantOf(typecheck.time, "typed client").medianMs / 1000).toFixed(2)} s vs ${(variantOf(typecheck.time, "client typed any").medianMs / 1000).toFixed(2)} s) | | |`,
    `| mock server: start to listening; latency p50 / p99 | ${(mock.medianStartMs / 1000).toFixed(2)} s; ${ms(mock.p50Ms)} / ${ms(mock.p99Ms)} ms | | |`,
    "",
    `Peak heap within ${TARGETS.heapMb} MB of the raw loop at every size: ${verdict(heapOk)}. For scale, in the same rounds plain openapi-fetch measured ${x(variantOf(requests.large, "openapi-fetch").ratio.median)} (1000 clicks) and ${x(variantOf(requests.tiny, "openapi-fetch").ratio.median)} (1 click) against raw fetch, and raw fetch with nothing but the client's default timeout (an \`AbortController\` per request, aborted by a 30 s timer) ${x(variantOf(requests.large, "raw fetch + timeout signal").ratio.median)} and ${x(variantOf(requests.tiny, "raw fetch + timeout signal").ratio.median)}, and the two together (plain openapi-fetch with that timeout: what any client on openapi-fetch with a timeout pays before it does anything of its own) ${x(variantOf(requests.large, "openapi-fetch + timeout signal").ratio.median)} and ${x(variantOf(requests.tiny, "openapi-fetch + timeout signal").ratio.median)}; CPU-time ratios, less disturbed by other processes, are in the tables below.`,
    "",
    "Where the time goes, as measured while tuning the client (Node 20 on this machine, November 2026: profiles, and runs with one part taken out at a time; each part is a few percent, near the noise here). A small request: openapi-fetch building the URL, headers and init, about 5% (the client hands it a plain object instead of a `Request`, which saved about 5% more, and leaves out the empty `Headers` it builds); the timeout, about 4%, nearly all of it in undici following a signal (a `Request` with a signal costs about 30 µs to build here, one without about 7 µs, and Node 20 takes about 4 µs to make an `AbortSignal`); the client's own work (parameter checks, the token, reading and checking the body, hooks) the rest, a point or a few over plain openapi-fetch with the same timeout. A 1000-click page adds only per-byte work that raw fetch does too (`text()`, `JSON.parse`), so its ratio is the small request's fixed cost spread over more time. Paging 100,000 events is 100 such pages plus one step per item: `for await` needs a promise for each item, which costs about 10 to 15 ms per 100,000 items here however little the iterator does (2 to 4%), and the harness's full collection before every sample (so that no variant pays for the garbage of another) costs the client a few points more than the raw loop: run without it, paging measured 1.01× to 1.05× in separate runs.",
    "",
    "## Per-request overhead",
    "",
    `One GET of \`/v3/ms/clicks\` against a node:http server on 127.0.0.1, which runs in a process of its own so that serving costs the measured process nothing. The baseline is \`fetch\` + \`response.text()\` + \`JSON.parse\`; the same with a 30 s timeout signal, made as the client makes it, shows what a timeout costs on its own. \`openapi-fetch\` is a plain \`createClient<paths>()\` (the token as a query parameter), alone and with the same timeout signal; \`copernica.GET\` is \`createCopernicaClient\` with its defaults: parameter checks, a 30 s timeout per attempt, retries, the token added in the transport, the body read and checked once. CPU time is the whole process's user + system time, which other processes on the machine disturb less than wall time.`,
    "",
    `### Tiny page: 1 click, ${requests.bytes.tiny} bytes`,
    "",
    ...comparisonTable(requests.tiny),
    "",
    `### Realistic page: 1000 clicks, ${kb(requests.bytes.large)} kB`,
    "",
    "Clicks shaped as Copernica's example on its clicks page (ID, mailing, link with personalization code, timestamp, IPv4 and IPv6 addresses, user agents, destination), with varied values.",
    "",
    ...comparisonTable(requests.large),
    "",
    "## Paging",
    "",
    `${paging.events.toLocaleString("en")} clicks in pages of 1000 with \`total=false\`: \`for await (const click of copernica.paginate("/v3/ms/clicks"))\` against a hand-written loop of raw \`fetch\` calls that stops on a short page. Both count every event.`,
    "",
    ...comparisonTable(paging.time),
    "",
    "### Peak heap",
    "",
    "Each run in a fresh process (`--expose-gc`): a full GC, then the heap in use (`v8.getHeapStatistics().used_heap_size`) sampled every 50 events and every millisecond; the peak above the starting heap. Median of the runs.",
    "",
    "The heap in use counts garbage that V8 has not collected yet: it lets old garbage grow for a while before a full collection, which is why the peak of either variant is higher for more events while neither keeps more than a page. That `paginate` keeps no page it has handed out is tested directly in the client's tests (`holds one page at a time`).",
    "",
    "| events | raw fetch loop (MB) | paginate (MB) | difference (MB) | runs (raw; paginate) |",
    "| ---: | ---: | ---: | ---: | --- |",
    ...paging.heap.map(
      (h) =>
        `| ${h.events.toLocaleString("en")} | ${mb(h.peakMb["raw fetch loop"])} | ${mb(h.peakMb.paginate)} | ${(h.peakMb.paginate - h.peakMb["raw fetch loop"]).toFixed(1)} | ${h.runsMb["raw fetch loop"].map(mb).join(", ")}; ${h.runsMb.paginate.map(mb).join(", ")} |`,
    ),
    "",
    "## Bundle size",
    "",
    "Browser bundles built with rolldown (ES module, minified, tree-shaken, dependencies included), gzipped at level 9.",
    "",
    "| bundle | exports | minified (bytes) | min+gzip (bytes) | min+gzip vs openapi-fetch |",
    "| --- | --- | ---: | ---: | ---: |",
    ...bundle.bundles.map(
      (b) =>
        `| ${b.name} | ${b.entry} | ${b.minifiedBytes} | ${b.gzipBytes} | ${x(bundle.ratios[b.name] ?? Number.NaN)} |`,
    ),
    "",
    "## Type-check cost",
    "",
    `\`tsc --noEmit\` (strict, skipLibCheck, as \`tsc --init\` sets them) of a ${typecheck.lines}-line consumer program generated from \`spec/dist/openapi.json\` at bench time: every one of the ${typecheck.operations} operations called with \`copernica.GET\` and with \`copernica.get\`, every parameter given. The baseline is the same program with the client typed \`any\`. A fresh tsc process per run, alternating.`,
    "",
    ...comparisonTable(typecheck.time, { cpu: false }),
    "",
    "## Mock server",
    "",
    `Prism started by \`startMock\` on 127.0.0.1 and a free port, from the bundled spec: ${mock.startMs.length} start${mock.startMs.length > 1 ? "s" : ""} (${mock.startMs.map((v) => (v / 1000).toFixed(2)).join(", ")} s to listening); then ${mock.requests} sequential GETs of \`/v3/ms/clicks\` by raw \`fetch\`.`,
    "",
    "| start to listening (median) | p50 | p99 | max |",
    "| ---: | ---: | ---: | ---: |",
    `| ${ms(mock.medianStartMs)} ms | ${ms(mock.p50Ms)} ms | ${ms(mock.p99Ms)} ms | ${ms(mock.maxMs)} ms |`,
    "",
    "## Reproducing",
    "",
    "`npm test` once (it sets up the workspace), then `npm run bench` at the root: it builds what it needs and rewrites this file. The test suite runs the same benchmarks in quick mode (`node --expose-gc dist/cli.js --quick`), checking only that each produces finite numbers and that this report renders; it asserts no timings.",
    "",
  ];
  return lines.join("\n");
}
