// The portfolio dashboard and the supplier scorecard: sums of contracts' delivery counts.
import type { ContractRecord } from "../register/contract.js";
import type { RatingCounts } from "./ratings.js";
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

export function portfolioDashboard(items: readonly ContractCounts[]): PortfolioDashboard {
  throw new Error("Not implemented yet: portfolioDashboard");
}

/** A supplier's scorecard across its contracts: the totals, and each contract's counts. */
export interface SupplierScorecard extends PortfolioTotals {
  supplierId: string;
  contracts: number;
  byContract: { contractId: string; reference: string; title: string; ratings: RatingCounts; overdueUpdates: number; socialValue: { committed: number; delivered: number } }[];
}

export function supplierScorecard(supplierId: string, items: readonly ContractCounts[]): SupplierScorecard {
  throw new Error("Not implemented yet: supplierScorecard");
}
