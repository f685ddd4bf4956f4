import { describe, expect, it, vi } from "vitest";
import { chromiumForTests, findChromium } from "../src/chromium.js";

describe("finding Chromium", () => {
  it("takes CHROMIUM_PATH when it names a file, and says so when it does not", () => {
    expect(findChromium({ CHROMIUM_PATH: process.execPath })).toBe(process.execPath);
    expect(() => findChromium({ CHROMIUM_PATH: "/nonexistent/chromium" })).toThrow(
      "CHROMIUM_PATH is /nonexistent/chromium, but there is no file there",
    );
  });

  it("takes the first candidate that exists", () => {
    expect(findChromium({}, ["/nonexistent/chromium", process.execPath])).toBe(process.execPath);
    expect(findChromium({}, ["/nonexistent/chromium"])).toBeUndefined();
  });

  it("in CI, a missing browser fails the run; elsewhere the suite is skipped, loudly", () => {
    const nowhere = ["/nonexistent/chromium"];
    expect(() => chromiumForTests({ CI: "true" }, nowhere)).toThrow(
      "No Chromium found (looked at /nonexistent/chromium); install it with `apt-get install -y chromium` or set CHROMIUM_PATH",
    );
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      expect(chromiumForTests({}, nowhere)).toBeUndefined();
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("SKIPPING the browser tests"));
    } finally {
      warn.mockRestore();
    }
  });
});
