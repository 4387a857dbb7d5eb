import { describe, it, expect } from "vitest";
import { ISSUE_CODES, type Issue } from "./issues.js";
import { scoreWorkbook } from "./report.js";
import { readEvaluation, readTender } from "./workbook.js";
import { err, pct, TEST_CATALOGUE, tenderRows, workbook, workedExample, type Input } from "./test-support.js";

/** A workbook with one of every problem, each in a known cell. */
function troubled() {
  return workbook({
    Tender: tenderRows({ "Deliverability threshold": 50 }),
    Bidders: [
      ["Bidder", "Tender price", "Qualitative score", "Notes"],
      ["A", 10000, 4], //            row 2
      ["B", "£20,000", 6], //       row 3: price as text (NUMBER_AS_TEXT), score above Q
      ["C", -5, null], //            row 4: NEGATIVE_PRICE, MISSING_QUALITATIVE
      ["a", 1, 1], //                row 5: DUPLICATE_BIDDER of A
      ["D", 0, "good"], //           row 6: INVALID_PRICE; no Commitments column; NON_NUMERIC score
      ["E", 50, err("#REF!")], //    row 7: CELL_ERROR score; SV add 200%
    ],
    Commitments: [
      ["Measure", "Unit", "A", "B", "C", "Notes", "E"],
      ["T01", "hours", 10, "lots", -2, "x", 1], //   row 2: B NON_NUMERIC, C NEGATIVE
      ["T02", "kg", err("#N/A"), "1,200", 0, null, 2e9], // row 3: A CELL_ERROR, B NUMBER_AS_TEXT, E TOO_LARGE
      ["ZZZ", "", 99, 99, 99], //                    row 4: UNKNOWN_MEASURE
      ["t01", "", 50, 50, 50], //                    row 5: DUPLICATE_MEASURE
      ["T03", "", 1, 0, 0], //                       row 6: RECORD_ONLY for A
      [null, "skipped", 1000, 1000, 1000], //        row 7: empty Measure, skipped
    ],
    Moderation: [
      ["Bidder", "Measure", "Accepted %", "Reason"],
      ["A", "T01", 150, "typo"], //    row 2: MODERATION_OUT_OF_RANGE
      ["Zed", "T01", 50, ""], //       row 3: UNKNOWN_REFERENCE (bidder)
      ["A", "T02", 50, ""], //         row 4: fine (A's T02 is 0 anyway)
      ["A", "T09", 50, ""], //         row 5: UNKNOWN_REFERENCE (measure not in Commitments)
      ["A", "T02", 10, ""], //         row 6: DUPLICATE_MEASURE (first counts)
    ],
  });
}

function read(wb = troubled()) {
  const out = scoreWorkbook(wb, TEST_CATALOGUE);
  if (!out.ok) throw new Error(out.refusal.message);
  return out.scored;
}
const pick = (issues: Issue[]) => issues.map((i) => [i.code, i.severity, i.sheet, i.cell, i.bidder, i.measure]);

