import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_CATALOGUE, findSheet, outputSheets, scoreJson, scoreWorkbook, SHEETS, type Catalogue, type Workbook } from "@toms/domain";
import { layOutEvaluation, scoreOpenWorkbook } from "../evaluation.js";
import { FakeExcel } from "../testing/fake-excel.js";
import { filledWorkbook, smallWorkbook, syntheticCatalogue } from "../testing/fixtures.js";
import { CELLS_PER_BATCH, readEvaluationSheets, readSelection, selectCell, writeModeration } from "./workbook-adapter.js";

const lookup = (catalogue: Catalogue) => (version: string) => Promise.resolve(version === catalogue.version ? catalogue : null);

/** What the domain makes of the grid directly: the expected result of a scoring run. */
function expected(workbook: Workbook, catalogue: Catalogue) {
  const read = scoreWorkbook(workbook, catalogue);
  if (!read.ok) throw new Error(read.refusal.message);
  return { json: scoreJson(read.scored), sheets: outputSheets(read.scored, catalogue.moneyLabel) };
}

/** A sheet's values as Excel holds them, "" for empty, for comparing with grid sheets. */
function valuesOf(excel: FakeExcel, name: string): (string | number | boolean)[][] {
  return excel.sheet(name).rows.map((row) => row.map((c) => c.value));
}

function gridValues(rows: { value: unknown }[][]): unknown[][] {
  const width = Math.max(...rows.map((r) => r.length));
  return rows.map((row) => Array.from({ length: width }, (_, c) => row[c]?.value ?? ""));
}

let excel: FakeExcel;

