// The portfolio dashboard and the supplier scorecard: sums of contracts' delivery counts, and a
// row per contract.
import type { ContractRecord, ContractStatus } from "../register/contract.js";
import { RATINGS, type RatingId } from "./model.js";
import { addMoney } from "./money.js";
import { quartersTo } from "./periods.js";
import { countRatings, worstRating, type RatingCounts, type RatingsInQuarter } from "./ratings.js";
import { RATING_QUARTERS, type DeliveryCounts } from "./status.js";

export interface PortfolioTotals {
  contracts: number;
  ratings: RatingCounts;
  /** The contracts' KPI periods by rating, by the quarter they ended in: the 8 quarters up to today's, oldest first. */
  ratingsOverTime: RatingsInQuarter[];
  overdueUpdates: number;
  assessmentsDue: number;
  socialValue: { committed: number; delivered: number };
}

/** One contract as the portfolio's table lists it. */
export interface PortfolioContract {
  contractId: string;
  reference: string;
  title: string;
  supplierId: string;
  /** null when the supplier is not in the register (never expected; shown as its id). */
  supplierName: string | null;
  /** The contract's service area; "Not recorded" for a contract stored before service areas were kept. */
  serviceArea: string;
  managerId: string;
  managerName: string | null;
  status: ContractStatus;
  startDate: string;
  endDate: string;
  /** Its KPIs (not commitments) by current rating. */
  ratings: RatingCounts;
  /**
   * The worst current rating among its KPIs: the worst of Good to Inadequate, else Other when
   * every rated KPI is Other, else null (no KPI rated yet).
   */
  rating: RatingId | null;
  /** Updates and corrections not sent by their due date. */
  overdueUpdates: number;
  /** Supplier's updates waiting for the contract manager's review. */
  reviewsWaiting: number;
  assessment: { due: string; isDue: boolean } | null;
  socialValue: { committed: number; delivered: number };
}

/** The answer of GET /api/dashboard/portfolio. */
export interface PortfolioDashboard extends PortfolioTotals {
  /** One row per service area among the contracts, by name; contracts without one under "Not recorded". */
  byServiceArea: (PortfolioTotals & { serviceArea: string })[];
  /** Every contract, by reference. */
  byContract: PortfolioContract[];
}

export interface ContractCounts {
  contract: ContractRecord;
  counts: DeliveryCounts;
}

/** What the portfolio needs besides the counts. */
export interface PortfolioContext {
  /**
   * Today in the UK (YYYY-MM-DD): the ratings over time cover the 8 quarters up to its quarter.
   * Without it, the quarters of the contracts' counts (none for no contracts).
   */
  today?: string;
  /** Supplier names by id, for the contracts' rows. */
  supplierNames?: ReadonlyMap<string, string>;
}

/** The label of contracts with no service area recorded (made before service areas were kept). */
export const NO_SERVICE_AREA = "Not recorded";

/** The quarters the ratings over time cover. */
function quartersOf(items: readonly ContractCounts[], context: PortfolioContext): string[] {
  if (context.today) return quartersTo(context.today, RATING_QUARTERS);
  return items[0]?.counts.ratingsOverTime.map((r) => r.quarter) ?? [];
}

/** The sums of contracts' counts. */
function totals(items: readonly ContractCounts[], quarters: readonly string[]): PortfolioTotals {
  const byQuarter = new Map(quarters.map((quarter) => [quarter, countRatings([])]));
  const sum: PortfolioTotals = {
    contracts: items.length,
    ratings: countRatings([]),
    ratingsOverTime: quarters.map((quarter) => ({ quarter, ratings: byQuarter.get(quarter) as RatingCounts })),
    overdueUpdates: 0,
    assessmentsDue: 0,
    socialValue: { committed: 0, delivered: 0 },
  };
  const add = (into: RatingCounts, counts: RatingCounts) => {
    for (const { id } of RATINGS) into[id] += counts[id];
  };
  for (const { counts } of items) {
    add(sum.ratings, counts.ratings);
    for (const { quarter, ratings } of counts.ratingsOverTime) {
      const into = byQuarter.get(quarter);
      if (into) add(into, ratings);
    }
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

/** One contract's row. */
function contractRow({ contract, counts }: ContractCounts, supplierNames: ReadonlyMap<string, string>): PortfolioContract {
  return {
    contractId: contract.id,
    reference: contract.reference,
    title: contract.title,
    supplierId: contract.supplierId,
    supplierName: supplierNames.get(contract.supplierId) ?? null,
    serviceArea: serviceAreaOf(contract),
    managerId: contract.managerId,
    managerName: contract.managerName ?? null,
    status: counts.status,
    startDate: contract.startDate,
    endDate: contract.endDate,
    ratings: counts.ratings,
    rating: worstRating(counts.ratings),
    overdueUpdates: counts.overdueUpdates,
    reviewsWaiting: counts.owed.filter((o) => o.what === "review").length,
    assessment: counts.assessment,
    socialValue: counts.socialValue,
  };
}

const byReference = (a: ContractCounts, b: ContractCounts) => a.contract.reference.localeCompare(b.contract.reference, "en-GB");

export function portfolioDashboard(items: readonly ContractCounts[], context: PortfolioContext = {}): PortfolioDashboard {
  const quarters = quartersOf(items, context);
  const byArea = new Map<string, ContractCounts[]>();
  for (const item of items) {
    const area = serviceAreaOf(item.contract);
    byArea.set(area, [...(byArea.get(area) ?? []), item]);
  }
  const byServiceArea = [...byArea.entries()].sort(([a], [b]) => compareServiceAreas(a, b)).map(([serviceArea, group]) => ({ serviceArea, ...totals(group, quarters) }));
  const names = context.supplierNames ?? new Map<string, string>();
  return { ...totals(items, quarters), byServiceArea, byContract: [...items].sort(byReference).map((item) => contractRow(item, names)) };
}

/** A supplier's scorecard across its contracts: the totals, and each contract's row. */
export interface SupplierScorecard extends PortfolioTotals {
  supplierId: string;
  contracts: number;
  /** The supplier's contracts, by reference. */
  byContract: PortfolioContract[];
}

/** Only the supplier's contracts count, however many are given; by reference. */
export function supplierScorecard(supplierId: string, items: readonly ContractCounts[], context: PortfolioContext = {}): SupplierScorecard {
  const own = items.filter((i) => i.contract.supplierId === supplierId).sort(byReference);
  const names = context.supplierNames ?? new Map<string, string>();
  return { supplierId, ...totals(own, quartersOf(own, context)), byContract: own.map((item) => contractRow(item, names)) };
}