describe("issues, each naming its sheet and cell", () => {
  const s = read();
  it("lists exactly the problems planted, in reading order", () => {
    expect(pick(s.issues)).toEqual([
      ["NUMBER_AS_TEXT", "warning", "Bidders", "B3", "B", null],
      ["QUALITATIVE_OUT_OF_RANGE", "error", "Bidders", "C3", "B", null],
      ["NEGATIVE_PRICE", "error", "Bidders", "B4", "C", null],
      ["MISSING_QUALITATIVE", "warning", "Bidders", "C4", "C", null],
      ["DUPLICATE_BIDDER", "error", "Bidders", "A5", "a", null],
      ["INVALID_PRICE", "error", "Bidders", "B6", "D", null],
      ["NON_NUMERIC", "error", "Bidders", "C6", "D", null],
      ["CELL_ERROR", "error", "Bidders", "C7", "E", null],
      ["UNKNOWN_COLUMN", "warning", "Commitments", "F1", null, null],
      ["MISSING_BIDDER_COLUMN", "warning", "Commitments", null, "D", null],
      ["NON_NUMERIC", "error", "Commitments", "D2", "B", "T01"],
      ["NEGATIVE", "error", "Commitments", "E2", "C", "T01"],
      ["CELL_ERROR", "error", "Commitments", "C3", "A", "T02"],
      ["NUMBER_AS_TEXT", "warning", "Commitments", "D3", "B", "T02"],
      ["TOO_LARGE", "error", "Commitments", "G3", "E", "T02"],
      ["UNKNOWN_MEASURE", "error", "Commitments", "A4", null, "ZZZ"],
      ["DUPLICATE_MEASURE", "error", "Commitments", "A5", null, "T01"],
      ["RECORD_ONLY", "info", "Commitments", "C6", "A", "T03"],
      ["MODERATION_OUT_OF_RANGE", "error", "Moderation", "C2", "A", "T01"],
      ["UNKNOWN_REFERENCE", "warning", "Moderation", "A3", "Zed", "T01"],
      ["UNKNOWN_REFERENCE", "warning", "Moderation", "B5", "A", "T09"],
      ["DUPLICATE_MEASURE", "error", "Moderation", "C6", "A", "T02"],
      ["HIGH_SV_ADD", "warning", "Bidders", "B7", "E", null],
    ]);
  });
  it("covers every issue code", () => {
    expect(new Set(s.issues.map((i) => i.code))).toEqual(new Set(Object.keys(ISSUE_CODES)));
  });
  it("counts faulty cells as 0 and reads text numbers", () => {
    // A: T01 10 x 100 = 1,000 (moderation at 150% ignored); T02 #N/A -> 0. SV 1,000.
    // B: T01 "lots" -> 0; T02 "1,200" x 2.5 = 3,000. SV 3,000; price £20,000 read from text.
    // C: T01 -2 -> 0. SV 0. D: no column, SV 0. E: T01 1 x 100 = 100 on a price of 50 = 200%;
    // its T02 of 2,000,000,000 kg is above the limit and counts as 0.
    const sv = Object.fromEntries(s.result.bidders.map((b) => [b.bidder, b.socialValue]));
    expect(sv).toEqual({ A: 1000, B: 3000, C: 0, D: 0, E: 100 });
    expect(s.evaluation.bidders.map((b) => b.price)).toEqual([10000, 20000, null, null, 50]);
    expect(s.result.bidders.find((b) => b.bidder === "C")?.socialValueAdd).toBeNull();
  });
  it("gives 0 qualitative marks for missing, out-of-range and unreadable scores", () => {
    const q = Object.fromEntries(s.result.bidders.map((b) => [b.bidder, b.qualitativeMarks]));
    expect(q).toEqual({ A: 4, B: 0, C: 0, D: 0, E: 0 });
  });
  it("writes messages an evaluator can act on", () => {
    const m = (code: string) => s.issues.find((i) => i.code === code)?.message;
    expect(m("NON_NUMERIC")).toBe('Bidders!C6: D\'s qualitative score is "good", which is not a number, so its qualitative marks are 0.');
    expect(m("UNKNOWN_MEASURE")).toBe('Commitments!A4: measure "ZZZ" is not in catalogue version T1; the row is skipped.');
    expect(m("MISSING_BIDDER_COLUMN")).toBe('Commitments: there is no column headed "D", so D\'s social value is 0.');
    expect(m("HIGH_SV_ADD")).toBe("E offers social value worth 200% of its tender price, above the deliverability threshold of 50%: check the commitments can be delivered.");
  });
});

describe("percentage-formatted cells", () => {
  it("reads 0.4 shown as 40% as a quantity of 40", () => {
    const wb = workbook({
      Tender: tenderRows({ "Quantitative share": pct(0.5), "Deliverability threshold": pct(0.3) }),
      Bidders: [["Bidder", "Tender price", "Qualitative score"], ["A", 1000, 5]],
      Commitments: [["Measure", "A"], ["T02", pct(0.4)]],
    });
    const s = read(wb);
    expect(s.evaluation.tender.quantitativeShare).toBe(50);
    expect(s.evaluation.tender.deliverabilityThreshold).toBeCloseTo(30, 12);
    expect(s.evaluation.commitments[0]?.quantities).toEqual([40]);
    expect(s.result.bidders[0]?.socialValue).toBe(100); // 40 kg x £2.50
  });
});

