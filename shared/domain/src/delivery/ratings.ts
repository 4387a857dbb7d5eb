// The statutory ratings of a KPI's period, and of a KPI over an assessment (docs/delivery.md).
import { RATINGS, type KpiDirection, type RatingId } from "./model.js";

export type RatingCounts = Record<RatingId, number>;

/** Best first: the order the assessment's median is taken in ("other" is never ranked). */
const RANK: Record<RatingId, number> = Object.fromEntries(RATINGS.map((r, i) => [r.id, i])) as Record<RatingId, number>;

function ratingEntry(rating: RatingId): (typeof RATINGS)[number] {
  const entry = RATINGS.find((r) => r.id === rating);
  if (!entry) throw new Error(`Not a rating: ${rating}`);
  return entry;
}

/** A period's rating from its accepted value against target and tolerance; Other without a value. */
export function rate(direction: KpiDirection, target: number, tolerance: number, value: number | undefined): RatingId {
  if (value === undefined) return "other";
  // A value that is the target bar floating-point noise (0.1 + 0.2 for 0.3) meets it.
  const epsilon = 1e-9 * Math.max(1, Math.abs(target));
  // How far the value falls short of the target, whichever way is better.
  const shortfall = direction === "higher" ? target - value : value - target;
  if (shortfall <= epsilon) return "good";
  if (shortfall <= tolerance + epsilon) return "approachingTarget";
  if (shortfall <= 2 * tolerance + epsilon) return "requiresImprovement";
  return "inadequate";
}

/** "Approaching target". */
export function ratingLabel(rating: RatingId): string {
  return ratingEntry(rating).label;
}

/** The OCDS measureClassification id: "slightlyBelow". */
export function ratingOcdsId(rating: RatingId): string {
  return ratingEntry(rating).ocds;
}

/**
 * The rating an assessment suggests for a KPI from its periods' ratings: Other when fewer than
 * half the periods have a value, else the median of the rated ones, the worse middle one of an
 * even count.
 */
export function suggestRating(periods: readonly RatingId[]): RatingId {
  const rated = periods.filter((r) => r !== "other").sort((a, b) => RANK[a] - RANK[b]);
  if (rated.length === 0 || rated.length * 2 < periods.length) return "other";
  return rated[Math.floor(rated.length / 2)] ?? "other";
}

/** How many of each rating, every rating present (0 when none). */
export function countRatings(ratings: Iterable<RatingId>): RatingCounts {
  const counts = Object.fromEntries(RATINGS.map((r) => [r.id, 0])) as RatingCounts;
  for (const rating of ratings) counts[rating] += 1;
  return counts;
}

/** KPI periods by rating, by the calendar quarter they ended in ("2026-Q1"). */
export interface RatingsInQuarter {
  quarter: string;
  ratings: RatingCounts;
}

/**
 * The worst rating among counted ones: of Good to Inadequate, the worst counted; Other only when
 * every rating counted is Other (nothing to rate on is neither better nor worse than a rating);
 * null when none is counted.
 */
export function worstRating(counts: RatingCounts): RatingId | null {
  const rated = RATINGS.findLast((r) => r.id !== "other" && counts[r.id] > 0);
  if (rated) return rated.id;
  return counts.other > 0 ? "other" : null;
}
