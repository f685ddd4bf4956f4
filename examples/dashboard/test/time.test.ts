import { describe, expect, it } from "vitest";
import { inputToCopernica } from "../src/time.js";

describe("inputToCopernica", () => {
  it("writes a datetime-local value as Copernica's wall-clock time", () => {
    expect(inputToCopernica("2024-06-01T08:30")).toBe("2024-06-01 08:30:00");
    expect(inputToCopernica("2024-06-01T08:30:15")).toBe("2024-06-01 08:30:15");
  });

  it("refuses anything else", () => {
    for (const value of ["", "2024-06-01", "2024-06-01 08:30", "2024-06-01T08:30:15.250"]) {
      expect(inputToCopernica(value)).toBeUndefined();
    }
  });
});