describe("the Tender sheet", () => {
  it("reads labels case-insensitively, with an optional title and threshold default of 50", () => {
    const wb = workbook({ Tender: tenderRows({ Title: "Library refit" }).map(([k, val]) => [String(k).toUpperCase() + ":", val]) });
    const t = readTender(wb);
    expect(t.ok && t.tender).toEqual({
      reference: "CCC-2026-001",
      title: "Library refit",
      catalogueVersion: "T1",
      weighting: 10,
      quantitativeShare: 50,
      qualitativeMaximum: 5,
      basis: "value",
      deliverabilityThreshold: 50,
    });
  });
  it("reads a version typed as a number as its text", () => {
    const t = readTender(workbook({ Tender: tenderRows({ "Catalogue version": 2026.1 }) }));
    expect(t.ok && t.tender.catalogueVersion).toBe("2026.1");
  });
});

describe("workbooks that cannot be scored are refused, naming what is missing", () => {
  const refusal = (wb: ReturnType<typeof workbook>) => {
    const out = readEvaluation(wb, TEST_CATALOGUE);
    if (out.ok) throw new Error("expected a refusal");
    return out.refusal;
  };
  const without = (sheet: string) => {
    const wb = workedExample();
    return { sheets: wb.sheets.filter((x) => x.name !== sheet) };
  };
  it("a missing Tender sheet", () => {
    expect(refusal(without("Tender"))).toMatchObject({ sheet: "Tender", message: expect.stringContaining('no "Tender" sheet') });
  });
  it("a missing required field", () => {
    expect(refusal(workedExample({ "Scoring basis": undefined }))).toMatchObject({ sheet: "Tender", field: "Scoring basis", cell: null });
  });
  it("an unusable field value, naming the cell", () => {
    const r = refusal(workedExample({ "Scoring basis": "both" }));
    expect(r).toMatchObject({ sheet: "Tender", field: "Scoring basis", cell: "B6" });
    expect(r.message).toContain('"value"');
    expect(refusal(workedExample({ "Qualitative maximum": 0 }))).toMatchObject({ field: "Qualitative maximum", cell: "B5" });
    expect(refusal(workedExample({ "Quantitative share": 150 }))).toMatchObject({ field: "Quantitative share" });
    expect(refusal(workedExample({ "Social value weighting": err("#DIV/0!") })).message).toContain("#DIV/0!");
    expect(refusal(workedExample({ "Tender reference": "  " }))).toMatchObject({ field: "Tender reference", cell: "B1" });
  });
  it("a catalogue version that is not the one given", () => {
    const r = refusal(workedExample({ "Catalogue version": "2019.1" }));
    expect(r).toMatchObject({ sheet: "Tender", field: "Catalogue version", catalogueVersion: "2019.1" });
    expect(r.message).toContain('"2019.1"');
  });
  it("missing Bidders or Commitments sheets, or their columns", () => {
    expect(refusal(without("Bidders"))).toMatchObject({ sheet: "Bidders" });
    expect(refusal(without("Commitments"))).toMatchObject({ sheet: "Commitments" });
    const noPrice = workbook({ Tender: tenderRows(), Bidders: [["Bidder", "Qualitative score"], ["A", 1]], Commitments: [["Measure", "A"]] });
    expect(refusal(noPrice)).toMatchObject({ sheet: "Bidders", field: "Tender price" });
    const noMeasure = workbook({ Tender: tenderRows(), Bidders: [["Bidder", "Tender price", "Qualitative score"], ["A", 1, 1]], Commitments: [["Code", "A"]] });
    expect(refusal(noMeasure)).toMatchObject({ sheet: "Commitments", field: "Measure" });
  });
  it("no bidders at all", () => {
    const wb = workbook({ Tender: tenderRows(), Bidders: [["Bidder", "Tender price", "Qualitative score"]], Commitments: [["Measure"]] });
    expect(refusal(wb)).toMatchObject({ sheet: "Bidders", field: "Bidder" });
  });
  it("a Moderation sheet without an Accepted % column", () => {
    const wb = workedExample({}, { Moderation: [["Bidder", "Measure", "Reason"], ["A", "T01", "x"]] });
    expect(refusal(wb)).toMatchObject({ sheet: "Moderation", field: "Accepted %" });
  });
});

describe("tolerances", () => {
  it("skips blank rows, ignores info columns and an empty Moderation sheet", () => {
    const rows: Input[][] = [["Measure", "Description", "Theme", "Outcome", "Proxy value", "Unit", "A"], [], ["T01", "d", "t", "o", 100, "h", 2]];
    const wb = workbook({ Tender: tenderRows(), Bidders: [["Bidder", "Tender price", "Qualitative score"], ["A", 1000, 1]], Commitments: rows, Moderation: [] });
    const s = read(wb);
    expect(s.issues).toEqual([]);
    expect(s.result.bidders[0]?.socialValue).toBe(200);
  });
  it("finds a header row below a blank first row", () => {
    const wb = workbook({ Tender: tenderRows(), Bidders: [[], ["Bidder", "Tender price", "Qualitative score"], ["A", 100, 1]], Commitments: [["Measure", "A"], ["T01", 1]] });
    expect(read(wb).result.bidders.map((b) => b.socialValue)).toEqual([100]);
  });
});

