// How a contract's delivery stands today: each KPI's periods and rating, who owes what, the
// social value delivered, and the compliance findings (docs/delivery.md).
import type { ContractRecord } from "../register/contract.js";
import type { ComplianceFinding, DeliveryDigest, DeliverySummary, KpiPeriod, KpiRecord, OwedUpdate, PeriodEntry, RatingId } from "./model.js";
import type { RatingCounts } from "./ratings.js";

/** A KPI's periods over the contract's term as they stand today. */
export function kpiPeriods(contract: ContractRecord, kpi: KpiRecord, entries: Readonly<Record<string, PeriodEntry>> | undefined, today: string, dueDays: number): KpiPeriod[] {
  throw new Error("Not implemented yet: kpiPeriods");
}

/** The counts a dashboard shows of one contract, from its digest. */
export interface DeliveryCounts {
  contractId: string;
  /** KPIs (not commitments) by the rating of their latest ended period. */
  ratings: RatingCounts;
  owed: OwedUpdate[];
  /** Updates not sent by their due date (reviews waiting are in owed, not here). */
  overdueUpdates: number;
  /** The next assessment's due date, and whether it is due (within 30 days, or past). */
  assessment: { due: string; isDue: boolean } | null;
  socialValue: { committed: number; delivered: number };
  compliance: ComplianceFinding[];
}

/** Today's counts of a contract from its digest (a contract with none has no KPIs and no updates). */
export function deliveryCounts(contract: ContractRecord, digest: DeliveryDigest | undefined, today: string, dueDays: number): DeliveryCounts {
  throw new Error("Not implemented yet: deliveryCounts");
}

/** One contract's delivery in full: the counts, and each KPI with its periods. */
export interface ContractDelivery extends DeliveryCounts {
  kpis: { kpi: KpiRecord; periods: KpiPeriod[]; currentRating: RatingId | null }[];
}

export function contractDelivery(contract: ContractRecord, summary: DeliverySummary | undefined, today: string, dueDays: number): ContractDelivery {
  throw new Error("Not implemented yet: contractDelivery");
}
