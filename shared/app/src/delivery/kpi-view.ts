// A KPI as readers see it: its record, its periods as they stand today, its current rating, and
// the ETag a change to it is made with.
import { currentRating, kpiPeriods, ukDate, type ContractRecord, type DeliverySummary, type KpiPeriod, type KpiRecord, type RatingId } from "@toms/domain";
import type { AppDeps } from "../deps.js";

export interface KpiView extends KpiRecord {
  periods: KpiPeriod[];
  /** The rating of its latest ended period; null before any has ended. */
  currentRating: RatingId | null;
  /** Send it as If-Match to change the KPI. */
  etag: string;
}

/** A commitment's KPI worked out from the award has no row yet: its ETag says so, and a change stores it. */
export const AWARDED_COMMITMENT_ETAG = '"awarded-commitment"';

export function kpiView(deps: AppDeps, contract: ContractRecord, kpi: KpiRecord, summary: DeliverySummary | undefined, etag: string | undefined): KpiView {
  const today = ukDate(deps.now());
  const periods = kpiPeriods(contract, kpi, summary?.periods[kpi.id], today, deps.delivery.dueDays);
  return { ...kpi, periods, currentRating: currentRating(periods, today), etag: etag ?? AWARDED_COMMITMENT_ETAG };
}