describe("header rows", () => {
  it("allows a title row above a sheet's header row", () => {
    const titled = workbook({
      Tender: tenderRows(),
      Bidders: [["Bidders for tender CCC-T-1"], [], ["Bidder", "Tender price", "Qualitative score"], ["A", 10000, 4], ["B", 20000, 5]],
      Commitments: [["Commitments (quantities over the contract term)"], ["Measure", "Description", "A", "B"], ["T01", "Hours", 10, 5]],
    });
    const read = readEvaluation(titled, TEST_CATALOGUE);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.evaluation.bidders.map((b) => [b.name, b.priceCell])).toEqual([["A", "B4"], ["B", "B5"]]);
    expect(read.evaluation.commitments.map((c) => [c.measure.code, c.quantities])).toEqual([["T01", [10, 5]]]);
  });

  it("says which row it took for the header when a column is missing", () => {
    const wrong = workbook({ Tender: tenderRows(), Bidders: [["Supplier", "Price", "Score"], ["A", 1, 1]], Commitments: [["Measure", "A"]] });
    const read = readEvaluation(wrong, TEST_CATALOGUE);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.refusal.message).toBe('The Bidders sheet has no "Bidder" column (its header row is taken to be row 1: "Supplier", "Price", "Score"), so the workbook cannot be scored. Its header row needs: Bidder, Tender price, Qualitative score.');
  });
});

describe("all the problems at once", () => {
  // Two unusable settings and a missing one, beside problems on every other sheet.
  const wb = () =>
    workbook({
      Tender: tenderRows({ "Social value weighting": "ten", "Qualitative maximum": 0, "Scoring basis": undefined, "Deliverability threshold": 5000 }),
      Bidders: [
        ["Bidder", "Tender price", "Qualitative score"],
        ["Acme Ltd", -100, 7], //  row 2: NEGATIVE_PRICE; 7 cannot be checked against Q, which is unusable
        ["Beta plc", 5000, -1], // row 3: a score below 0 is out of range whatever Q is
      ],
      Commitments: [
        ["Measure", "Acme Ltf", "Beta plc"],
        ["T01", 1, -3], //         row 2: B2 is under the mistyped heading, so not read; C2 NEGATIVE
        ["ZZZ", 1, 1], //          row 3: UNKNOWN_MEASURE
      ],
    });
  const refused = () => {
    const out = readEvaluation(wb(), TEST_CATALOGUE);
    if (out.ok) throw new Error("expected a refusal");
    return out.refusal;
  };

  it("lists every setting that stops the scoring, each with its sheet, field and cell", () => {
    const r = refused();
    expect(r.blockers.map((b) => [b.sheet, b.field, b.cell])).toEqual([
      ["Tender", "Social value weighting", "B3"],
      ["Tender", "Qualitative maximum", "B5"],
      ["Tender", "Scoring basis", null],
      ["Tender", "Deliverability threshold", "B6"],
    ]);
    expect(r.message).toBe(
      [
        "The workbook cannot be scored until these 4 problems are fixed:",
        '  Tender!B3: "Social value weighting" is "ten"; it must be a number of marks from 0 to 100, so the workbook cannot be scored.',
        '  Tender!B5: "Qualitative maximum" is 0; it must be a number above 0 and at most 1,000, so the workbook cannot be scored.',
        '  The Tender sheet has no "Scoring basis" row, so the workbook cannot be scored. Put "Scoring basis" in column A and its value in column B.',
        '  Tender!B6: "Deliverability threshold" is 5000; it must be a percentage from 0 to 1,000, so the workbook cannot be scored.',
      ].join("\n"),
    );
    // The place of a refusal is its first blocker's, for a surface that shows one cell.
    expect(r).toMatchObject({ sheet: "Tender", field: "Social value weighting", cell: "B3" });
  });

  it("still reads the bidders and commitments, and lists their issues with the refusal", () => {
    expect(pick(refused().issues)).toEqual([
      ["NEGATIVE_PRICE", "error", "Bidders", "B2", "Acme Ltd", null],
      ["QUALITATIVE_OUT_OF_RANGE", "error", "Bidders", "C3", "Beta plc", null],
      ["UNKNOWN_COLUMN", "warning", "Commitments", "B1", null, null],
      ["MISSING_BIDDER_COLUMN", "warning", "Commitments", null, "Acme Ltd", null],
      ["NEGATIVE", "error", "Commitments", "C2", "Beta plc", "T01"],
      ["UNKNOWN_MEASURE", "error", "Commitments", "A3", null, "ZZZ"],
    ]);
    expect(refused().issues[1]?.message).toBe("Bidders!C3: Beta plc's qualitative score is -1, below 0, so its qualitative marks are 0.");
  });

  it("refuses at the Tender sheet when the catalogue version is missing, still naming every setting", () => {
    const t = readTender(workbook({ Tender: tenderRows({ "Catalogue version": "", "Quantitative share": "half" }) }));
    if (t.ok) throw new Error("expected a refusal");
    expect(t.refusal.blockers.map((b) => [b.field, b.cell])).toEqual([["Catalogue version", "B2"], ["Quantitative share", "B4"]]);
  });

  it("reads the Tender sheet past a bad setting, with the usable ones and the catalogue version", () => {
    const t = readTender(workbook({ Tender: tenderRows({ "Social value weighting": "ten" }) }));
    if (!t.ok) throw new Error(t.refusal.message);
    expect(t.tender).toMatchObject({ catalogueVersion: "T1", weighting: null, quantitativeShare: 50, basis: "value" });
    expect(t.blockers.map((b) => b.cell)).toEqual(["B3"]);
  });

  it("names a missing sheet beside a bad setting", () => {
    const noBidders = workbook({ Tender: tenderRows({ "Scoring basis": "both" }), Commitments: [["Measure"]] });
    const out = readEvaluation(noBidders, TEST_CATALOGUE);
    if (out.ok) throw new Error("expected a refusal");
    expect(out.refusal.blockers.map((b) => [b.sheet, b.field])).toEqual([["Tender", "Scoring basis"], ["Bidders", null]]);
  });

  it("scores through scoreWorkbook only once nothing blocks it", () => {
    const out = scoreWorkbook(wb(), TEST_CATALOGUE);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.refusal.issues).toHaveLength(6);
  });
});

