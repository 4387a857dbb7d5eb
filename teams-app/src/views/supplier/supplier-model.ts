// What the supplier scorecard says: the supplier's name, its KPIs by rating in words, and its
// ratings quarter by quarter as the chart and its table show them. Every figure is the service's.
import { RATINGS, type RatingCounts, type RatingId, type RatingsInQuarter, type SupplierScorecard } from "@toms/domain";

/** The supplier's name as its contracts carry it; null when none does (no contract the caller may see). */
export function supplierNameOf(scorecard: Pick<SupplierScorecard, "byContract">): string | null {
  return scorecard.byContract.find((c) => c.supplierName)?.supplierName ?? null;
}

/** Every KPI counted, whatever its rating. */
export function totalOf(ratings: RatingCounts): number {
  return RATINGS.reduce((sum, r) => sum + ratings[r.id], 0);
}

/** The ratings with a count, best first, in words: "2 Good, 1 Approaching target"; "No KPIs rated yet" for none. */
export function ratingSummary(ratings: RatingCounts): string {
  const parts = RATINGS.filter((r) => ratings[r.id] > 0).map((r) => `${ratings[r.id]} ${r.label}`);
  return parts.length > 0 ? parts.join(", ") : "No KPIs rated yet";
}

const SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** A quarter as a chart's axis fits it: "2026-Q1" is "Jan–Mar 2026". */
export function quarterShort(quarter: string): string {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!match) return quarter;
  const first = (Number(match[2]) - 1) * 3;
  return `${SHORT_MONTHS[first]}–${SHORT_MONTHS[first + 2]} ${match[1]}`;
}

/** Whether any KPI period was rated in the quarters shown: without one the chart has nothing to draw. */
export function hasRatingsOverTime(quarters: readonly RatingsInQuarter[]): boolean {
  return quarters.some((q) => totalOf(q.ratings) > 0);
}

/** One stack of the chart: a quarter and its ratings, best first, leaving out the ratings it has none of. */
export function ratingStacks(quarters: readonly RatingsInQuarter[]): { quarter: string; label: string; parts: { rating: RatingId; label: string; count: number }[] }[] {
  return quarters.map((q) => ({
    quarter: q.quarter,
    label: quarterShort(q.quarter),
    parts: RATINGS.filter((r) => q.ratings[r.id] > 0).map((r) => ({ rating: r.id, label: r.label, count: q.ratings[r.id] })),
  }));
}
