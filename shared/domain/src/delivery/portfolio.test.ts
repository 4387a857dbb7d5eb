import { describe, expect, it } from "vitest";
import type { OwedUpdate } from "./model.js";
import { portfolioDashboard, supplierScorecard, type ContractCounts } from "./portfolio.js";
import type { RatingCounts } from "./ratings.js";
import type { DeliveryCounts } from "./status.js";
import { contract } from "./test-support.js";

const none: RatingCounts = { good: 0, approachingTarget: 0, requiresImprovement: 0, inadequate: 0, other: 0 };
const QUARTERS = ["2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1"];
const TODAY = "2027-02-10";

/** The counts' ratings over time: zeros but for the quarters given. */
function overTime(some: Record<string, Partial<RatingCounts>> = {}): DeliveryCounts["ratingsOverTime"] {
  return QUARTERS.map((quarter) => ({ quarter, ratings: { ...none, ...some[quarter] } }));
}

function counts(contractId: string, overrides: Partial<DeliveryCounts> = {}): DeliveryCounts {
  return { contractId, status: "active", ratings: { ...none, good: 1 }, ratingsOverTime: overTime({ "2026-Q4": { good: 3 } }), owed: [], overdueUpdates: 0, assessment: null, socialValue: { committed: 100, delivered: 10 }, compliance: [], ...overrides };
}

const owed = (what: OwedUpdate["what"]): OwedUpdate => ({ contractId: "c-1", kpiId: "k-1", kpiTitle: "Collections on time", period: "2027-01", since: "2027-02-01", owedBy: what === "review" ? "manager" : "supplier", what });

const items: ContractCounts[] = [
  {
    contract: contract({ id: "c-1", reference: "CCC-300", serviceArea: "Streetscene", managerName: "Tom Brennan" }),
    counts: counts("c-1", { overdueUpdates: 2, owed: [owed("update"), owed("correction"), owed("review")], assessment: { due: "2027-04-01", isDue: true }, ratingsOverTime: overTime({ "2025-Q2": { inadequate: 1 }, "2026-Q4": { good: 2, other: 1 } }) }),
  },
  { contract: contract({ id: "c-2", reference: "CCC-100" }), counts: counts("c-2", { status: "ended", ratings: { ...none, approachingTarget: 2, inadequate: 1 }, assessment: { due: "2027-09-01", isDue: false } }) },
  { contract: contract({ id: "c-3", reference: "CCC-200", serviceArea: "Adult social care", supplierId: "s-2" }), counts: counts("c-3", { overdueUpdates: 1, ratings: { ...none, other: 2 }, socialValue: { committed: 0.5, delivered: 0.25 } }) },
];
const names = new Map([["s-1", "Wyken Waste Solutions Ltd"]]);

