// The portfolio dashboard and the supplier scorecard: sums of contracts' delivery counts.
import type { ContractRecord } from "../register/contract.js";
import { addMoney } from "./money.js";
import { countRatings, type RatingCounts } from "./ratings.js";
import type { DeliveryCounts } from "./status.js";

export interface PortfolioTotals {
  contracts: number;
  ratings: RatingCounts;
  overdueUpdates: number;
  assessmentsDue: number;
  socialValue: { committed: number; delivered: number };
}

/** The answer of GET /api/dashboard/portfolio. */
export interface PortfolioDashboard extends PortfolioTotals {
  /** One row per service area among the contracts, by name; contracts without one under "Not recorded". */
  byServiceArea: (PortfolioTotals & { serviceArea: string })[];
}

export interface ContractCounts {
  contract: ContractRecord;
  counts: DeliveryCounts;
}

/** The label of contracts with no service area recorded (made before service areas were kept). */
export const NO_SERVICE_AREA = "Not recorded";

/** The sums of contracts' counts. */
function totals(items: readonly ContractCounts[]): PortfolioTotals {
  const sum: PortfolioTotals = { contracts: items.length, ratings: countRatings([]), overdueUpdates: 0, assessmentsDue: 0, socialValue: { committed: 0, delivered: 0 } };
  for (const { counts } of items) {
    for (const [rating, n] of Object.entries(counts.ratings) as [keyof RatingCounts, number][]) sum.ratings[rating] += n;
    sum.overdueUpdates += counts.overdueUpdates;
    if (counts.assessment?.isDue) sum.assessmentsDue += 1;
    sum.socialValue.committed = addMoney(sum.socialValue.committed, counts.socialValue.committed);
    sum.socialValue.delivered = addMoney(sum.socialValue.delivered, counts.socialValue.delivered);
  }
  return sum;
}

/** The contract's service area as the dashboards group it. */
export function serviceAreaOf(contract: ContractRecord): string {
  return contract.serviceArea?.trim() || NO_SERVICE_AREA;
}

/** Service areas by name, "Not recorded" last. */
export function compareServiceAreas(a: string, b: string): number {
  if (a === b) return 0;
  if (a === NO_SERVICE_AREA) return 1;
  if (b === NO_SERVICE_AREA) return -1;
  return a.localeCompare(b, "en-GB");
}

export function portfolioDashboard(items: readonly ContractCounts[]): PortfolioDashboard {
  const byArea = new Map<string, ContractCounts[]>();
  for (const item of items) {
    const area = serviceAreaOf(item.contract);
    byArea.set(area, [...(byArea.get(area) ?? []), item]);
  }
  const byServiceArea = [...byArea.entries()].sort(([a], [b]) => compareServiceAreas(a, b)).map(([serviceArea, group]) => ({ serviceArea, ...totals(group) }));
  return { ...totals(items), byServiceArea };
}

/** A supplier's scorecard across its contracts: the totals, and each contract's counts. */
export interface SupplierScorecard extends PortfolioTotals {
  supplierId: string;
  contracts: number;
  byContract: { contractId: string; reference: string; title: string; ratings: RatingCounts; overdueUpdates: number; socialValue: { committed: number; delivered: number } }[];
}

/** Only the supplier's contracts count, however many are given; by reference. */
export function supplierScorecard(supplierId: string, items: readonly ContractCounts[]): SupplierScorecard {
  const own = items.filter((i) => i.contract.supplierId === supplierId).sort((a, b) => a.contract.reference.localeCompare(b.contract.reference, "en-GB"));
  return {
    supplierId,
    ...totals(own),
    byContract: own.map(({ contract, counts }) => ({
      contractId: contract.id,
      reference: contract.reference,
      title: contract.title,
      ratings: counts.ratings,
      overdueUpdates: counts.overdueUpdates,
      socialValue: counts.socialValue,
    })),
  };
}
