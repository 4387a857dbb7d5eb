import { describe, it, expect } from "vitest";
import { scoreWorkbook } from "./report.js";
import { ranksOf, scoreEvaluation } from "./scoring.js";
import { pct, TEST_CATALOGUE, workbook, workedExample, tenderRows } from "./test-support.js";
import type { Evaluation } from "./model.js";
import { DEFAULT_CATALOGUE } from "./default-catalogue.js";

function score(wb = workedExample()) {
  const out = scoreWorkbook(wb, TEST_CATALOGUE);
  if (!out.ok) throw new Error(out.refusal.message);
  return out.scored;
}
const byName = (s: ReturnType<typeof score>, name: string) => {
  const r = s.result.bidders.find((b) => b.bidder === name);
  if (!r) throw new Error(`no bidder ${name}`);
  return r;
};

describe("scoring on the value basis (the worked example)", () => {
  // SV: A = 10x100 + 100x2.5 = 1,250; B = 5x100 + 400x2.5 = 1,500; C = 20x100 = 2,000 (T03 is record only).
  // Quantitative (W 10, s 50%: 5 available): A 5x1250/2000 = 3.125, B 3.75, C 5.
  // Qualitative (5 available, Q 5): A 4, B 5, C 0 (no score). Totals: A 7.125, B 8.75, C 5.
  const s = score();
  it("adds quantity x proxy over priced measures", () => {
    expect(byName(s, "A").socialValue).toBe(1250);
    expect(byName(s, "B").socialValue).toBe(1500);
    expect(byName(s, "C").socialValue).toBe(2000);
  });
  it("gives quantitative marks relative to the best offer and qualitative marks out of Q", () => {
    expect(byName(s, "A").quantitativeMarks).toBeCloseTo(3.125, 12);
    expect(byName(s, "B").quantitativeMarks).toBeCloseTo(3.75, 12);
    expect(byName(s, "C").quantitativeMarks).toBeCloseTo(5, 12);
    expect(byName(s, "A").qualitativeMarks).toBeCloseTo(4, 12);
    expect(byName(s, "B").qualitativeMarks).toBeCloseTo(5, 12);
    expect(byName(s, "C").qualitativeMarks).toBe(0);
  });
  it("totals and ranks highest first", () => {
    expect(byName(s, "A").totalMarks).toBeCloseTo(7.125, 12);
    expect(byName(s, "B").totalMarks).toBeCloseTo(8.75, 12);
    expect(byName(s, "C").totalMarks).toBeCloseTo(5, 12);
    expect(s.result.bidders.map((b) => [b.bidder, b.rank])).toEqual([["A", 2], ["B", 1], ["C", 3]]);
  });
  it("works out SV add as a fraction of the price, none without a positive price", () => {
    expect(byName(s, "A").socialValueAdd).toBeCloseTo(0.125, 12);
    expect(byName(s, "B").socialValueAdd).toBeCloseTo(0.075, 12);
    expect(byName(s, "C").socialValueAdd).toBeNull();
  });
  it("splits social value by theme, every theme present", () => {
    expect(byName(s, "A").byTheme).toEqual({ Economic: 1000, Social: 250, Environmental: 0 });
    expect(byName(s, "C").byTheme).toEqual({ Economic: 2000, Social: 0, Environmental: 0 });
  });
  it("keeps the per-measure values after moderation for the breakdown", () => {
    expect(s.result.values).toEqual([
      [1000, 500, 2000],
      [250, 1000, 0],
      [0, 0, 0],
    ]);
  });
});

describe("scoring on the percent basis", () => {
  // Metric = SV add: A 0.125 (best), B 0.075, C none -> 0. Quantitative: A 5, B 5x0.075/0.125 = 3, C 0.
  const s = score(workedExample({ "Scoring basis": "Percent" }));
  it("uses SV add as the metric, 0 where none", () => {
    expect(byName(s, "A").quantitativeMarks).toBeCloseTo(5, 12);
    expect(byName(s, "B").quantitativeMarks).toBeCloseTo(3, 12);
    expect(byName(s, "C").quantitativeMarks).toBe(0);
    expect(byName(s, "A").totalMarks).toBeCloseTo(9, 12);
    expect(byName(s, "B").totalMarks).toBeCloseTo(8, 12);
    expect(s.result.bidders.map((b) => b.rank)).toEqual([1, 2, 3]);
  });
});

