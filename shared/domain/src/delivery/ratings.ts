// The statutory ratings of a KPI's period, and of a KPI over an assessment (docs/delivery.md).
import { type KpiDirection, type RatingId } from "./model.js";

export type RatingCounts = Record<RatingId, number>;

/** A period's rating from its accepted value against target and tolerance; Other without a value. */
export function rate(direction: KpiDirection, target: number, tolerance: number, value: number | undefined): RatingId {
  throw new Error("Not implemented yet: rate");
}

/** "Approaching target". */
export function ratingLabel(rating: RatingId): string {
  throw new Error("Not implemented yet: ratingLabel");
}

/** The OCDS measureClassification id: "slightlyBelow". */
export function ratingOcdsId(rating: RatingId): string {
  throw new Error("Not implemented yet: ratingOcdsId");
}

/** The rating an assessment suggests for a KPI from its periods' ratings. */
export function suggestRating(periods: readonly RatingId[]): RatingId {
  throw new Error("Not implemented yet: suggestRating");
}

export function countRatings(ratings: Iterable<RatingId>): RatingCounts {
  throw new Error("Not implemented yet: countRatings");
}
