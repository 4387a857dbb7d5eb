// The KPI ratings quarter by quarter, as the ratings chart and its table show them: the quarters in
// order with their totals, and the months they span. The counts are the service's.
import { periodLabel, type RatingId, type RatingsInQuarter } from "@toms/domain";
import { ratedCount } from "../../common/ratings.js";

/** The month a quarter starts or ends in, as a period id: ("2026-Q1", "first") is "2026-01". */
function quarterMonth(quarter: string, which: "first" | "last"): string | null {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!match) return null;
  const month = (Number(match[2]) - 1) * 3 + (which === "first" ? 1 : 3);
  return `${match[1]}-${String(month).padStart(2, "0")}`;
}

/** The months a run of quarters covers, oldest first: ["2025-Q1", …, "2026-Q4"] is "January 2025 to December 2026". */
export function quartersSpan(quarters: readonly string[]): string {
  const first = quarters[0] === undefined ? null : quarterMonth(quarters[0], "first");
  const last = quarters.length === 0 ? null : quarterMonth(quarters[quarters.length - 1] as string, "last");
  return first && last ? `${periodLabel(first)} to ${periodLabel(last)}` : "the last 8 quarters";
}

/** A quarter's column of the ratings chart and its row of the table. */
export interface QuarterRatings {
  quarter: string;
  ratings: Record<RatingId, number>;
  total: number;
}

/** The quarters in order, oldest first, each with its total; `hasRatings` once any period is rated. */
export function ratingsByQuarter(over: readonly RatingsInQuarter[]): { quarters: QuarterRatings[]; hasRatings: boolean } {
  const quarters = [...over].sort((a, b) => (a.quarter < b.quarter ? -1 : a.quarter > b.quarter ? 1 : 0)).map((q) => ({ quarter: q.quarter, ratings: q.ratings, total: ratedCount(q.ratings) }));
  return { quarters, hasRatings: quarters.some((q) => q.total > 0) };
}
