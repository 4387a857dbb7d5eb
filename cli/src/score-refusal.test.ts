// `toms score` on a workbook that cannot be scored: exit 2, and every problem at once, each with
// its sheet and cell (run in-process on a real .xlsx with the built-in catalogue).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { builtInCatalogues } from "./catalogues.js";
import { run } from "./cli.js";

const dir = mkdtempSync(join(tmpdir(), "toms-refusal-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function score(file: string): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await run(["score", file], { io: { out: (t) => void (out += t), err: (t) => void (err += t) }, catalogues: builtInCatalogues });
  return { code, out, err };
}

describe("a workbook with an unusable setting", () => {
  it("exits 2 and lists every blocking setting, then every other issue, each with sheet and cell", async () => {
    const book = new ExcelJS.Workbook();
    const sheets: Record<string, ExcelJS.CellValue[][]> = {
      Tender: [["Tender reference", "CCC-2026-7"], ["Catalogue version", "2026.1"], ["Social value weighting", "ten"], ["Quantitative share", 50], ["Qualitative maximum", 5]],
      Bidders: [["Bidder", "Tender price", "Qualitative score"], ["Acme Ltd", -1000, 4], ["Beta plc", 500000, 3]],
      Commitments: [["Measure", "Acme Ltf", "Beta plc"], ["CCC-EC11", 100, 1e308]],
    };
    for (const [name, rows] of Object.entries(sheets)) book.addWorksheet(name).addRows(rows);
    const file = join(dir, "settings.xlsx");
    await book.xlsx.writeFile(file);

    const r = await score(file);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toBe(
      [
        "toms: settings.xlsx: The workbook cannot be scored until these 2 problems are fixed:",
        '  Tender!B3: "Social value weighting" is "ten"; it must be a number of marks from 0 to 100, so the workbook cannot be scored.',
        '  The Tender sheet has no "Scoring basis" row, so the workbook cannot be scored. Put "Scoring basis" in column A and its value in column B.',
        "",
        "4 issue(s): 2 error(s), 2 warning(s), 0 info.",
        "  error    NEGATIVE_PRICE         Bidders!B2: Acme Ltd's tender price is -1000; a price cannot be negative, so its SV add is none. Enter the price in £, or leave it empty if there is none.",
        '  warning  UNKNOWN_COLUMN         Commitments!B1: column B is headed "Acme Ltf", which is not a bidder on the Bidders sheet. Did you mean "Acme Ltd"? The column is ignored.',
        '  warning  MISSING_BIDDER_COLUMN  Commitments: there is no column headed "Acme Ltd", so Acme Ltd\'s social value is 0. Column B is headed "Acme Ltf": if that is Acme Ltd, correct its heading.',
        "  error    TOO_LARGE              Commitments!C2: Beta plc's quantity for CCC-EC11 is 1e+308, more than the largest allowed (1,000,000,000); it counts as 0.",
        "",
      ].join("\n"),
    );
  });
});
