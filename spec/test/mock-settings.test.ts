import { describe, expect, it } from "vitest";
import { parseMockSettings, startMock } from "../src/mock.js";

describe("parseMockSettings", () => {
  it("reads the mode and seed as the command line and the environment give them", () => {
    expect(parseMockSettings({})).toEqual({ mode: "examples", seed: undefined });
    expect(parseMockSettings({ mode: "", seed: "" })).toEqual({
      mode: "examples",
      seed: undefined,
    });
    expect(parseMockSettings({ mode: "generated" })).toEqual({
      mode: "generated",
      seed: undefined,
    });
    expect(parseMockSettings({ mode: "generated", seed: "0" })).toEqual({
      mode: "generated",
      seed: 0,
    });
    expect(parseMockSettings({ mode: "generated", seed: "4294967295" })).toEqual({
      mode: "generated",
      seed: 4_294_967_295,
    });
  });

  it.each([
    [{ mode: "random" }, 'MOCK_MODE must be one of examples, generated, got "random"'],
    [
      { mode: "generated", seed: "-3" },
      'MOCK_SEED must be an integer from 0 to 4294967295, got "-3"',
    ],
    [
      { mode: "generated", seed: "1.5" },
      'MOCK_SEED must be an integer from 0 to 4294967295, got "1.5"',
    ],
    [
      { mode: "generated", seed: "4294967296" },
      'MOCK_SEED must be an integer from 0 to 4294967295, got "4294967296"',
    ],
    [{ seed: "7" }, "MOCK_SEED applies to the generated data only: set MOCK_MODE to generated"],
  ])("refuses %j, naming the setting as its caller spells it", (text, message) => {
    expect(() => parseMockSettings(text, { mode: "MOCK_MODE", seed: "MOCK_SEED" })).toThrow(
      new RangeError(message),
    );
  });
});

describe("startMock", () => {
  // The same check as parseMockSettings, for typed options: it refuses before starting Prism.
  it.each([
    [{ mode: "random" }, 'mode must be one of examples, generated, got "random"'],
    ...[-1, 1.5, 2 ** 32, Number.NaN].map((seed) => [
      { mode: "generated", seed },
      `seed must be an integer from 0 to 4294967295, got ${seed}`,
    ]),
    [{ mode: "generated", seed: "x" }, 'seed must be an integer from 0 to 4294967295, got "x"'],
    [{ seed: 7 }, "seed applies to the generated data only: set mode to generated"],
    // node:http would listen on every interface.
    [{ host: "" }, 'host must be an address to listen on, such as 127.0.0.1, got ""'],
    [{ host: " " }, 'host must be an address to listen on, such as 127.0.0.1, got " "'],
    ...[0, -1, Number.NaN, 2 ** 31].map((startupTimeoutMs) => [
      { startupTimeoutMs },
      `startupTimeoutMs must be from 1 to 2147483647 (ms), got ${startupTimeoutMs}`,
    ]),
  ] as [object, string][])("refuses %j, saying what to fix", async (options, message) => {
    await expect(startMock({ port: 0, ...options })).rejects.toThrow(new RangeError(message));
  });
});