describe("quantitative share and weighting", () => {
  it("splits W by the share: W 20, s 60% gives 12 quantitative and 8 qualitative marks", () => {
    // A: 12 x 1250/2000 = 7.5 quantitative; 8 x 4/5 = 6.4 qualitative.
    const s = score(workedExample({ "Social value weighting": 20, "Quantitative share": pct(0.6) }));
    expect(s.evaluation.tender.quantitativeShare).toBeCloseTo(60, 12);
    expect(byName(s, "A").quantitativeMarks).toBeCloseTo(7.5, 12);
    expect(byName(s, "A").qualitativeMarks).toBeCloseTo(6.4, 12);
  });
});

describe("zero best offer", () => {
  it("gives 0 quantitative marks to everyone when no bidder offers value", () => {
    const wb = workbook({
      Tender: tenderRows(),
      Bidders: [["Bidder", "Tender price", "Qualitative score"], ["A", 100, 5], ["B", 100, 2.5]],
      Commitments: [["Measure", "A", "B"], ["T01", 0, null], ["T03", 1, 1]],
    });
    const s = score(wb);
    expect(s.result.bidders.map((b) => b.quantitativeMarks)).toEqual([0, 0]);
    expect(s.result.bidders.map((b) => b.totalMarks)).toEqual([5, 2.5]);
    expect(s.result.bidders.map((b) => b.socialValueAdd)).toEqual([0, 0]);
  });
});

describe("moderation", () => {
  it("multiplies each value by the accepted %, 100% by default", () => {
    // A's T01 accepted at 50% (typed 0.5 in a % cell): 10 x 100 x 0.5 = 500; A's SV = 500 + 250 = 750.
    // B's T02 accepted at 25 (%): 400 x 2.5 x 0.25 = 250; B's SV = 500 + 250 = 750.
    const s = score(
      workedExample({}, {
        Moderation: [
          ["Bidder", "Measure", "Accepted %", "Reason"],
          ["a", "t01", pct(0.5), "Half is not contract specific"],
          ["B", "T02", 25, "Double counted"],
        ],
      }),
    );
    expect(byName(s, "A").socialValue).toBe(750);
    expect(byName(s, "B").socialValue).toBe(750);
    expect(byName(s, "C").socialValue).toBe(2000);
    expect(s.issues.filter((i) => i.sheet === "Moderation")).toEqual([]);
  });
});

describe("ranks", () => {
  it("shares a rank within 0.005 and skips the next (1, 1, 3)", () => {
    expect(ranksOf([7.125, 7.13, 5])).toEqual([1, 1, 3]);
  });
  it("does not share a rank beyond 0.005", () => {
    expect(ranksOf([7.125, 7.1301])).toEqual([2, 1]);
  });
  it("measures a shared rank from the group's top, so a chain never ranks 1, 1, 2", () => {
    // 8.996 is within 0.005 of 9; 8.992 is not (0.008 below the group's top), so it is third.
    expect(ranksOf([8.992, 9, 8.996])).toEqual([3, 1, 1]);
    expect(ranksOf([5, 5, 5, 4])).toEqual([1, 1, 1, 4]);
  });
  it("ties bidders whose marks come out the same through scoring", () => {
    const wb = workbook({
      Tender: tenderRows(),
      Bidders: [["Bidder", "Tender price", "Qualitative score"], ["A", 1, 3], ["B", 1, 3], ["C", 1, 1]],
      Commitments: [["Measure", "A", "B", "C"], ["T01", 1, 1, 1]],
    });
    expect(score(wb).result.bidders.map((b) => b.rank)).toEqual([1, 1, 3]);
  });
});

