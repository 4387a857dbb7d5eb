import { describe, expect, it } from "vitest";
import { countRatings, NO_SERVICE_AREA, type PortfolioDashboard, type PortfolioTotals, type SocialValueLine, type SocialValueReport } from "@toms/domain";
import { percentDelivered, portfolioScope, quarterLabel, quarterShortLabel, quartersSpan, reportYearWords, ratedCount, ratingsByQuarter, socialValueByTheme } from "./portfolio-summary.js";

function totals(contracts: number, overdueUpdates: number): PortfolioTotals {
  return { contracts, ratings: countRatings(["good", "good", "inadequate"]), ratingsOverTime: [], overdueUpdates, assessmentsDue: 0, socialValue: { committed: 100, delivered: 50 } };
}

const PORTFOLIO: PortfolioDashboard = {
  ...totals(5, 7),
  byServiceArea: [
    { serviceArea: "Highways", ...totals(3, 4) },
    { serviceArea: NO_SERVICE_AREA, ...totals(2, 3) },
  ],
  byContract: [],
};

describe("what the tiles show", () => {
  it("shows the whole portfolio without a service area", () => {
    const scope = portfolioScope(PORTFOLIO, null);
    expect(scope.kind).toBe("whole");
    expect(scope.kind === "whole" && scope.totals.overdueUpdates).toBe(7);
  });

  it("shows the pinned service area's own row, “Not recorded” included", () => {
    const highways = portfolioScope(PORTFOLIO, "Highways");
    expect(highways).toMatchObject({ kind: "serviceArea", serviceArea: "Highways", totals: { contracts: 3, overdueUpdates: 4 } });
    expect(portfolioScope(PORTFOLIO, NO_SERVICE_AREA)).toMatchObject({ kind: "serviceArea", totals: { contracts: 2 } });
  });

  it("says a service area is missing rather than showing noughts for it", () => {
    expect(portfolioScope(PORTFOLIO, "Housing")).toEqual({ kind: "missing", serviceArea: "Housing" });
    // Names are matched exactly, as the service gives them.
    expect(portfolioScope(PORTFOLIO, "highways").kind).toBe("missing");
  });

  it("counts the KPIs of every rating", () => {
    expect(ratedCount(countRatings(["good", "other", "requiresImprovement", "good"]))).toBe(4);
    expect(ratedCount(countRatings([]))).toBe(0);
  });
});

describe("the share of social value delivered", () => {
  it("is in whole per cent, rounded down below 100", () => {
    expect(percentDelivered({ committed: 5000, delivered: 1200 })).toBe(24);
    expect(percentDelivered({ committed: 1000, delivered: 996 })).toBe(99);
    expect(percentDelivered({ committed: 1000, delivered: 1000 })).toBe(100);
    expect(percentDelivered({ committed: 1000, delivered: 1256 })).toBe(126);
    expect(percentDelivered({ committed: 1000, delivered: 0 })).toBe(0);
  });

  it("has no share when nothing is committed", () => {
    expect(percentDelivered({ committed: 0, delivered: 0 })).toBeNull();
    expect(percentDelivered({ committed: 0, delivered: 30 })).toBeNull();
  });
});

describe("the ratings by quarter", () => {
  it("labels calendar quarters by their months", () => {
    expect(quarterShortLabel("2026-Q1")).toBe("Jan–Mar 2026");
    expect(quarterShortLabel("2025-Q4")).toBe("Oct–Dec 2025");
    expect(quarterShortLabel("2025-Q5")).toBe("2025-Q5");
    expect(quarterLabel("2026-Q2")).toBe("April to June 2026");
    expect(quarterLabel("2025-Q4")).toBe("October to December 2025");
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

describe("social value by theme", () => {
  const line = (theme: string, serviceArea: string | null, committedValue: number, deliveredValue: number): SocialValueLine => ({
    contractId: "c1",
    contractReference: "CON-1",
    supplierId: "s1",
    serviceArea,
    kpiId: "k1",
    measure: "M1",
    name: "Measure",
    theme,
    outcomes: [],
    unit: "hours",
    period: "2025-06",
    periodEnd: "2025-06-30",
    committedQuantity: 1,
    committedValue,
    deliveredQuantity: 1,
    proxyValue: 1,
    catalogueVersion: "2026.1",
    deliveredValue,
  });
  const report = {
    byTheme: [
      { key: "Jobs", label: "Jobs", committed: 300, delivered: 120, previousCommitted: 0, previousDelivered: 0 },
      { key: "Environment", label: "Environment", committed: 50, delivered: 60, previousCommitted: 0, previousDelivered: 0 },
    ],
    lines: [line("Jobs", "Highways", 100.1, 40.2), line("Jobs", "Highways", 100.2, 0.1), line("Jobs", null, 100, 80), line("Environment", "Highways", 50, 60)],
  } as unknown as SocialValueReport;

  it("is the report's own rows for the whole portfolio", () => {
    expect(socialValueByTheme(report, null)).toEqual([
      { theme: "Jobs", committed: 300, delivered: 120 },
      { theme: "Environment", committed: 50, delivered: 60 },
    ]);
  });

  it("sums one service area's lines by theme, to the penny", () => {
    expect(socialValueByTheme(report, "Highways")).toEqual([
      { theme: "Environment", committed: 50, delivered: 60 },
      { theme: "Jobs", committed: 200.3, delivered: 40.3 },
    ]);
    expect(socialValueByTheme(report, NO_SERVICE_AREA)).toEqual([{ theme: "Jobs", committed: 100, delivered: 80 }]);
    expect(socialValueByTheme(report, "Housing")).toEqual([]);
  });
});

describe("the report's year in words", () => {
  it("names a financial year and its dates, or a calendar year", () => {
    expect(reportYearWords({ year: 2025, yearType: "financial", yearLabel: "2025/26" })).toBe("financial year 2025/26 (1 April 2025 to 31 March 2026)");
    expect(reportYearWords({ year: 2025, yearType: "calendar", yearLabel: "2025" })).toBe("calendar year 2025 (1 January 2025 to 31 December 2025)");
  });
});
