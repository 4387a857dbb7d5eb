import { describe, expect, it } from "vitest";
import { ukDate, ukDateTime } from "./dates.js";

describe("dates in UK time", () => {
  it("says the day in Europe/London, summer time included", () => {
    expect(ukDate(new Date("2026-07-01T23:30:00Z"))).toBe("2026-07-02");
    expect(ukDate(new Date("2026-01-01T23:30:00Z"))).toBe("2026-01-01");
  });

  it("says a moment to the minute, on a 24-hour clock, naming the time zone", () => {
    expect(ukDateTime(new Date("2026-07-01T13:02:59Z"))).toBe("2026-07-01 14:02 (UK time)");
    expect(ukDateTime(new Date("2026-01-01T00:05:00Z"))).toBe("2026-01-01 00:05 (UK time)");
    expect(ukDateTime(new Date("2026-03-28T23:59:00Z"))).toBe("2026-03-28 23:59 (UK time)");
  });
});
