import { performance } from "node:perf_hooks";

/** The q-quantile (0..1) of numbers, by linear interpolation between the closest ranks. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below] as number;
  const high = sorted[above] as number;
  return low + (high - low) * (position - below);
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

/** One side of a comparison: an async operation to time. */
export interface Variant {
  name: string;
  run: () => Promise<unknown>;
}

export interface CompareOptions {
  /** Runs of each variant, interleaved, before anything is timed. */
  warmup: number;
  /** Timed rounds: each round times one sample of every variant, in a rotating order. */
  rounds: number;
  /** Runs per sample: a sample is the mean time of this many consecutive runs. */
  batch: number;
}

/** The median of per-round ratios against the baseline, and their interquartile range. */
export interface Ratio {
  median: number;
  p25: number;
  p75: number;
}

export interface VariantResult {
  name: string;
  /** Wall-clock milliseconds per run, one per round. */
  samples: number[];
  /** CPU milliseconds (user + system, the whole process) per run, one per round. */
  cpuSamples: number[];
  medianMs: number;
  medianCpuMs: number;
  /** Wall-clock time against the baseline (1 for the baseline). */
  ratio: Ratio;
  /** CPU time against the baseline: less disturbed by other processes on a shared machine. */
  cpuRatio: Ratio;
}

export interface Comparison {
  baseline: string;
  rounds: number;
  batch: number;
  variants: VariantResult[];
}

const collect = (): void => (globalThis as { gc?: () => void }).gc?.();

/**
 * Times variants side by side in one process: warm-up, then `rounds` rounds in which every
 * variant runs `batch` times in turn, the order rotating each round so that none is always
 * first or last. The first variant is the baseline; each other one gets the median of its
 * per-round ratios against it, so that drift of a shared machine (which moves both sides of a
 * round alike) cancels out. With `--expose-gc`, the heap is collected before every sample, so
 * no variant pays for the garbage of the one before it.
 */
export async function compare(variants: Variant[], options: CompareOptions): Promise<Comparison> {
  const { warmup, rounds, batch } = options;
  if (variants.length === 0) throw new RangeError("compare: no variants");
  if (!(rounds >= 1 && batch >= 1 && warmup >= 0)) throw new RangeError("compare: bad options");
  for (let i = 0; i < warmup; i++) for (const variant of variants) await variant.run();

  const samples = variants.map(() => [] as number[]);
  const cpuSamples = variants.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < variants.length; k++) {
      const index = (round + k) % variants.length;
      const variant = variants[index] as Variant;
      collect();
      const cpu = process.cpuUsage();
      const began = performance.now();
      for (let i = 0; i < batch; i++) await variant.run();
      const wall = performance.now() - began;
      const { user, system } = process.cpuUsage(cpu);
      (samples[index] as number[]).push(wall / batch);
      (cpuSamples[index] as number[]).push((user + system) / 1000 / batch);
    }
  }

  return {
    baseline: (variants[0] as Variant).name,
    rounds,
    batch,
    variants: variants.map((variant, index) => {
      const own = samples[index] as number[];
      const ownCpu = cpuSamples[index] as number[];
      return {
        name: variant.name,
        samples: own,
        cpuSamples: ownCpu,
        medianMs: median(own),
        medianCpuMs: median(ownCpu),
        ratio: ratioOf(own, samples[0] as number[]),
        cpuRatio: ratioOf(ownCpu, cpuSamples[0] as number[]),
      };
    }),
  };
}

/** The per-round ratios of samples against the baseline's samples of the same rounds. */
export function ratioOf(samples: readonly number[], baseline: readonly number[]): Ratio {
  const ratios = samples.map((value, round) => value / (baseline[round] as number));
  return { median: median(ratios), p25: quantile(ratios, 0.25), p75: quantile(ratios, 0.75) };
}

/** Times one run of an async operation, in milliseconds. */
export async function time(run: () => Promise<unknown>): Promise<number> {
  const began = performance.now();
  await run();
  return performance.now() - began;
}

/** Every number in a value (deeply), for checking that a run produced only finite numbers. */
export function numbersIn(value: unknown, path = "$"): [string, number][] {
  if (typeof value === "number") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => numbersIn(item, `${path}[${i}]`));
  if (typeof value === "object" && value !== null)
    return Object.entries(value).flatMap(([key, item]) => numbersIn(item, `${path}.${key}`));
  return [];
}
