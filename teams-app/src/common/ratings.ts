// The statutory ratings named, counted and put into words, as the tiles and tables say them. The
// counts are the service's; only their sum and their words are made here.
import { RATINGS, ratingLabel as statutoryLabel, type RatingCounts, type RatingId } from "@toms/domain";
import { formatNumber } from "./format.js";

/** A rating's statutory name, e.g. "Approaching target"; "Not yet rated" for none. */
export function ratingLabel(rating: RatingId | null | undefined): string {
  return rating ? statutoryLabel(rating) : "Not yet rated";
}

/** How many KPIs the counts cover, whatever their rating. */
export function ratedCount(ratings: Readonly<RatingCounts>): number {
  return RATINGS.reduce((sum, r) => sum + ratings[r.id], 0);
}

/** "1 KPI", "12 KPIs". */
export function kpiWords(count: number): string {
  return `${formatNumber(count)} ${count === 1 ? "KPI" : "KPIs"}`;
}

/** The ratings with a count, best first, in words: "2 Good, 1 Approaching target"; "No KPIs rated yet" for none. */
export function ratingSummary(ratings: Readonly<RatingCounts>): string {
  const parts = RATINGS.filter((r) => ratings[r.id] > 0).map((r) => `${formatNumber(ratings[r.id])} ${r.label}`);
  return parts.length > 0 ? parts.join(", ") : "No KPIs rated yet";
}
