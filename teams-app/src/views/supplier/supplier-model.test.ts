import { describe, expect, it } from "vitest";
import { hasRatingsOverTime, quarterShort, ratingStacks, ratingSummary, supplierNameOf, totalOf } from "./supplier-model.js";

const counts = (good = 0, approachingTarget = 0, requiresImprovement = 0, inadequate = 0, other = 0) => ({ good, approachingTarget, requiresImprovement, inadequate, other });

describe("the supplier scorecard", () => {
  it("names the supplier from its contracts, or not at all", () => {
    expect(supplierNameOf({ byContract: [{ supplierName: null }, { supplierName: "Midlands Fleet Services Ltd" }] as never })).toBe("Midlands Fleet Services Ltd");
    expect(supplierNameOf({ byContract: [] })).toBeNull();
  });

  it("counts and says the ratings, best first, leaving out those with none", () => {
    expect(totalOf(counts(2, 1, 0, 3, 4))).toBe(10);
    expect(ratingSummary(counts(2, 1, 0, 3, 4))).toBe("2 Good, 1 Approaching target, 3 Inadequate, 4 Other");
    expect(ratingSummary(counts())).toBe("No KPIs rated yet");
  });

  it("shortens a quarter for the chart's axis", () => {
    expect(quarterShort("2026-Q1")).toBe("Jan–Mar 2026");
    expect(quarterShort("2025-Q4")).toBe("Oct–Dec 2025");
    expect(quarterShort("2026")).toBe("2026");
  });

  it("stacks each quarter's ratings, and knows when there is nothing to draw", () => {
    const quarters = [
      { quarter: "2026-Q2", ratings: counts(7, 0, 0, 0, 1) },
      { quarter: "2026-Q3", ratings: counts() },
    ];
    expect(ratingStacks(quarters)).toEqual([
      { quarter: "2026-Q2", label: "Apr–Jun 2026", parts: [{ rating: "good", label: "Good", count: 7 }, { rating: "other", label: "Other", count: 1 }] },
      { quarter: "2026-Q3", label: "Jul–Sep 2026", parts: [] },
    ]);
    expect(hasRatingsOverTime(quarters)).toBe(true);
    expect(hasRatingsOverTime([quarters[1]!])).toBe(false);
  });
});