describe("a bidder column that matches no bidder", () => {
  const read2 = (heading: string, moderation: Input[][] = []) =>
    read(
      workbook({
        Tender: tenderRows(),
        Bidders: [["Bidder", "Tender price", "Qualitative score"], ["Acme Ltd", 1000, 4], ["Beta plc", 2000, 3]],
        Commitments: [["Measure", "Beta plc", heading], ["T01", 1, 2]],
        Moderation: moderation,
      }),
    ).issues.filter((i) => i.code !== "RECORD_ONLY");

  it("names the nearest bidder without a column, and points that bidder's gap at the column", () => {
    const [column, missing] = read2("Acme Ltf");
    expect(column?.message).toBe('Commitments!C1: column C is headed "Acme Ltf", which is not a bidder on the Bidders sheet. Did you mean "Acme Ltd"? The column is ignored.');
    expect(missing?.message).toBe('Commitments: there is no column headed "Acme Ltd", so Acme Ltd\'s social value is 0. Column C is headed "Acme Ltf": if that is Acme Ltd, correct its heading.');
  });
  it("finds extra spaces and a missing letter, in any case", () => {
    expect(read2("ACME  LTD")[0]?.message).toContain('Did you mean "Acme Ltd"?');
    expect(read2("Acme Lt")[0]?.message).toContain('Did you mean "Acme Ltd"?');
  });
  it("suggests nothing for a name that is not close", () => {
    const [column] = read2("Gamma Holdings");
    expect(column?.message).toBe('Commitments!C1: column C is headed "Gamma Holdings", which is not a bidder on the Bidders sheet (nor Measure, Description, Unit, Proxy value, Theme, Outcome); the column is ignored.');
  });
  it("names the nearest bidder on the Moderation sheet too", () => {
    const issues = read2("Acme Ltd", [["Bidder", "Measure", "Accepted %"], ["Bta plc", "T01", 50]]);
    expect(issues.map((i) => i.message)).toEqual(['Moderation!A2: "Bta plc" is not a bidder on the Bidders sheet (did you mean "Beta plc"?); row 2 is ignored.']);
  });
});