describe("deliverability", () => {
  it("flags SV add above the threshold d, and not at it", () => {
    // A: SV 1,250 on a price of 2,500 = 50% (not above 50); B: 1,500 on 2,000 = 75% (above).
    const wb = workedExample();
    const bidders = wb.sheets.find((x) => x.name === "Bidders");
    if (!bidders) throw new Error("no Bidders");
    const set = (row: number, price: number) => {
      const r = bidders.rows[row];
      if (r) r[1] = { value: price };
    };
    set(1, 2500);
    set(2, 2000);
    const high = score(wb).issues.filter((i) => i.code === "HIGH_SV_ADD");
    expect(high.map((i) => [i.bidder, i.severity])).toEqual([["B", "warning"]]);
    expect(high[0]?.message).toContain("75%");
  });
  it("does not flag an SV add equal to the threshold once floating point has had its say", () => {
    // 700 / 10,000 x 100 is 7.000000000000001 in floating point: still not above 7%.
    expect((700 / 10_000) * 100).toBeGreaterThan(7);
    const evaluation: Evaluation = {
      tender: { reference: "R", title: null, catalogueVersion: "T1", weighting: 10, quantitativeShare: 50, qualitativeMaximum: 5, basis: "value", deliverabilityThreshold: 7 },
      bidders: [{ name: "A", price: 10_000, qualitativeScore: null }],
      commitments: [{ measure: { ...TEST_CATALOGUE.measures[0]!, proxyValue: 1 }, quantities: [700], accepted: [1] }],
      themes: ["Economic"],
    };
    expect(scoreEvaluation(evaluation).issues).toEqual([]);
  });
  it("uses the tender's own threshold", () => {
    const s = score(workedExample({ "Deliverability threshold": 10 }));
    expect(s.issues.filter((i) => i.code === "HIGH_SV_ADD").map((i) => i.bidder)).toEqual(["A"]);
  });
});

describe("full precision", () => {
  it("does not round amounts or marks", () => {
    // One bidder with 1 unit at £100 and another at 3 units: marks 5 x 1/3 = 1.6666...
    const evaluation: Evaluation = {
      tender: { reference: "R", title: null, catalogueVersion: "T1", weighting: 10, quantitativeShare: 50, qualitativeMaximum: 5, basis: "value", deliverabilityThreshold: 50 },
      bidders: [{ name: "A", price: 3, qualitativeScore: null }, { name: "B", price: 7, qualitativeScore: null }],
      commitments: [{ measure: TEST_CATALOGUE.measures[0]!, quantities: [1, 3], accepted: [1, 1] }],
      themes: ["Economic"],
    };
    const r = scoreEvaluation(evaluation);
    expect(r.bidders[0]?.quantitativeMarks).toBe(5 * (1 / 3)); // the share of the best, then the marks
    expect(r.bidders[1]?.quantitativeMarks).toBe(5);
    expect(r.bidders[0]?.socialValueAdd).toBe(100 / 3);
    expect(r.bidders[1]?.socialValueAdd).toBe(300 / 7);
  });
});

describe("the worked example of docs/scoring.md, with the default catalogue", () => {
  const docs = (basis: string) =>
    workbook({
      Tender: tenderRows({ "Catalogue version": "2026.1", "Scoring basis": basis }),
      Bidders: [["Bidder", "Tender price", "Qualitative score"], ["Acme Ltd", 1_000_000, 4], ["Beta plc", 500_000, 3]],
      Commitments: [["Measure", "Acme Ltd", "Beta plc"], ["CCC-EC11", 100, 200], ["CCC-EN06", 10, 4], ["CCC-SO11", 5000, 2000], ["CCC-EN18", 1, 1]],
    });
  const run = (basis: string) => {
    const out = scoreWorkbook(docs(basis), DEFAULT_CATALOGUE);
    if (!out.ok) throw new Error(out.refusal.message);
    return out.scored.result.bidders;
  };
  it("value basis: SV 9,034.70 and 5,765.88; totals 9.00 and 6.19", () => {
    const [acme, beta] = run("value");
    expect(acme?.socialValue).toBeCloseTo(9034.7, 9);
    expect(beta?.socialValue).toBeCloseTo(5765.88, 9);
    expect(acme?.totalMarks).toBeCloseTo(9, 9);
    expect(beta?.totalMarks.toFixed(2)).toBe("6.19");
    expect([acme?.rank, beta?.rank]).toEqual([1, 2]);
  });
  it("percent basis: Beta 8.00 (rank 1), Acme 7.92 (rank 2)", () => {
    const [acme, beta] = run("percent");
    expect(beta?.quantitativeMarks).toBeCloseTo(5, 9);
    expect(acme?.quantitativeMarks.toFixed(2)).toBe("3.92");
    expect(beta?.totalMarks).toBeCloseTo(8, 9);
    expect(acme?.totalMarks.toFixed(2)).toBe("7.92");
    expect([acme?.rank, beta?.rank]).toEqual([2, 1]);
  });
});
