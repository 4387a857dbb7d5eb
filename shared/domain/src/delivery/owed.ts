// How each KPI of a contract stands today, read from the digest's marks: who owes what since
// when, and the KPI's current rating. One rule for the dashboards, the contract view and the
// compliance findings.
import type { ContractRecord } from "../register/contract.js";
import type { DeliveryDigest, OwedUpdate, PeriodInfo, PeriodStatus, RatingId, UpdateStatus } from "./model.js";
import { contractPeriods } from "./periods.js";
import { readMarks } from "./summary.js";

/** A period's status today from the status of its latest update (undefined: none sent). */
export function periodStatus(info: PeriodInfo, latest: UpdateStatus | undefined, today: string): PeriodStatus {
  if (info.startDate > today) return "not-started";
  if (latest === "accepted") return "accepted";
  if (latest === "pending") return "awaiting-review";
  if (latest === "rejected") return "rejected";
  return today > info.due ? "overdue" : "open";
}

/** A digest's KPI today. */
export interface KpiToday {
  kpi: DeliveryDigest["kpis"][number];
  owed: OwedUpdate[];
  /** The rating of its latest period rated now (ratedNow); null when there is none yet. */
  currentRating: RatingId | null;
}

/** Told of each period rated now, with its rating: the accepted value's, or Other once past due with nothing accepted. */
export type RatedPeriodVisitor = (kpi: DeliveryDigest["kpis"][number], period: PeriodInfo, rating: RatingId) => void;

/**
 * Whether a period can be a KPI's current rating today: it has ended, and it is reported or past
 * its due date. A period just ended whose update is not due yet is still to come, not Other.
 */
export function ratedNow(period: { endDate: string; due: string }, reported: boolean, today: string): boolean {
  return period.endDate < today && (reported || period.due < today);
}

/**
 * Each KPI of the digest today. Owed: an update not sent by its due date (by the KPI's
 * reporter), a correction of a rejected update once the period is past due (by the supplier,
 * since the day of the rejection, or the due date in a digest written before that day was kept), and a supplier's
 * update waiting for review (by the manager, since the day it was sent). `onRated` is told of each
 * period rated now, as it is found (the ratings over time are counted so, without a list per KPI).
 */
export function kpisToday(contract: ContractRecord, digest: DeliveryDigest | undefined, today: string, dueDays: number, onRated?: RatedPeriodVisitor): KpiToday[] {
  return (digest?.kpis ?? []).map((kpi) => {
    const marks = readMarks(kpi.marks);
    const owed: OwedUpdate[] = [];
    let currentRating: RatingId | null = null;
    for (const info of contractPeriods(contract, kpi.frequency, dueDays)) {
      const mark = marks.get(info.period);
      if (ratedNow(info, mark?.rating !== undefined, today)) {
        currentRating = mark?.rating ?? "other";
        // The same periods make the current rating and the ratings over time.
        onRated?.(kpi, info, currentRating);
      }
      const status = periodStatus(info, mark?.latest, today);
      const owe = (since: string, owedBy: OwedUpdate["owedBy"], what: OwedUpdate["what"]) => owed.push({ contractId: contract.id, kpiId: kpi.id, kpiTitle: kpi.title, period: info.period, since, owedBy, what });
      if (status === "overdue") owe(info.due, kpi.reporter, "update");
      else if (status === "rejected" && today > info.due) owe(mark?.rejectedOn ?? info.due, "supplier", "correction");
      else if (status === "awaiting-review") owe(mark?.sentOn ?? info.due, "manager", "review");
    }
    return { kpi, owed, currentRating };
  });
}

/** What is owed on the contract's KPIs today, oldest first. */
export function owedOf(kpis: readonly KpiToday[]): OwedUpdate[] {
  // A stable sort: items owed since the same day stay in KPI and period order.
  return kpis.flatMap((k) => k.owed).sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : 0));
}
