// How a contract's delivery stands today: each KPI's periods and rating, who owes what, the
// social value delivered, and the compliance findings (docs/delivery.md).
import { contractStatus, type ContractRecord, type ContractStatus } from "../register/contract.js";
import { complianceFindingsOwing, nextAssessment } from "./compliance.js";
import { targetFor } from "./kpis.js";
import type { ComplianceFinding, DeliveryDigest, DeliverySummary, KpiPeriod, KpiRecord, OwedUpdate, PeriodEntry, RatingId } from "./model.js";
import { kpisToday, owedOf, periodStatus, ratedNow, type RatedPeriodVisitor } from "./owed.js";
import { contractPeriods, quartersTo } from "./periods.js";
import { countRatings, rate, type RatingCounts, type RatingsInQuarter } from "./ratings.js";
import { deliveryDigest } from "./summary.js";

/** A KPI's periods over the contract's term as they stand today. */
export function kpiPeriods(contract: ContractRecord, kpi: KpiRecord, entries: Readonly<Record<string, PeriodEntry>> | undefined, today: string, dueDays: number): KpiPeriod[] {
  return contractPeriods(contract, kpi.frequency, dueDays).map((info): KpiPeriod => {
    const { target, tolerance } = targetFor(kpi, info.period);
    const entry = entries?.[info.period];
    const accepted = entry?.accepted;
    return {
      ...info,
      target,
      tolerance,
      status: periodStatus(info, entry?.latest.status, today),
      ...(accepted ? { value: accepted.value, updateId: accepted.updateId } : {}),
      rating: rate(kpi.direction, target, tolerance, accepted?.value),
    };
  });
}

/** A KPI's rating now: that of its latest period ended and reported, or past its due date (null when there is none yet). */
export function currentRating(periods: readonly { endDate: string; due: string; rating: RatingId; value?: number }[], today: string): RatingId | null {
  return periods.findLast((p) => ratedNow(p, p.value !== undefined, today))?.rating ?? null;
}

/** How many calendar quarters the ratings over time cover: two years, up to today's quarter. */
export const RATING_QUARTERS = 8;

/** The counts a dashboard shows of one contract, from its digest. */
export interface DeliveryCounts {
  contractId: string;
  /** The contract's status today (not started, active, ended). */
  status: ContractStatus;
  /** KPIs (not commitments) by the rating of their latest ended period. */
  ratings: RatingCounts;
  /**
   * Its KPIs' periods (not commitments') by rating, by the calendar quarter each period ended in:
   * the 8 quarters up to today's, oldest first, every one present. A period counts once it is
   * rated now, as for the current rating: with its accepted value's rating, or Other once its
   * update is past due with nothing accepted.
   */
  ratingsOverTime: RatingsInQuarter[];
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
  const chart = ratingsChart(today);
  const kpis = kpisToday(contract, digest, today, dueDays, chart.count);
  const owed = owedOf(kpis);
  return {
    contractId: contract.id,
    status: contractStatus(contract, today),
    ratings: countRatings(kpis.flatMap((k) => (k.kpi.kind === "kpi" && k.currentRating ? [k.currentRating] : []))),
    ratingsOverTime: chart.quarters,
    owed,
    overdueUpdates: owed.filter((o) => o.what !== "review").length,
    assessment: nextAssessment(contract, digest, today),
    socialValue: { ...(digest?.socialValue ?? { committed: 0, delivered: 0 }) },
    compliance: complianceFindingsOwing(contract, digest, today, dueDays, owed),
  };
}

/** A day's calendar quarter as a number (year x 4 + quarter - 1), read without making strings: it runs for every period of every KPI. */
function quarterNumber(date: string): number {
  const digit = (at: number) => date.charCodeAt(at) - 48;
  const year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const month = digit(5) * 10 + digit(6);
  return year * 4 + Math.floor((month - 1) / 3);
}

/**
 * The ratings over time of a contract's KPIs (not commitments), filled in by `count` as each
 * period rated now is found: the 8 quarters up to today's, every one present.
 */
function ratingsChart(today: string): { quarters: RatingsInQuarter[]; count: RatedPeriodVisitor } {
  const none = countRatings([]);
  const quarters = quartersTo(today, RATING_QUARTERS).map((quarter) => ({ quarter, ratings: { ...none } }));
  const first = quarterNumber(today) - (RATING_QUARTERS - 1);
  return {
    quarters,
    count: (kpi, period, rating) => {
      if (kpi.kind !== "kpi") return;
      const counts = quarters[quarterNumber(period.endDate) - first]?.ratings;
      if (counts) counts[rating] += 1;
    },
  };
}

/** One contract's delivery in full: the counts, and each KPI with its periods. */
export interface ContractDelivery extends DeliveryCounts {
  kpis: { kpi: KpiRecord; periods: KpiPeriod[]; currentRating: RatingId | null }[];
}

/** The counts are the dashboard's, from the summary's digest, so that the two never disagree. */
export function contractDelivery(contract: ContractRecord, summary: DeliverySummary | undefined, today: string, dueDays: number): ContractDelivery {
  const counts = deliveryCounts(contract, summary ? deliveryDigest(summary) : undefined, today, dueDays);
  const kpis = (summary?.kpis ?? []).map((kpi) => {
    const periods = kpiPeriods(contract, kpi, summary?.periods[kpi.id], today, dueDays);
    return { kpi, periods, currentRating: currentRating(periods, today) };
  });
  return { ...counts, kpis };
}
