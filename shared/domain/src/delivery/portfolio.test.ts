import { describe, expect, it } from "vitest";
import { portfolioDashboard, supplierScorecard, type ContractCounts } from "./portfolio.js";
import type { DeliveryCounts } from "./status.js";
import { contract } from "./test-support.js";

function counts(contractId: string, overrides: Partial<DeliveryCounts> = {}): DeliveryCounts {
  return { contractId, ratings: { good: 1, approachingTarget: 0, requiresImprovement: 0, inadequate: 0, other: 0 }, owed: [], overdueUpdates: 0, assessment: null, socialValue: { committed: 100, delivered: 10 }, compliance: [], ...overrides };
}

const items: ContractCounts[] = [
  { contract: contract({ id: "c-1", reference: "CCC-300", serviceArea: "Streetscene" }), counts: counts("c-1", { overdueUpdates: 2, assessment: { due: "2027-04-01", isDue: true } }) },
  { contract: contract({ id: "c-2", reference: "CCC-100" }), counts: counts("c-2", { ratings: { good: 0, approachingTarget: 2, requiresImprovement: 0, inadequate: 1, other: 0 }, assessment: { due: "2027-09-01", isDue: false } }) },
  { contract: contract({ id: "c-3", reference: "CCC-200", serviceArea: "Adult social care", supplierId: "s-2" }), counts: counts("c-3", { overdueUpdates: 1, socialValue: { committed: 0.5, delivered: 0.25 } }) },
];

describe("the portfolio dashboard", () => {
  it("sums the contracts' counts", () => {
    expect(portfolioDashboard(items)).toMatchObject({
      contracts: 3,
      ratings: { good: 2, approachingTarget: 2, requiresImprovement: 0, inadequate: 1, other: 0 },
      overdueUpdates: 3,
      assessmentsDue: 1,
      socialValue: { committed: 200.5, delivered: 20.25 },
    });
  });

  it("has a row per service area by name, contracts without one last", () => {
    expect(portfolioDashboard(items).byServiceArea.map((r) => [r.serviceArea, r.contracts, r.overdueUpdates])).toEqual([
      ["Adult social care", 1, 1],
      ["Streetscene", 1, 2],
      ["Not recorded", 1, 0],
    ]);
    expect(portfolioDashboard([])).toEqual({ contracts: 0, ratings: { good: 0, approachingTarget: 0, requiresImprovement: 0, inadequate: 0, other: 0 }, overdueUpdates: 0, assessmentsDue: 0, socialValue: { committed: 0, delivered: 0 }, byServiceArea: [] });
  });
});

describe("a supplier's scorecard", () => {
  it("sums only the supplier's contracts, listing each by reference", () => {
    const card = supplierScorecard("s-1", items);
    expect(card).toMatchObject({ supplierId: "s-1", contracts: 2, overdueUpdates: 2, socialValue: { committed: 200, delivered: 20 } });
    expect(card.byContract.map((c) => [c.reference, c.overdueUpdates])).toEqual([
      ["CCC-100", 0],
      ["CCC-300", 2],
    ]);
    expect(card.byContract[0]).toEqual({ contractId: "c-2", reference: "CCC-100", title: "Waste collection", ratings: { good: 0, approachingTarget: 2, requiresImprovement: 0, inadequate: 1, other: 0 }, overdueUpdates: 0, socialValue: { committed: 100, delivered: 10 } });
  });
});