describe("scoring a workbook through the adapter", () => {
  it("reads, scores and writes a 5 x 20 workbook in 4 syncs", async () => {
    const { catalogue, workbook } = smallWorkbook();
    excel = new FakeExcel(workbook).install();
    const run = await scoreOpenWorkbook(lookup(catalogue));
    expect(run.ok).toBe(true);
    if (!run.ok) return;
    expect(excel.syncs).toBe(4);
    const want = expected(workbook, catalogue);
    expect(run.json).toEqual(want.json);
    const [results, breakdown] = want.sheets;
    if (!results || !breakdown) throw new Error("no output sheets");
    const written = valuesOf(excel, SHEETS.results);
    expect(written.slice(0, results.rows.length)).toEqual(gridValues(results.rows).map((row) => row.slice(0, written[0]?.length)));
    expect(excel.cell(SHEETS.results, 1, 7).value).toBe(want.json.bidders[0]?.totalMarks);
    expect(excel.cell(SHEETS.results, 1, 3).numberFormat).toBe("#,##0.00");
    expect(valuesOf(excel, SHEETS.breakdown)).toEqual(gridValues(breakdown.rows));
    const sheet = excel.sheet(SHEETS.results);
    expect(sheet.conditionalFormats.map((f) => f.type)).toEqual(["DataBar", "Custom"]);
    expect(sheet.charts).toEqual([expect.objectContaining({ type: "ColumnStacked", seriesBy: "Rows", series: ["Economic", "Social", "Environmental"], source: "Breakdown!F1:J4" })]);
    expect(excel.activeSheet).toBe(SHEETS.results);
  });

  it("scores a 200 x 300 workbook in the same 4 syncs", async () => {
    const catalogue = syntheticCatalogue(300);
    const workbook = filledWorkbook(catalogue, 200, 300);
    excel = new FakeExcel(workbook).install();
    const run = await scoreOpenWorkbook(lookup(catalogue));
    expect(run.ok && run.json).toEqual(expected(workbook, catalogue).json);
    expect(excel.syncs).toBe(4);
    expect(excel.cell(SHEETS.breakdown, 7, 1).value).toBe("M0001");
  });

  it("splits reads and writes bigger than one batch into one sync per chunk, losing nothing", async () => {
    const catalogue = syntheticCatalogue(400);
    const bidders = Math.ceil(CELLS_PER_BATCH / 400) + 10;
    const workbook = filledWorkbook(catalogue, bidders, 400);
    excel = new FakeExcel(workbook).install();
    const snapshot = await readEvaluationSheets();
    expect(excel.syncs).toBe(4); // names, used ranges, then two batches of cells
    const commitments = findSheet(snapshot.workbook, SHEETS.commitments);
    expect(commitments?.rows.length).toBe(401);
    const last = findSheet(workbook, SHEETS.commitments)?.rows[400]?.[5 + bidders - 1];
    expect(commitments?.rows[400]?.[5 + bidders - 1]).toEqual({ value: last?.value, numberFormat: last?.numberFormat });

    excel.syncs = 0;
    const run = await scoreOpenWorkbook(lookup(catalogue));
    expect(excel.syncs).toBe(6); // the 4 of a scoring run, and one more each to read and to write
    const want = expected(workbook, catalogue);
    expect(run.ok && run.json).toEqual(want.json);
    const breakdown = want.sheets[1];
    if (!breakdown) throw new Error("no Breakdown");
    expect(breakdown.rows.length * (breakdown.rows[0]?.length ?? 0)).toBeGreaterThan(CELLS_PER_BATCH);
    expect(valuesOf(excel, SHEETS.breakdown)).toEqual(gridValues(breakdown.rows));
  });

  it("reads errors, percentages and text as the domain expects", async () => {
    const { catalogue, workbook } = smallWorkbook();
    excel = new FakeExcel(workbook).install();
    const tender = excel.sheet(SHEETS.tender);
    excel.write(tender, 5, 1, 0.6, "0%");
    const commitments = excel.sheet(SHEETS.commitments);
    excel.write(commitments, 1, 5, "#N/A");
    excel.write(commitments, 2, 5, "lots");
    const run = await scoreOpenWorkbook(lookup(catalogue));
    if (!run.ok) throw new Error(run.refusal.message);
    expect(run.json.tender.quantitativeShare).toBeCloseTo(60, 10);
    expect(run.json.issues.map((i) => [i.code, i.cell])).toEqual(expect.arrayContaining([["CELL_ERROR", "F2"], ["NON_NUMERIC", "F3"]]));
  });

  it("refuses a workbook without a Tender sheet, naming it, and writes nothing", async () => {
    excel = new FakeExcel().install();
    const run = await scoreOpenWorkbook(lookup(DEFAULT_CATALOGUE));
    expect(run.ok).toBe(false);
    if (!run.ok) expect(run.refusal.sheet).toBe("Tender");
    expect(excel.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });

  it("reads an empty sheet as empty, and the domain says what it lacks", async () => {
    excel = new FakeExcel({ sheets: [{ name: "Tender", rows: [] }] }).install();
    const run = await scoreOpenWorkbook(lookup(DEFAULT_CATALOGUE));
    expect(!run.ok && run.refusal).toMatchObject({ sheet: "Tender", field: "Tender reference" });
    expect(excel.syncs).toBe(2); // names, then the used range, which is empty: no cells to read
  });

  it("refuses a catalogue version that is not published", async () => {
    const { workbook } = smallWorkbook();
    excel = new FakeExcel(workbook).install();
    const run = await scoreOpenWorkbook(() => Promise.resolve(null));
    expect(!run.ok && run.refusal.catalogueVersion).toBe(DEFAULT_CATALOGUE.version);
  });

  it("replaces earlier Results and Breakdown and keeps other sheets", async () => {
    const { catalogue, workbook } = smallWorkbook();
    excel = new FakeExcel(workbook).install();
    await scoreOpenWorkbook(lookup(catalogue));
    await scoreOpenWorkbook(lookup(catalogue));
    expect(excel.sheets.map((s) => s.name)).toEqual([SHEETS.instructions, SHEETS.tender, SHEETS.bidders, SHEETS.commitments, SHEETS.moderation, SHEETS.results, SHEETS.breakdown]);
  });
});

describe("laying out a new evaluation", () => {
  beforeEach(() => {
    excel = new FakeExcel().install();
  });

  it("writes the template's sheets as tables with validation, formats and frozen headers", async () => {
    const outcome = await layOutEvaluation({ catalogue: DEFAULT_CATALOGUE, measures: ["CCC-EC03", "CCC-EN06"], bidders: ["Acme", "Beta"], reference: "T-1" }, false);
    expect(outcome).toEqual({ ok: true });
    expect(excel.syncs).toBe(2);
    expect(excel.sheets.map((s) => s.name)).toEqual(["Sheet1", "Instructions", "Tender", "Bidders", "Commitments", "Moderation"]);
    const tender = excel.sheet("Tender");
    expect(excel.cell("Tender", 3, 1)).toMatchObject({ value: DEFAULT_CATALOGUE.version, type: "String", numberFormat: "@" });
    expect(excel.cell("Tender", 1, 1).value).toBe("T-1");
    expect(tender.validations).toContainEqual(expect.objectContaining({ address: "Tender!B8:B8", rule: { list: { inCellDropDown: true, source: "value,percent" } } }));
    expect(excel.sheet("Commitments").tables).toEqual([{ name: "TomsCommitments", address: "'Commitments'!A1:G3", style: "TableStyleLight9" }]);
    expect(excel.sheet("Commitments").validations).toEqual([
      expect.objectContaining({ address: "Commitments!F2:F3", rule: { decimal: { formula1: 0, formula2: 1_000_000_000, operator: "Between" } } }),
      expect.objectContaining({ address: "Commitments!G2:G3" }),
    ]);
    expect(excel.sheet("Commitments").frozen).toBe("A1:B1");
    expect(excel.sheet("Moderation").tables[0]?.address).toBe("'Moderation'!A1:D2");
    expect(excel.cell("Commitments", 0, 5)).toMatchObject({ value: "Acme", bold: true });
    expect(excel.activeSheet).toBe("Tender");
    // As laid out, it scores.
    expect((await scoreOpenWorkbook(lookup(DEFAULT_CATALOGUE))).ok).toBe(true);
  });

  it("asks before replacing sheets the workbook has, then replaces them", async () => {
    await layOutEvaluation({ catalogue: DEFAULT_CATALOGUE, measures: ["CCC-EC03"], bidders: ["Acme"] }, false);
    const again = await layOutEvaluation({ catalogue: DEFAULT_CATALOGUE, measures: ["CCC-EC04"], bidders: ["Beta"] }, false);
    expect(again).toMatchObject({ ok: false, existing: ["Instructions", "Tender", "Bidders", "Commitments", "Moderation"] });
    expect(excel.cell("Commitments", 1, 0).value).toBe("CCC-EC03");
    expect(await layOutEvaluation({ catalogue: DEFAULT_CATALOGUE, measures: ["CCC-EC04"], bidders: ["Beta"] }, true)).toEqual({ ok: true });
    expect(excel.cell("Commitments", 1, 0).value).toBe("CCC-EC04");
    expect(excel.sheets.map((s) => s.name)).toEqual(["Sheet1", "Instructions", "Tender", "Bidders", "Commitments", "Moderation"]);
  });

  it("says why a request cannot be laid out", async () => {
    expect(await layOutEvaluation({ catalogue: DEFAULT_CATALOGUE, measures: ["CCC-EC03"], bidders: [] }, false)).toEqual({ ok: false, message: "Name at least one bidder." });
    expect(excel.syncs).toBe(0);
  });
});

describe("moderation and selection", () => {
  it("records an accepted % in the Moderation table and the next score uses it", async () => {
    const { catalogue, workbook } = smallWorkbook();
    excel = new FakeExcel(workbook).install();
    const before = await scoreOpenWorkbook(lookup(catalogue));
    await writeModeration({ bidder: "Bidder 2", measure: "CCC-EC03", accepted: 0.5, reason: "Only half is local" });
    expect(excel.cell("Moderation", 1, 0).value).toBe("Bidder 2");
    expect(excel.cell("Moderation", 1, 2)).toMatchObject({ value: 0.5, numberFormat: "0%" });
    await writeModeration({ bidder: "Bidder 2", measure: "ccc-ec03", accepted: 0.25, reason: "A quarter" });
    await writeModeration({ bidder: "Bidder 3", measure: "CCC-EC02", accepted: 0, reason: "Not deliverable" });
    expect(excel.cell("Moderation", 1, 2).value).toBe(0.25);
    expect(excel.cell("Moderation", 2, 0).value).toBe("Bidder 3");
    const after = await scoreOpenWorkbook(lookup(catalogue));
    if (!before.ok || !after.ok) throw new Error("not scored");
    const sv = (run: typeof after, name: string) => run.json.bidders.find((b) => b.bidder === name)?.socialValue ?? NaN;
    const quantity = Number(excel.cell("Commitments", 3, 6).value); // CCC-EC03 is row 4; Bidder 2 is column G
    expect(sv(before, "Bidder 2") - sv(after, "Bidder 2")).toBeCloseTo(quantity * 37_430 * 0.75, 6);
    expect(after.scored.evaluation.commitments[2]?.accepted[1]).toBe(0.25);
  });

  it("fills the Moderation table's empty row first, then adds rows to the table", async () => {
    excel = new FakeExcel().install();
    await layOutEvaluation({ catalogue: DEFAULT_CATALOGUE, measures: ["CCC-EC03", "CCC-EN06"], bidders: ["Acme", "Beta"] }, false);
    await writeModeration({ bidder: "Acme", measure: "CCC-EC03", accepted: 0.5, reason: "Half" });
    await writeModeration({ bidder: "Beta", measure: "CCC-EN06", accepted: 0.9, reason: "Most" });
    expect(valuesOf(excel, "Moderation")).toEqual([
      ["Bidder", "Measure", "Accepted %", "Reason"],
      ["Acme", "CCC-EC03", 0.5, "Half"],
      ["Beta", "CCC-EN06", 0.9, "Most"],
    ]);
    expect(excel.sheet("Moderation").tables[0]?.address).toBe("Moderation!A1:D3");
    expect(excel.cell("Moderation", 2, 2).numberFormat).toBe("0%");
  });

  it("creates the Moderation sheet when the workbook has none", async () => {
    const { catalogue, workbook } = smallWorkbook();
    excel = new FakeExcel({ sheets: workbook.sheets.filter((s) => s.name !== SHEETS.moderation) }).install();
    await writeModeration({ bidder: "Bidder 1", measure: "CCC-EC02", accepted: 0.8, reason: "Partly" });
    const run = await scoreOpenWorkbook(lookup(catalogue));
    expect(run.ok && run.scored.evaluation.commitments[1]?.accepted[0]).toBe(0.8);
  });

  it("selects an issue's cell and reads the selection back", async () => {
    excel = new FakeExcel(smallWorkbook().workbook).install();
    await selectCell("Commitments", "G4");
    expect(excel.activeSheet).toBe("Commitments");
    expect(await readSelection()).toEqual({ sheet: "Commitments", row: 3, column: 6 });
  });
});
