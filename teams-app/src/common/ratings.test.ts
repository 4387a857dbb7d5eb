import { describe, expect, it } from "vitest";
import { countRatings } from "@toms/domain";
import { kpiWords, ratedCount, ratingSummary } from "./ratings.js";

describe("the KPIs by rating", () => {
  it("counts the KPIs of every rating", () => {
    expect(ratedCount(countRatings(["good", "other", "requiresImprovement", "good"]))).toBe(4);
    expect(ratedCount(countRatings([]))).toBe(0);
  });

  it("says the ratings with a count, best first, leaving out those with none", () => {
    expect(ratingSummary(countRatings(["other", "inadequate", "good", "approachingTarget", "good"]))).toBe("2 Good, 1 Approaching target, 1 Inadequate, 1 Other");
    expect(ratingSummary(countRatings([]))).toBe("No KPIs rated yet");
  });

  it("counts KPIs in words", () => {
    expect(kpiWords(1)).toBe("1 KPI");
    expect(kpiWords(1200)).toBe("1,200 KPIs");
  });
});
