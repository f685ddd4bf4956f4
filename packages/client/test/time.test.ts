import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDate, formatTimestamp, parseTimestamp } from "../src/index.js";

describe("formatTimestamp", () => {
  it.each([
    ["2024-01-15T12:00:00Z", "2024-01-15 13:00:00"], // CET, UTC+1
    ["2024-07-15T12:00:00Z", "2024-07-15 14:00:00"], // CEST, UTC+2
    ["2024-03-31T00:59:59Z", "2024-03-31 01:59:59"], // the last second before clocks go forward
    ["2024-03-31T01:00:00Z", "2024-03-31 03:00:00"], // ... and the first after
    ["2024-10-27T00:30:00Z", "2024-10-27 02:30:00"], // 02:30 the first time (CEST)
    ["2024-10-27T01:30:00Z", "2024-10-27 02:30:00"], // 02:30 again (CET)
    ["2024-12-31T23:00:00Z", "2025-01-01 00:00:00"], // new year in Amsterdam, not yet in UTC
    ["2024-02-29T22:59:59.999Z", "2024-02-29 23:59:59"], // milliseconds are cut, never rounded up
  ])("writes %s as %s in Europe/Amsterdam", (iso, expected) => {
    expect(formatTimestamp(new Date(iso))).toBe(expected);
  });

  it("writes another time zone when asked", () => {
    expect(formatTimestamp(new Date("2024-07-15T12:00:00Z"), "UTC")).toBe("2024-07-15 12:00:00");
    expect(formatTimestamp(new Date("2024-07-15T12:00:00Z"), "Asia/Kolkata")).toBe(
      "2024-07-15 17:30:00",
    );
  });

  it("refuses an invalid Date, naming it", () => {
    expect(() => formatTimestamp(new Date("nope"))).toThrow(
      "date must be a valid Date, got Invalid Date",
    );
  });
});

describe("parseTimestamp", () => {
  it.each([
    ["2024-01-15 13:00:00", "2024-01-15T12:00:00.000Z"],
    ["2024-07-15 14:00:00", "2024-07-15T12:00:00.000Z"],
    ["2024-10-27 02:30:00", "2024-10-27T00:30:00.000Z"], // happens twice: the first
    ["2024-03-31 02:30:00", "2024-03-31T01:30:00.000Z"], // never happens: moved forward, to 03:30 CEST
  ])("reads %s as %s", (text, iso) => {
    expect(parseTimestamp(text)?.toISOString()).toBe(iso);
  });

  // East of +12 h: a day's offsets must be looked at on both sides of the change.
  it.each([
    ["Pacific/Auckland", "2024-04-07 02:30:00", "2024-04-06T13:30:00.000Z"], // twice: the first
    ["Pacific/Auckland", "2024-09-29 02:30:00", "2024-09-28T14:30:00.000Z"], // never: to 03:30
    ["Pacific/Chatham", "2024-04-07 02:15:00", "2024-04-06T12:30:00.000Z"], // once, +13:45
    ["Pacific/Kiritimati", "2024-06-01 12:00:00", "2024-05-31T22:00:00.000Z"], // +14
  ])("reads %s %s as %s", (timeZone, text, iso) => {
    expect(parseTimestamp(text, timeZone)?.toISOString()).toBe(iso);
  });

  it("reads Copernica's empty date as null", () => {
    expect(parseTimestamp("0000-00-00 00:00:00")).toBeNull();
  });

  it.each(["2024-01-15T13:00:00", "2024-01-15", "15-01-2024 13:00:00", ""])(
    "refuses %j",
    (text) => {
      expect(() => parseTimestamp(text)).toThrow(
        "a Copernica timestamp must be written YYYY-MM-DD HH:MM:SS",
      );
    },
  );
});

describe("across daylight-saving changes (property)", () => {
  const moments = fc.date({
    min: new Date("1980-01-01T00:00:00Z"),
    max: new Date("2100-01-01T00:00:00Z"),
    noInvalidDate: true,
  });
  const zones = fc.constantFrom(
    "Europe/Amsterdam",
    "America/New_York",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Pacific/Chatham",
    "UTC",
    "Asia/Kolkata",
  );

  it("formats what an independent formatter shows on the wall clock", () => {
    fc.assert(
      fc.property(moments, zones, (date, timeZone) => {
        // Swedish writes dates as YYYY-MM-DD HH:MM:SS: a second opinion from the platform.
        const wall = date.toLocaleString("sv-SE", { timeZone, hourCycle: "h23" });
        expect(formatTimestamp(date, timeZone)).toBe(wall);
      }),
      { numRuns: 500 },
    );
  });

  it("reads back the moment it wrote, to the second, but for the hour that happens twice", () => {
    fc.assert(
      fc.property(moments, zones, (date, timeZone) => {
        const second = Math.floor(date.getTime() / 1000) * 1000;
        const text = formatTimestamp(date, timeZone);
        const back = parseTimestamp(text, timeZone)?.getTime();
        expect(formatTimestamp(new Date(back ?? Number.NaN), timeZone)).toBe(text);
        if (back !== second) {
          // Only when clocks went back: the same wall time an hour (or half an hour) earlier.
          expect(second - (back ?? 0)).toBeGreaterThan(0);
          expect(second - (back ?? 0)).toBeLessThanOrEqual(3600_000);
          expect(formatTimestamp(new Date(second - 3600_000 * 2), timeZone)).not.toBe(text);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("every hour of the days clocks change reads back to the same wall time", () => {
    for (const day of ["2024-03-31", "2024-10-27", "2025-03-30", "2025-10-26"]) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const text = `${day} ${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}:00`;
        const back = formatTimestamp(parseTimestamp(text) as Date);
        const skipped = text.startsWith("2024-03-31 02:") || text.startsWith("2025-03-30 02:");
        if (!skipped) expect(back).toBe(text);
        else expect(back).toBe(text.replace(" 02:", " 03:"));
      }
    }
  });
});

describe("formatDate", () => {
  it("writes the UTC day, as the v1 API takes it", () => {
    expect(formatDate(new Date("2024-03-31T23:30:00Z"))).toBe("2024-03-31");
    expect(formatDate(new Date("2024-04-01T00:30:00+02:00"))).toBe("2024-03-31");
    expect(() => formatDate(new Date(Number.NaN), "start")).toThrow("start must be a valid Date");
  });
});
