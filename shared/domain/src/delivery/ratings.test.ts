import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RATINGS, type RatingId } from "./model.js";
import { countRatings, rate, ratingLabel, ratingOcdsId, suggestRating, worstRating } from "./ratings.js";

const ORDER: RatingId[] = ["good", "approachingTarget", "requiresImprovement", "inadequate"];

describe("a period's rating, higher is better (target 95, tolerance 5)", () => {
  const r = (value: number) => rate("higher", 95, 5, value);
  it("is Good at the target and above", () => {
    expect(r(95)).toBe("good");
    expect(r(95.001)).toBe("good");
    expect(r(120)).toBe("good");
  });
  it("is Approaching target from t − d up to just below t", () => {
    expect(r(94.999)).toBe("approachingTarget");
    expect(r(90)).toBe("approachingTarget");
  });
  it("is Requires improvement from t − 2d up to just below t − d", () => {
    expect(r(89.999)).toBe("requiresImprovement");
    expect(r(85)).toBe("requiresImprovement");
  });
  it("is Inadequate below t − 2d", () => {
    expect(r(84.999)).toBe("inadequate");
    expect(r(0)).toBe("inadequate");
  });
});

describe("a period's rating, lower is better (target 10, tolerance 2)", () => {
  const r = (value: number) => rate("lower", 10, 2, value);
  it("mirrors the bands above the target", () => {
    expect(r(10)).toBe("good");
    expect(r(9.999)).toBe("good");
    expect(r(0)).toBe("good");
    expect(r(10.001)).toBe("approachingTarget");
    expect(r(12)).toBe("approachingTarget");
    expect(r(12.001)).toBe("requiresImprovement");
    expect(r(14)).toBe("requiresImprovement");
    expect(r(14.001)).toBe("inadequate");
  });
});

describe("edges of the rating", () => {
  it("is Other without an accepted value", () => {
    expect(rate("higher", 95, 5, undefined)).toBe("other");
    expect(rate("lower", 10, 2, undefined)).toBe("other");
  });

  it("ignores floating-point noise at a boundary", () => {
    // 0.1 + 0.2 is 0.30000000000000004: it meets a target of 0.3, lower being better.
    expect(rate("lower", 0.3, 0, 0.1 + 0.2)).toBe("good");
    // 0.7 + 0.1 is 0.7999999999999999: it meets a target of 0.8, higher being better.
    expect(rate("higher", 0.8, 0.1, 0.7 + 0.1)).toBe("good");
    expect(rate("higher", 0.8, 0.1, 0.7 - 1e-6)).toBe("requiresImprovement");
  });

  it("with no tolerance, anything short of the target is Inadequate", () => {
    expect(rate("higher", 100, 0, 100)).toBe("good");
    expect(rate("higher", 100, 0, 99.99)).toBe("inadequate");
  });

  it("gets no better as a higher-is-better value falls, nor as a lower-is-better value rises", () => {
    const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(finite, fc.double({ min: 0, max: 1e5, noNaN: true }), finite, finite, (target, tolerance, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(ORDER.indexOf(rate("higher", target, tolerance, low))).toBeGreaterThanOrEqual(ORDER.indexOf(rate("higher", target, tolerance, high)));
        expect(ORDER.indexOf(rate("lower", target, tolerance, high))).toBeGreaterThanOrEqual(ORDER.indexOf(rate("lower", target, tolerance, low)));
      }),
    );
  });
});

describe("labels and OCDS ids", () => {
  it("names each rating as the regulations and the UK extension do", () => {
    expect(ratingLabel("approachingTarget")).toBe("Approaching target");
    expect(ratingOcdsId("approachingTarget")).toBe("slightlyBelow");
    expect(RATINGS.map((r) => ratingOcdsId(r.id))).toEqual(["met", "slightlyBelow", "below", "significantlyBelow", "other"]);
    expect(ratingLabel("other")).toBe("Other");
  });
});

describe("the rating an assessment suggests", () => {
  it("is the median of the rated periods", () => {
    expect(suggestRating(["good", "inadequate", "approachingTarget"])).toBe("approachingTarget");
    expect(suggestRating(["good", "good", "inadequate"])).toBe("good");
  });

  it("takes the worse of the two middle ratings of an even count", () => {
    expect(suggestRating(["good", "requiresImprovement"])).toBe("requiresImprovement");
    expect(suggestRating(["good", "good", "approachingTarget", "inadequate"])).toBe("approachingTarget");
  });

  it("leaves out periods without a value, while at least half have one", () => {
    expect(suggestRating(["good", "other", "approachingTarget", "other"])).toBe("approachingTarget");
    expect(suggestRating(["good", "other"])).toBe("good");
  });

  it("is Other when fewer than half the periods have a value, or none does", () => {
    expect(suggestRating(["good", "other", "other"])).toBe("other");
    expect(suggestRating(["other", "other"])).toBe("other");
    expect(suggestRating([])).toBe("other");
  });
});

describe("counting ratings", () => {
  it("has every rating, zero when none", () => {
    expect(countRatings(["good", "good", "other"])).toEqual({ good: 2, approachingTarget: 0, requiresImprovement: 0, inadequate: 0, other: 1 });
  });
});

describe("the worst of a contract's ratings", () => {
  const counts = (some: Partial<Record<RatingId, number>>) => ({ ...countRatings([]), ...some });
  it("is the worst of Good to Inadequate counted, an Other beside them making no difference", () => {
    expect(worstRating(counts({ good: 3, approachingTarget: 1 }))).toBe("approachingTarget");
    expect(worstRating(counts({ good: 3, inadequate: 1, requiresImprovement: 2 }))).toBe("inadequate");
    expect(worstRating(counts({ good: 1, other: 4 }))).toBe("good");
  });
  it("is Other when only Other is counted, and none when nothing is", () => {
    expect(worstRating(counts({ other: 2 }))).toBe("other");
    expect(worstRating(countRatings([]))).toBeNull();
  });
});