describe("numbers within the limits (docs/scoring.md)", () => {
  const one = (price: Input, quantity: Input) =>
    read(workbook({ Tender: tenderRows(), Bidders: [["Bidder", "Tender price", "Qualitative score"], ["A", price, 5]], Commitments: [["Measure", "A"], ["T02", quantity]] }));

  it("counts a quantity up to 1,000,000,000, and one above it as 0 with an issue", () => {
    expect(one(1000, 1e9).result.bidders[0]?.socialValue).toBe(2.5e9);
    const over = one(1000, 1e9 + 1);
    expect(over.result.bidders[0]?.socialValue).toBe(0);
    expect(pick(over.issues)).toEqual([["TOO_LARGE", "error", "Commitments", "B2", "A", "T02"]]);
    expect(over.issues[0]?.message).toBe("Commitments!B2: A's quantity for T02 is 1000000001, more than the largest allowed (1,000,000,000); it counts as 0.");
  });
  it("never ranks on Infinity: 1e308 and a number typed with 400 digits count as 0", () => {
    const huge = read(workbook({ Tender: tenderRows(), Bidders: [["Bidder", "Tender price", "Qualitative score"], ["A", 1000, 5], ["B", 1000, 5]], Commitments: [["Measure", "A", "B"], ["T02", 1e308, 10]] }));
    // A's 1e308 kg x £2.50 was Infinity and ranked A first; now it counts as 0 and B (£25) leads.
    expect(huge.result.bidders.map((b) => [b.bidder, b.socialValue, b.totalMarks, b.rank])).toEqual([["A", 0, 5, 2], ["B", 25, 10, 1]]);
    expect(pick(one(1000, "9".repeat(400)).issues)).toEqual([["NON_NUMERIC", "error", "Commitments", "B2", "A", "T02"]]);
  });
  it("reads a tender price from £0.01 to £10,000,000,000; outside that there is no price, with an issue", () => {
    expect(one(0.01, 1).evaluation.bidders[0]?.price).toBe(0.01);
    expect(one(1e10, 1).evaluation.bidders[0]?.price).toBe(1e10);
    const codes = (price: Input) => one(price, 1).issues.map((i) => [i.code, i.message]);
    expect(codes(1e10 + 1)).toEqual([["TOO_LARGE", "Bidders!B2: A's tender price is 10000000001, more than the largest allowed (£10,000,000,000), so its SV add is none."]]);
    expect(codes(0.001)).toEqual([["INVALID_PRICE", "Bidders!B2: A's tender price is 0.001; a price above 0 must be at least £0.01, so its SV add is none."]]);
    expect(codes(0)).toEqual([["INVALID_PRICE", "Bidders!B2: A's tender price is 0; it must be above 0, so its SV add is none."]]);
    expect(codes(null)).toEqual([["INVALID_PRICE", "Bidders!B2: A's tender price is empty, so its SV add is none."]]);
  });
  it("says a negative price is negative, not that it is missing", () => {
    const negative = one("-£250", 1);
    expect(negative.issues.map((i) => [i.code, i.cell, i.message])).toEqual([
      ["NUMBER_AS_TEXT", "B2", 'Bidders!B2: A\'s tender price is typed as text "-£250"; it is read as -250.'],
      ["NEGATIVE_PRICE", "B2", "Bidders!B2: A's tender price is -250; a price cannot be negative, so its SV add is none. Enter the price in £, or leave it empty if there is none."],
    ]);
    expect(negative.result.bidders[0]?.socialValueAdd).toBeNull();
  });
  it("takes a qualitative maximum up to 1,000 and a deliverability threshold up to 1,000%", () => {
    const tender = (overrides: Record<string, Input>) => readTender(workbook({ Tender: tenderRows(overrides) }));
    const ok = tender({ "Qualitative maximum": 1000, "Deliverability threshold": 1000 });
    expect(ok.ok && [ok.tender.qualitativeMaximum, ok.tender.deliverabilityThreshold, ok.blockers]).toEqual([1000, 1000, []]);
    const over = tender({ "Qualitative maximum": 1001, "Deliverability threshold": 1000.5 });
    expect(over.ok && over.blockers.map((b) => b.field)).toEqual(["Qualitative maximum", "Deliverability threshold"]);
  });
});
