import { describe, expect, it } from "vitest";
import { countRatings } from "@toms/domain";
import { quartersSpan, ratingsByQuarter } from "./ratings-by-quarter.js";

describe("the ratings by quarter", () => {
  it("says the months a run of quarters spans", () => {
    expect(quartersSpan(["2025-Q1", "2025-Q2", "2026-Q4"])).toBe("January 2025 to December 2026");
    expect(quartersSpan(["2026-Q2"])).toBe("April 2026 to June 2026");
    expect(quartersSpan([])).toBe("the last 8 quarters");
  });

  it("orders the quarters oldest first with their totals, and knows when none is rated", () => {
    const { quarters, hasRatings } = ratingsByQuarter([
      { quarter: "2026-Q1", ratings: countRatings(["good", "inadequate"]) },
      { quarter: "2025-Q4", ratings: countRatings([]) },
    ]);
    expect(quarters.map((q) => [q.quarter, q.total])).toEqual([
      ["2025-Q4", 0],
      ["2026-Q1", 2],
    ]);
    expect(quarters[1]?.ratings.inadequate).toBe(1);
    expect(hasRatings).toBe(true);
    expect(ratingsByQuarter([{ quarter: "2026-Q1", ratings: countRatings([]) }]).hasRatings).toBe(false);
  });
});
