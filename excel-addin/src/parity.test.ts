// Parity: the add-in (adapter + domain) scores an .xlsx exactly as `toms score --json` does. The
// file's cells are put in the office-addin-mock workbook as Excel shows them (number formats,
// error values, text), then read back through the adapter.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_CATALOGUE, type ScoreJson } from "@toms/domain";
import { readXlsx } from "@toms/xlsx";
import { scoreOpenWorkbook } from "./evaluation.js";
import { FakeExcel } from "./testing/fake-excel.js";

const root = join(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "toms-parity-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cliScore(file: string): ScoreJson {
  return JSON.parse(execFileSync(process.execPath, [join(root, "cli", "bin", "toms.js"), "score", file, "--json"], { encoding: "utf8" })) as ScoreJson;
}

/** Opens an .xlsx in the office-addin-mock workbook as Excel shows it: every sheet, value (a
 * formula by its cached result) and number format, read by the same exceljs adapter as the CLI. */
async function openInExcel(file: string): Promise<FakeExcel> {
  return new FakeExcel((await readXlsx(file)).grid);
}

async function addinScore(file: string): Promise<{ json: ScoreJson; syncs: number }> {
  const excel = (await openInExcel(file)).install();
  const run = await scoreOpenWorkbook((version) => Promise.resolve(version === DEFAULT_CATALOGUE.version ? DEFAULT_CATALOGUE : null));
  if (!run.ok) throw new Error(run.refusal.message);
  return { json: run.json, syncs: excel.syncs };
}

/** A workbook with something wrong in most places: every kind of cell the reader handles. */
async function troubledWorkbook(): Promise<string> {
  const file = join(dir, "troubled.xlsx");
  execFileSync(process.execPath, [join(root, "cli", "bin", "toms.js"), "template", "--catalogue-version", DEFAULT_CATALOGUE.version, "--measures", "CCC-EC02,CCC-EC03,CCC-EC10,CCC-SO11,CCC-EN06", "--bidders", "North Ltd,South plc,East LLP", "-o", file]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const tender = book.getWorksheet("Tender");
  const bidders = book.getWorksheet("Bidders");
  const commitments = book.getWorksheet("Commitments");
  const moderation = book.getWorksheet("Moderation");
  if (!tender || !bidders || !commitments || !moderation) throw new Error("template sheets missing");
  tender.getCell("B2").value = "T-99";
  tender.getCell("B6").value = 0.6;
  tender.getCell("B6").numFmt = "0%";
  tender.getCell("B8").value = "percent";
  const prices: [ExcelJS.CellValue, ExcelJS.CellValue][] = [[250_000, 4], ["£300,000", "3.5"], [0, 9]];
  prices.forEach(([price, score], i) => {
    bidders.getCell(`B${i + 2}`).value = price;
    bidders.getCell(`C${i + 2}`).value = score;
  });
  bidders.getCell("A5").value = "north ltd"; // a duplicate, skipped
  const quantities: ExcelJS.CellValue[][] = [
    [12, "1,200", { error: "#N/A" }],
    [3.5, -2, "lots"],
    [4, 0, 2],
    [5000, { formula: "2000*2", result: 4000 }, null],
    [100, 250.75, 80],
  ];
  quantities.forEach((row, m) => row.forEach((q, b) => (commitments.getCell(m + 2, 6 + b).value = q)));
  commitments.getCell("A8").value = "CCC-XX99";
  commitments.getCell("F8").value = 1;
  commitments.getCell("A9").value = "ccc-ec03";
  commitments.getCell("F9").value = 7;
  commitments.getCell("I1").value = "West Co";
  commitments.getCell("I2").value = 1;
  const rows: ExcelJS.CellValue[][] = [
    ["North Ltd", "CCC-EC03", 0.5, "Half local"],
    ["South plc", "CCC-EN06", "75%", "Typed as text"],
    ["East LLP", "CCC-SO11", 140, "Out of range"],
    ["Nobody", "CCC-EC02", 50, "Unknown bidder"],
  ];
  rows.forEach((row, r) => row.forEach((v, c) => (moderation.getCell(r + 2, c + 1).value = v)));
  moderation.getCell("C2").numFmt = "0%";
  await book.xlsx.writeFile(file);
  return file;
}

describe("the add-in and the CLI score the same file the same way", () => {
  it("the example workbook", async () => {
    const file = join(root, "examples", "evaluation-example.xlsx");
    const cli = cliScore(file);
    const addin = await addinScore(file);
    expect(addin.json).toEqual(cli);
    expect(addin.syncs).toBe(4);
  });

  it("a workbook with errors, text, percentages, formulas and moderation", async () => {
    const file = await troubledWorkbook();
    const cli = cliScore(file);
    expect(new Set(cli.issues.map((i) => i.code))).toEqual(
      new Set(["NUMBER_AS_TEXT", "CELL_ERROR", "NEGATIVE", "NON_NUMERIC", "UNKNOWN_MEASURE", "DUPLICATE_MEASURE", "UNKNOWN_COLUMN", "DUPLICATE_BIDDER", "RECORD_ONLY", "QUALITATIVE_OUT_OF_RANGE", "INVALID_PRICE", "HIGH_SV_ADD", "MODERATION_OUT_OF_RANGE", "UNKNOWN_REFERENCE"]),
    );
    const addin = await addinScore(file);
    expect(addin.json).toEqual(cli);
  });
});
