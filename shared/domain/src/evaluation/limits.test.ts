import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Measure } from "./catalogue.js";
import { LIMITS, limitText } from "./limits.js";
import type { Evaluation } from "./model.js";
import { scoreEvaluation } from "./scoring.js";

// Proxy values come from the catalogue, whose reader holds them to LIMITS.proxyValue.
const PROXY = LIMITS.proxyValue;

const measure = (i: number, proxyValue: number | null): Measure => ({ code: `M${i}`, theme: i % 2 ? "Economic" : "Social", outcomes: [], name: `Measure ${i}`, unit: "units", proxyValue, source: "test" });

/** A number from the range, with its ends drawn often. */
const within = (min: number, max: number) => fc.oneof(fc.constantFrom(min, max), fc.double({ min, max, noNaN: true }));

const evaluations = fc
  .record({
    bidders: fc.integer({ min: 1, max: 6 }),
    measures: fc.array(fc.option(within(0, PROXY), { nil: null }), { minLength: 1, maxLength: 40 }),
    weighting: within(0, 100),
    share: within(0, 100),
    qualitativeMaximum: within(Number.MIN_VALUE, LIMITS.qualitativeMaximum),
    threshold: within(0, LIMITS.deliverabilityThreshold),
    basis: fc.constantFrom("value" as const, "percent" as const),
  })
  .chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      prices: fc.array(fc.option(within(LIMITS.smallestPrice, LIMITS.price), { nil: null }), { minLength: shape.bidders, maxLength: shape.bidders }),
      scores: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: shape.bidders, maxLength: shape.bidders }),
      quantities: fc.array(fc.array(within(0, LIMITS.quantity), { minLength: shape.bidders, maxLength: shape.bidders }), { minLength: shape.measures.length, maxLength: shape.measures.length }),
      accepted: fc.array(fc.array(within(0, 1), { minLength: shape.bidders, maxLength: shape.bidders }), { minLength: shape.measures.length, maxLength: shape.measures.length }),
    }),
  )
  .map(({ shape, prices, scores, quantities, accepted }): Evaluation => ({
    tender: { reference: "P", title: null, catalogueVersion: "T1", weighting: shape.weighting, quantitativeShare: shape.share, qualitativeMaximum: shape.qualitativeMaximum, basis: shape.basis, deliverabilityThreshold: shape.threshold },
    bidders: prices.map((price, b) => ({ name: `Bidder ${b}`, price, qualitativeScore: (scores[b] ?? 0) * shape.qualitativeMaximum })),
    commitments: shape.measures.map((proxy, m) => ({ measure: measure(m, proxy), quantities: quantities[m] ?? [], accepted: accepted[m] ?? [] })),
    themes: ["Economic", "Social"],
  }));

describe("scoring stays finite for every number within the limits", () => {
  it("gives finite values and marks within what is available, for any evaluation within the limits", () => {
    fc.assert(
      fc.property(evaluations, (evaluation) => {
        const { tender } = evaluation;
        const result = scoreEvaluation(evaluation);
        const quantitative = (tender.weighting * tender.quantitativeShare) / 100;
        const qualitative = (tender.weighting * (100 - tender.quantitativeShare)) / 100;
        for (const r of result.bidders) {
          const numbers = [r.socialValue, r.quantitativeMarks, r.qualitativeMarks, r.totalMarks, ...Object.values(r.byTheme), ...(r.socialValueAdd === null ? [] : [r.socialValueAdd])];
          expect(numbers.every(Number.isFinite)).toBe(true);
          expect(r.quantitativeMarks).toBeLessThanOrEqual(quantitative);
          expect(r.qualitativeMarks).toBeLessThanOrEqual(qualitative);
          expect(r.rank).toBeGreaterThanOrEqual(1);
          expect(r.rank).toBeLessThanOrEqual(evaluation.bidders.length);
        }
        expect(result.values.flat().every(Number.isFinite)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("stays finite at the extremes: 2,000 measures of the largest quantity on a 1p price", () => {
    const n = 2000;
    const evaluation: Evaluation = {
      tender: { reference: "X", title: null, catalogueVersion: "T1", weighting: 100, quantitativeShare: 100, qualitativeMaximum: 1, basis: "percent", deliverabilityThreshold: LIMITS.deliverabilityThreshold },
      bidders: [
        { name: "Most", price: LIMITS.smallestPrice, qualitativeScore: 1 },
        { name: "Half", price: LIMITS.smallestPrice * 2, qualitativeScore: 1 },
      ],
      commitments: Array.from({ length: n }, (_, m) => ({ measure: measure(m, PROXY), quantities: [LIMITS.quantity, LIMITS.quantity], accepted: [1, 1] })),
      themes: ["Economic", "Social"],
    };
    const [most, half] = scoreEvaluation(evaluation).bidders;
    // SV = 2,000 x 1,000,000,000 x £1,000,000 = £2e18; SV add = 2e18 / 0.01 = 2e20.
    expect(most?.socialValue).toBe(2e18);
    expect(most?.socialValueAdd).toBeCloseTo(2e20, -8);
    expect([most?.quantitativeMarks, most?.rank]).toEqual([100, 1]);
    expect([half?.quantitativeMarks, half?.rank]).toEqual([50, 2]);
  });

  it("writes each limit as people do", () => {
    expect([LIMITS.quantity, LIMITS.price, LIMITS.qualitativeMaximum, LIMITS.proxyValue].map(limitText)).toEqual(["1,000,000,000", "10,000,000,000", "1,000", "1,000,000"]);
  });
});
