// The portfolio's answer as branch d-api extends it (a row per contract, ratings over time), until
// that branch is merged and these come from @toms/domain.
import type { ContractStatus, PortfolioDashboard, PortfolioTotals, RatingCounts, RatingId } from "@toms/domain";

export interface RatingsInQuarter {
  /** "2026-Q1". */
  quarter: string;
  ratings: RatingCounts;
}

export interface PortfolioContract {
  contractId: string;
  reference: string;
  title: string;
  supplierId: string;
  supplierName: string | null;
  serviceArea: string;
  managerId: string;
  managerName: string | null;
  status: ContractStatus;
  startDate: string;
  endDate: string;
  ratings: RatingCounts;
  rating: RatingId | null;
  overdueUpdates: number;
  reviewsWaiting: number;
  assessment: { due: string; isDue: boolean } | null;
  socialValue: { committed: number; delivered: number };
}

export type Totals = PortfolioTotals & { ratingsOverTime: RatingsInQuarter[] };

export interface Portfolio extends Omit<PortfolioDashboard, "byServiceArea">, Totals {
  byServiceArea: (Totals & { serviceArea: string })[];
  byContract: PortfolioContract[];
}
