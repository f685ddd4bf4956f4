import { performance } from "node:perf_hooks";
import { startMock } from "@copernica-openapi/spec/mock";
import { median, quantile } from "./harness.js";

export interface MockResults {
  /** Milliseconds from spawning Prism to "Prism is listening", one per start. */
  startMs: number[];
  medianStartMs: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * The Prism mock of the bundled spec: time from start to listening (over `starts` starts),
 * then the latency of `requests` sequential GETs of a page of clicks, by raw fetch.
 */
export async function benchMock(options: {
  starts: number;
  requests: number;
  warmup: number;
}): Promise<MockResults> {
  const startMs: number[] = [];
  for (let i = 0; i < options.starts; i++) {
    const began = performance.now();
    const mock = await startMock({ host: "127.0.0.1", port: 0 });
    startMs.push(performance.now() - began);
    await mock.close();
  }
  const mock = await startMock({ host: "127.0.0.1", port: 0 });
  try {
    const url = `${mock.url}/v3/ms/clicks?access_token=bench-token&limit=1000&total=false`;
    const get = async () => {
      const response = await fetch(url);
      const body = (await response.json()) as { data?: unknown[] };
      if (!response.ok || !Array.isArray(body.data))
        throw new Error(`mock answered ${response.status}`);
    };
    for (let i = 0; i < options.warmup; i++) await get();
    const latencies: number[] = [];
    for (let i = 0; i < options.requests; i++) {
      const began = performance.now();
      await get();
      latencies.push(performance.now() - began);
    }
    return {
      startMs,
      medianStartMs: median(startMs),
      requests: options.requests,
      p50Ms: median(latencies),
      p99Ms: quantile(latencies, 0.99),
      maxMs: Math.max(...latencies),
    };
  } finally {
    await mock.close();
  }
}
