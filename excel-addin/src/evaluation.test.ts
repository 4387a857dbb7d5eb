import { describe, expect, it } from "vitest";
import { SHEETS } from "@toms/domain";
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

describe("suggested measures", () => {
  it("keep only the codes the catalogue version has", () => {
    expect(suggestedMeasures(syntheticCatalogue(10), "works")).toEqual([]);
    expect(suggestedMeasures(smallWorkbook().catalogue, "works")).toContain("CCC-EC09");
  });
});
