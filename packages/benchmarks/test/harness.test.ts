import { describe, expect, it } from "vitest";
import { compare, median, numbersIn, quantile, ratioOf } from "../src/harness.js";

describe("harness", () => {
  it("computes medians and quantiles by interpolation", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([10], 0.99)).toBe(10);
    expect(median([])).toBeNaN();
  });

  it("compares each round against the baseline's sample of the same round", () => {
    expect(ratioOf([2, 4, 6], [1, 2, 2])).toEqual({ median: 2, p25: 2, p75: 2.5 });
  });

  it("warms up, then interleaves the variants in a rotating order, batch runs per sample", async () => {
    const calls: string[] = [];
    const variant = (name: string) => ({
      name,
      run: async () => {
        calls.push(name);
      },
    });
    const result = await compare([variant("a"), variant("b"), variant("c")], {
      warmup: 1,
      rounds: 3,
      batch: 2,
    });
    expect(calls.join("")).toBe(["abc", "aabbcc", "bbccaa", "ccaabb"].join(""));
    expect(result.baseline).toBe("a");
    expect(result.variants.map((v) => v.samples.length)).toEqual([3, 3, 3]);
    expect(result.variants[0]?.ratio).toEqual({ median: 1, p25: 1, p75: 1 });
  });

  it("finds every number in a result, deeply", () => {
    expect(numbersIn({ a: 1, b: [2, { c: Number.NaN }], d: "x" })).toEqual([
      ["$.a", 1],
      ["$.b[0]", 2],
      ["$.b[1].c", Number.NaN],
    ]);
  });
});
