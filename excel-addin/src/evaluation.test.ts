import { describe, expect, it } from "vitest";
import { findSheet, SHEETS, type Refusal } from "@toms/domain";
import { scoreOpenWorkbook, selectedCommitment, suggestedMeasures } from "./evaluation.js";
import { FakeExcel } from "./testing/fake-excel.js";
import { smallWorkbook, syntheticCatalogue } from "./testing/fixtures.js";

async function scored() {
  const { catalogue, workbook } = smallWorkbook();
  const excel = new FakeExcel(workbook).install();
  const run = await scoreOpenWorkbook((version) => Promise.resolve(version === catalogue.version ? catalogue : null));
  if (!run.ok) throw new Error(run.refusal.message);
  return { excel, run };
}

describe("the commitment in the selected cell", () => {
  it("is the bidder under whose name and the measure on whose row the cell is", async () => {
    const { excel, run } = await scored();
    excel.selection = { sheet: SHEETS.commitments, row: 3, column: 6 };
    expect(await selectedCommitment(run.scored)).toEqual({ bidder: "Bidder 2", measure: "CCC-EC03" });
  });

  it("follows rows that moved since the workbook was scored", async () => {
    const { excel, run } = await scored();
    const sheet = excel.sheet(SHEETS.commitments);
    sheet.rows.splice(1, 0, sheet.rows[0]?.map(() => ({ value: "", numberFormat: "General", type: "Empty" as const, bold: false })) ?? []);
    excel.selection = { sheet: SHEETS.commitments, row: 4, column: 6 };
    expect(await selectedCommitment(run.scored)).toEqual({ bidder: "Bidder 2", measure: "CCC-EC03" });
  });

  it("is none on a header, an information column or another sheet", async () => {
    const { excel, run } = await scored();
    for (const selection of [
      { sheet: SHEETS.commitments, row: 0, column: 6 },
      { sheet: SHEETS.commitments, row: 3, column: 1 },
      { sheet: SHEETS.commitments, row: 3, column: 0 },
      { sheet: SHEETS.bidders, row: 1, column: 1 },
    ]) {
      excel.selection = selection;
      expect(await selectedCommitment(run.scored)).toBeNull();
    }
  });
});

/** The small workbook with its weighting (Tender!B5) and scoring basis (Tender!B8) unusable, its
 * quantitative share (B6) typed as text, and one bidder's quantity (Commitments!F2) negative. */
async function refused(published: boolean): Promise<Refusal> {
  const { catalogue, workbook } = smallWorkbook();
  const tender = findSheet(workbook, SHEETS.tender);
  const commitments = findSheet(workbook, SHEETS.commitments);
  const set = (rows: { value: unknown }[][] | undefined, row: number, column: number, value: unknown) => Object.assign(rows?.[row]?.[column] ?? {}, { value });
  set(tender?.rows, 4, 1, "high");
  set(tender?.rows, 5, 1, "50");
  set(tender?.rows, 7, 1, "both");
  set(commitments?.rows, 1, 5, -3);
  new FakeExcel(workbook).install();
  const run = await scoreOpenWorkbook((version) => Promise.resolve(published && version === catalogue.version ? catalogue : null));
  if (run.ok) throw new Error("expected a refusal");
  return run.refusal;
}

describe("a workbook that cannot be scored", () => {
  it("is refused with every problem that stops it, each at its cell, and the other issues found", async () => {
    const refusal = await refused(true);
    expect(refusal.blockers.map((b) => [b.sheet, b.field, b.cell])).toEqual([
      [SHEETS.tender, "Social value weighting", "B5"],
      [SHEETS.tender, "Scoring basis", "B8"],
    ]);
    expect(refusal.issues.map((i) => [i.code, i.sheet, i.cell])).toEqual(expect.arrayContaining([
      ["NUMBER_AS_TEXT", SHEETS.tender, "B6"],
      ["NEGATIVE", SHEETS.commitments, "F2"],
    ]));
  });

  it("with a catalogue version that is not published, is told with what the Tender sheet shows beside it", async () => {
    const refusal = await refused(false);
    expect(refusal.blockers.map((b) => [b.field, b.cell])).toEqual([
      ["Catalogue version", null],
      ["Social value weighting", "B5"],
      ["Scoring basis", "B8"],
    ]);
    expect(refusal.blockers[0]?.message).toBe('Catalogue version "2026.1" is not published, so the workbook cannot be scored. Put a published version in the Tender sheet\'s "Catalogue version" row.');
    expect(refusal.issues.map((i) => [i.code, i.cell])).toEqual([["NUMBER_AS_TEXT", "B6"]]);
  });
});

describe("suggested measures", () => {
  it("keep only the codes the catalogue version has", () => {
    expect(suggestedMeasures(syntheticCatalogue(10), "works")).toEqual([]);
    expect(suggestedMeasures(smallWorkbook().catalogue, "works")).toContain("CCC-EC09");
  });
});