describe("the portfolio dashboard", () => {
  it("sums the contracts' counts", () => {
    expect(portfolioDashboard(items, { today: TODAY })).toMatchObject({
      contracts: 3,
      ratings: { good: 1, approachingTarget: 2, requiresImprovement: 0, inadequate: 1, other: 2 },
      overdueUpdates: 3,
      assessmentsDue: 1,
      socialValue: { committed: 200.5, delivered: 20.25 },
    });
  });

  it("sums the ratings over time quarter by quarter, the 8 quarters up to today's", () => {
    const { ratingsOverTime } = portfolioDashboard(items, { today: TODAY });
    expect(ratingsOverTime.map((r) => r.quarter)).toEqual(QUARTERS);
    expect(ratingsOverTime.find((r) => r.quarter === "2026-Q4")?.ratings).toEqual({ ...none, good: 2 + 3 + 3, other: 1 });
    expect(ratingsOverTime.find((r) => r.quarter === "2025-Q2")?.ratings).toEqual({ ...none, inadequate: 1 });
    expect(ratingsOverTime.find((r) => r.quarter === "2027-Q1")?.ratings).toEqual(none);
  });

  it("has a row per service area by name, contracts without one last", () => {
    const dashboard = portfolioDashboard(items, { today: TODAY });
    expect(dashboard.byServiceArea.map((r) => [r.serviceArea, r.contracts, r.overdueUpdates])).toEqual([
      ["Adult social care", 1, 1],
      ["Streetscene", 1, 2],
      ["Not recorded", 1, 0],
    ]);
    expect(dashboard.byServiceArea[1]?.ratingsOverTime.find((r) => r.quarter === "2026-Q4")?.ratings).toEqual({ ...none, good: 2, other: 1 });
  });

  it("of no contracts has every quarter, at zero", () => {
    expect(portfolioDashboard([], { today: TODAY })).toEqual({
      contracts: 0,
      ratings: none,
      ratingsOverTime: QUARTERS.map((quarter) => ({ quarter, ratings: none })),
      overdueUpdates: 0,
      assessmentsDue: 0,
      socialValue: { committed: 0, delivered: 0 },
      byServiceArea: [],
      byContract: [],
    });
  });

  it("lists each contract by reference with its supplier, manager, counts and worst rating", () => {
    const rows = portfolioDashboard(items, { today: TODAY, supplierNames: names }).byContract;
    expect(rows.map((r) => [r.reference, r.rating])).toEqual([
      // Inadequate is the worst of approaching x2 and inadequate.
      ["CCC-100", "inadequate"],
      // Only Other: nothing to rate on.
      ["CCC-200", "other"],
      ["CCC-300", "good"],
    ]);
    expect(rows[2]).toEqual({
      contractId: "c-1",
      reference: "CCC-300",
      title: "Waste collection",
      supplierId: "s-1",
      supplierName: "Wyken Waste Solutions Ltd",
      serviceArea: "Streetscene",
      managerId: "m-1",
      managerName: "Tom Brennan",
      status: "active",
      startDate: "2026-04-01",
      endDate: "2028-03-31",
      ratings: { ...none, good: 1 },
      rating: "good",
      overdueUpdates: 2,
      reviewsWaiting: 1,
      assessment: { due: "2027-04-01", isDue: true },
      socialValue: { committed: 100, delivered: 10 },
    });
    // Not in the names given, no service area, no manager's name: said so, not guessed.
    expect(rows[1]).toMatchObject({ supplierId: "s-2", supplierName: null, serviceArea: "Adult social care", managerName: null });
    expect(rows[0]).toMatchObject({ serviceArea: "Not recorded", status: "ended", reviewsWaiting: 0 });
  });

  it("rates a contract with no KPI rated yet as null", () => {
    const [row] = portfolioDashboard([{ contract: contract(), counts: counts("c-1", { ratings: none }) }], { today: TODAY }).byContract;
    expect(row?.rating).toBeNull();
  });
});

describe("a supplier's scorecard", () => {
  it("sums only the supplier's contracts, listing each by reference", () => {
    const card = supplierScorecard("s-1", items, { today: TODAY, supplierNames: names });
    expect(card).toMatchObject({ supplierId: "s-1", contracts: 2, overdueUpdates: 2, socialValue: { committed: 200, delivered: 20 } });
    expect(card.byContract.map((c) => [c.reference, c.overdueUpdates, c.supplierName])).toEqual([
      ["CCC-100", 0, "Wyken Waste Solutions Ltd"],
      ["CCC-300", 2, "Wyken Waste Solutions Ltd"],
    ]);
    expect(card.byContract[0]).toMatchObject({ contractId: "c-2", reference: "CCC-100", title: "Waste collection", ratings: { ...none, approachingTarget: 2, inadequate: 1 }, overdueUpdates: 0, socialValue: { committed: 100, delivered: 10 } });
    expect(card.ratingsOverTime.find((r) => r.quarter === "2026-Q4")?.ratings).toEqual({ ...none, good: 5, other: 1 });
  });
});
