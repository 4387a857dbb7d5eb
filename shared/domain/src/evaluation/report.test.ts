import { describe, it, expect } from "vitest";
import type { Cell } from "./grid.js";
import { breakdownSheet, resultsSheet, scoreJson, scoreWorkbook } from "./report.js";
import { buildTemplate } from "./template.js";
import { DEFAULT_CATALOGUE } from "./default-catalogue.js";
import { TEST_CATALOGUE, workedExample } from "./test-support.js";

function scored() {
  const out = scoreWorkbook(workedExample(), TEST_CATALOGUE);
  if (!out.ok) throw new Error(out.refusal.message);
  return out.scored;
}
const values = (rows: Cell[][]) => rows.map((r) => r.map((c) => c.value));

describe("the JSON result", () => {
  it("has the agreed shape, bidders best first, full precision", () => {
    const json = scoreJson(scored());
    expect(json.tender).toEqual({ reference: "CCC-2026-001", catalogueVersion: "T1", weighting: 10, quantitativeShare: 50, qualitativeMaximum: 5, basis: "value", deliverabilityThreshold: 50 });
    expect(json.bidders[0]).toEqual({
      bidder: "B",
      price: 20000,
      socialValue: 1500,
      socialValueAdd: 0.075,
      quantitativeMarks: 3.75,
      qualitativeMarks: 5,
      totalMarks: 8.75,
      rank: 1,
      byTheme: { Economic: 500, Social: 1000, Environmental: 0 },
    });
    expect(json.bidders.map((b) => [b.bidder, b.rank, b.socialValueAdd])).toEqual([["B", 1, 0.075], ["A", 2, 0.125], ["C", 3, null]]);
    expect(json.issues.map((i) => i.code)).toEqual(["INVALID_PRICE", "MISSING_QUALITATIVE", "RECORD_ONLY"]);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe("the Results and Breakdown sheets", () => {
  it("Results: one row per bidder best first, values unrounded, formats for display", () => {
    const sheet = resultsSheet(scored());
    expect(sheet.name).toBe("Results");
    expect(values(sheet.rows.slice(0, 4))).toEqual([
      ["Rank", "Bidder", "Tender price (£)", "Social value (Coventry £)", "SV add", "Quantitative marks", "Qualitative marks", "Total marks", "Flags"],
      [1, "B", 20000, 1500, 0.075, 3.75, 5, 8.75, ""],
      [2, "A", 10000, 1250, 0.125, 3.125, 4, 7.125, ""],
      [3, "C", null, 2000, "none", 5, 0, 5, "No usable tender price: social value add is none; No qualitative score: qualitative marks 0"],
    ]);
    expect(sheet.rows[1]?.[4]?.numberFormat).toBe("0.00%");
    expect(sheet.rows[1]?.[7]?.numberFormat).toBe("0.00");
  });
  it("Results: flags say in words what each error and warning about a bidder means, once each", () => {
    // A offers 1,250 on 10,000 (12.5%), above a 10% threshold, and types both its quantities as text.
    const wb = workedExample({ "Deliverability threshold": 10 });
    const commitments = wb.sheets.find((s) => s.name === "Commitments");
    for (const row of commitments?.rows.slice(1, 3) ?? []) if (row[2]) row[2] = { value: String(row[2].value) };
    const out = scoreWorkbook(wb, TEST_CATALOGUE);
    if (!out.ok) throw new Error(out.refusal.message);
    const flags = Object.fromEntries(resultsSheet(out.scored).rows.slice(1, 4).map((r) => [r[1]?.value, r[8]?.value]));
    expect(flags).toEqual({
      A: "Number typed as text: read as the number shown; Social value add above the deliverability threshold: check it can be delivered",
      B: "",
      C: "No usable tender price: social value add is none; No qualitative score: qualitative marks 0",
    });
  });
  it("Breakdown: by theme, total, then by measure after moderation", () => {
    const sheet = breakdownSheet(scored(), "£");
    expect(values(sheet.rows)).toEqual([
      ["Social value by theme (£)", null, null, null, null, "B", "A", "C"],
      ["Economic", null, null, null, null, 500, 1000, 2000],
      ["Social", null, null, null, null, 1000, 250, 0],
      ["Environmental", null, null, null, null, 0, 0, 0],
      ["Total", null, null, null, null, 1500, 1250, 2000],
      [],
      ["Theme", "Measure", "Name", "Unit", "Proxy value (£ per unit)", "B", "A", "C"],
      ["Economic", "T01", "Hours of mentoring", "hours", 100, 500, 1000, 2000],
      ["Social", "T02", "Food donated", "kg", 2.5, 1000, 250, 0],
      ["Environmental", "T03", "Policy in place", "yes (1) / no (0)", "record only", 0, 0, 0],
    ]);
  });
});

describe("the template", () => {
  it("scores as generated, with the defaults (10, 50%, 5, value) and zero for everyone", () => {
    const t = buildTemplate({ catalogue: DEFAULT_CATALOGUE, measures: ["ccc-ec03", "CCC-EN06", "CCC-EN18"], bidders: ["Acme Ltd", "Beta plc"] });
    if (!t.ok) throw new Error(t.message);
    expect(t.workbook.sheets.map((s) => s.name)).toEqual(["Instructions", "Tender", "Bidders", "Commitments", "Moderation"]);
    const out = scoreWorkbook(t.workbook, DEFAULT_CATALOGUE);
    if (!out.ok) throw new Error(out.refusal.message);
    expect(out.scored.evaluation.tender).toMatchObject({ weighting: 10, quantitativeShare: 50, qualitativeMaximum: 5, basis: "value", catalogueVersion: "2026.1" });
    expect(out.scored.result.bidders.map((b) => [b.totalMarks, b.rank])).toEqual([[0, 1], [0, 1]]);
    // Only the prices and scores the evaluator has yet to enter are flagged.
    expect([...new Set(out.scored.issues.map((i) => i.code))]).toEqual(["INVALID_PRICE", "MISSING_QUALITATIVE"]);
  });
  it("puts the proxy value and unit beside each measure, and validates quantities", () => {
    const t = buildTemplate({ catalogue: TEST_CATALOGUE, measures: "all", bidders: ["A"] });
    if (!t.ok) throw new Error(t.message);
    const commitments = t.workbook.sheets.find((s) => s.name === "Commitments");
    expect(values(commitments?.rows ?? [])).toEqual([
      ["Measure", "Description", "Theme", "Unit", "Proxy value", "A"],
      ["T01", "Hours of mentoring", "Economic", "hours", 100, null],
      ["T02", "Food donated", "Social", "kg", 2.5, null],
      ["T03", "Policy in place", "Environmental", "yes (1) / no (0)", "record only", null],
    ]);
    expect(commitments?.rows[1]?.[5]?.validation).toMatchObject({ type: "decimal", minimum: 0, maximum: 1_000_000_000 });
    const price = t.workbook.sheets.find((s) => s.name === "Bidders")?.rows[1]?.[1];
    expect(price?.validation).toMatchObject({ minimum: 0, maximum: 10_000_000_000, message: "The tender price in £, above 0 and at most £10,000,000,000." });
  });
  it("refuses unknown measures and unusable bidder names", () => {
    expect(buildTemplate({ catalogue: TEST_CATALOGUE, measures: ["T01", "NOPE"], bidders: ["A"] })).toEqual({ ok: false, message: "Catalogue version T1 has no measure NOPE." });
    expect(buildTemplate({ catalogue: TEST_CATALOGUE, measures: "all", bidders: ["A", "a"] }).ok).toBe(false);
    expect(buildTemplate({ catalogue: TEST_CATALOGUE, measures: "all", bidders: ["Unit"] }).ok).toBe(false);
    expect(buildTemplate({ catalogue: TEST_CATALOGUE, measures: "all", bidders: [" "] }).ok).toBe(false);
  });
});
