import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type CompareOptions, type Comparison, compare, median } from "./harness.js";
import { newSink, type PagingVariantName, pagingVariants } from "./paging-variants.js";
import { startPageServer } from "./server.js";

const run = promisify(execFile);

export interface HeapResult {
  events: number;
  /** Peak heap growth over the heap after a full GC at start, per variant: median of the runs. */
  peakMb: Record<PagingVariantName, number>;
  /** Every run's peak growth, in MB. */
  runsMb: Record<PagingVariantName, number[]>;
}

export interface PagingResults {
  events: number;
  time: Comparison;
  heap: HeapResult[];
}

const MB = 1024 * 1024;

async function peakOf(name: PagingVariantName, url: string, events: number): Promise<number> {
  const { stdout } = await run(
    process.execPath,
    [
      "--expose-gc",
      fileURLToPath(new URL("./heap-child.js", import.meta.url)),
      name,
      url,
      String(events),
    ],
    { timeout: 300_000 },
  );
  const { baselineBytes, peakBytes } = JSON.parse(stdout) as {
    baselineBytes: number;
    peakBytes: number;
  };
  return (peakBytes - baselineBytes) / MB;
}

/**
 * Paging `events` clicks, 1000 a page: `paginate` against a hand-written loop of raw fetch
 * calls, interleaved in one process; then the peak heap of each, in a fresh process per run,
 * for each of `heapEvents`.
 */
export async function benchPaging(options: {
  events: number;
  time: CompareOptions;
  heapEvents: number[];
  heapRuns: number;
}): Promise<PagingResults> {
  const server = await startPageServer(options.events);
  let time: Comparison;
  try {
    const variant = (name: PagingVariantName) => ({
      name,
      run: async () => {
        const sink = newSink();
        await pagingVariants[name](server.url, sink);
        if (sink.count !== options.events) throw new Error(`${name}: ${sink.count} events`);
      },
    });
    time = await compare([variant("raw fetch loop"), variant("paginate")], options.time);
  } finally {
    await server.close();
  }

  const heap: HeapResult[] = [];
  for (const events of options.heapEvents) {
    const heapServer = await startPageServer(events);
    try {
      const runsMb: Record<PagingVariantName, number[]> = { "raw fetch loop": [], paginate: [] };
      for (let i = 0; i < options.heapRuns; i++) {
        // Alternate which goes first, as the rounds of the timing do.
        const order: PagingVariantName[] =
          i % 2 === 0 ? ["raw fetch loop", "paginate"] : ["paginate", "raw fetch loop"];
        for (const name of order) runsMb[name].push(await peakOf(name, heapServer.url, events));
      }
      heap.push({
        events,
        runsMb,
        peakMb: {
          "raw fetch loop": median(runsMb["raw fetch loop"]),
          paginate: median(runsMb.paginate),
        },
      });
    } finally {
      await heapServer.close();
    }
  }
  return { events: options.events, time, heap };
}
