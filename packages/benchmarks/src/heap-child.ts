// Measures the peak heap of one paging variant in a process of its own, so that no other
// variant's garbage counts. Usage: node --expose-gc heap-child.js <variant> <baseUrl> <events>
// Prints {"baselineBytes", "peakBytes", "events"} as JSON.
import { getHeapStatistics } from "node:v8";
import { newSink, type PagingVariantName, pagingVariants } from "./paging-variants.js";

const [name, baseUrl, expected] = process.argv.slice(2) as [PagingVariantName, string, string];
const variant = pagingVariants[name];
const gc = (globalThis as { gc?: () => void }).gc;
if (!variant || !gc)
  throw new Error("usage: node --expose-gc heap-child.js <variant> <url> <events>");

const used = () => getHeapStatistics().used_heap_size;
gc();
const baselineBytes = used();
let peakBytes = baselineBytes;
const sample = () => {
  const now = used();
  if (now > peakBytes) peakBytes = now;
};
// Samples between items (every 50th) and, while waiting on the network, every millisecond.
let items = 0;
const timer = setInterval(sample, 1);
const sink = newSink();
await variant(baseUrl, sink, () => {
  if (++items % 50 === 0) sample();
});
clearInterval(timer);
sample();
if (sink.count !== Number(expected))
  throw new Error(`got ${sink.count} events, expected ${expected}`);
process.stdout.write(`${JSON.stringify({ baselineBytes, peakBytes, events: sink.count })}\n`);
