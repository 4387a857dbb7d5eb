import { describe, it, expect, beforeAll, afterAll, inject } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { DEFAULT_CATALOGUE, formatCatalogueCsv, type Catalogue } from "@toms/domain";

declare module "vitest" {
  export interface ProvidedContext {
    azuriteConnectionString: string;
  }
}

const bin = fileURLToPath(new URL("../bin/toms.js", import.meta.url));
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "toms-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The installed command reads stored catalogues: give it the test run's Azurite, in tables of its own.
const storageEnv = { TOMS_STORAGE_CONNECTION_STRING: inject("azuriteConnectionString"), TOMS_TABLE_PREFIX: `cli${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}` };

function toms(...args: string[]) {
  return tomsWith({}, ...args);
}
/** The built bin with more environment and, for fault injection, node options before it. */
function tomsWith(more: { env?: Record<string, string>; nodeArgs?: string[] }, ...args: string[]) {
  const r = spawnSync(process.execPath, [...(more.nodeArgs ?? []), bin, ...args], { encoding: "utf8", env: { ...process.env, ...storageEnv, ...more.env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
/** A stack trace's frames, or a Node error dump: what the CLI must never print. */
const STACK = /^\s+at |node:internal|Error: |\{\s*errno/m;

type Rows = ExcelJS.CellValue[][];
async function writeXlsx(name: string, sheets: Record<string, Rows>, tweak?: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [sheet, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(sheet);
    rows.forEach((row) => ws.addRow(row));
  }
  tweak?.(wb);
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

// Default catalogue 2026.1: CCC-EC11 £13.45/hour, CCC-EN06 £268.97/tonne, CCC-SO11 £1/£, CCC-EN18 record only.
// Acme: 100 h + 10 t + "£5,000" = 1,345 + 2,689.70 + 5,000 = 9,034.70 on a price of 1,000,000.
// Beta: 200 h + (2*2 =) 4 t + 2,000 = 2,690 + 1,075.88 + 2,000 = 5,765.88 on a price of 500,000.
const ACME_SV = 1345 + 2689.7 + 5000;
const BETA_SV = 2690 + 1075.88 + 2000;
function evaluationSheets(version = "2026.1"): Record<string, Rows> {
  return {
    Tender: [
      ["Tender reference", "CCC-2026-042"],
      ["Title", "Library refurbishment"],
      ["Catalogue version", version],
      ["Social value weighting", 10],
      ["Quantitative share", 0.5], // formatted as 50% below
      ["Qualitative maximum", 5],
      ["Scoring basis", "value"],
    ],
    Bidders: [
      ["Bidder", "Tender price", "Qualitative score"],
      ["Acme Ltd", 1_000_000, 4],
      ["Beta plc", 500_000, { formula: "1+2", result: 3 }],
    ],
    Commitments: [
      ["Measure", "Description", "Acme Ltd", "Beta plc"],
      ["CCC-EC11", "Hours supporting young people into work", 100, 200],
      ["CCC-EN06", "CO2 saved on contract", 10, { formula: "2*2", result: 4 }],
      ["CCC-SO11", "Donations", "£5,000", 2000],
      ["CCC-EN18", "Environmental policy", 1, 1],
    ],
  };
}
const percentShare = (wb: ExcelJS.Workbook) => {
  const cell = wb.getWorksheet("Tender")?.getCell("B5");
  if (cell) cell.numFmt = "0%";
};

interface Json {
  tender: Record<string, unknown>;
  bidders: { bidder: string; price: number | null; socialValue: number; socialValueAdd: number | null; quantitativeMarks: number; qualitativeMarks: number; totalMarks: number; rank: number; byTheme: Record<string, number> }[];
  issues: { severity: string; code: string; sheet: string | null; cell: string | null; bidder: string | null; measure: string | null; message: string }[];
}

describe("toms score", () => {
  it("scores a workbook: JSON numbers as worked out by hand, formulas by their cached result", async () => {
    const file = await writeXlsx("evaluation.xlsx", evaluationSheets(), percentShare);
    const r = toms("score", file, "--json");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as Json;
    expect(json.tender).toEqual({ reference: "CCC-2026-042", catalogueVersion: "2026.1", weighting: 10, quantitativeShare: 50, qualitativeMaximum: 5, basis: "value", deliverabilityThreshold: 50 });
    const [acme, beta] = json.bidders;
    expect(acme?.bidder).toBe("Acme Ltd");
    expect(acme?.socialValue).toBeCloseTo(ACME_SV, 9);
    expect(acme?.socialValueAdd).toBeCloseTo(ACME_SV / 1_000_000, 12);
    expect(acme?.quantitativeMarks).toBeCloseTo(5, 12);
    expect(acme?.qualitativeMarks).toBeCloseTo(4, 12);
    expect(acme?.totalMarks).toBeCloseTo(9, 12);
    expect(acme?.rank).toBe(1);
    expect(acme?.byTheme.Economic).toBeCloseTo(1345, 9);
    expect(acme?.byTheme.Social).toBeCloseTo(5000, 9);
    expect(acme?.byTheme.Environmental).toBeCloseTo(2689.7, 9);
    expect(beta?.socialValue).toBeCloseTo(BETA_SV, 9);
    expect(beta?.quantitativeMarks).toBeCloseTo((5 * BETA_SV) / ACME_SV, 12);
    expect(beta?.qualitativeMarks).toBeCloseTo(3, 12);
    expect(beta?.rank).toBe(2);
    expect(json.issues.map((i) => [i.code, i.cell])).toEqual([
      ["NUMBER_AS_TEXT", "C4"],
      ["RECORD_ONLY", "C5"],
      ["RECORD_ONLY", "D5"],
    ]);
  });

  it("does not guess a formula's value when the file holds no calculated result, nor read a date as a quantity", async () => {
    const sheets = evaluationSheets();
    const commitments = sheets.Commitments as Rows;
    (commitments[1] as ExcelJS.CellValue[])[3] = { formula: "100+100" } as ExcelJS.CellFormulaValue;
    const file = await writeXlsx("uncalculated.xlsx", sheets, (wb) => {
      percentShare(wb);
      const cell = wb.getWorksheet("Commitments")?.getCell("C3");
      if (cell) {
        cell.value = 46054; // "1/2" typed in Excel: 1 February 2026
        cell.numFmt = "dd/mm/yyyy";
      }
    });
    const json = JSON.parse(toms("score", file, "--json").out) as Json;
    const found = json.issues.filter((i) => i.code === "CELL_ERROR" || i.code === "NON_NUMERIC").map((i) => [i.code, i.cell]);
    expect(found).toEqual([
      ["CELL_ERROR", "D2"],
      ["NON_NUMERIC", "C3"],
    ]);
    expect(json.issues.find((i) => i.cell === "D2")?.message).toContain("not calculated");
    expect(json.issues.find((i) => i.cell === "C3")?.message).toContain("01/02/2026");
    // Beta's 200 hours and Acme's 10 tonnes count as 0.
    expect(json.bidders.find((b) => b.bidder === "Beta plc")?.byTheme.Economic).toBe(0);
    expect(json.bidders.find((b) => b.bidder === "Acme Ltd")?.byTheme.Environmental).toBe(0);
  });

  it("--write refuses to drop a chart elsewhere in the workbook, and replaces one on its own sheets", async () => {
    // exceljs cannot make charts: give sheets a drawing relationship in the package, as Excel does.
    const withDrawingOn = async (fileName: string, sheetFiles: string[]) => {
      const file = await writeXlsx(fileName, { ...evaluationSheets(), Results: [["Old results"]] }, percentShare);
      const zip = await JSZip.loadAsync(readFileSync(file));
      for (const sheetFile of sheetFiles) {
        zip.file(`xl/worksheets/_rels/${sheetFile}.rels`, '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"/></Relationships>');
      }
      writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
      return file;
    };
    // Sheets in order: Tender, Bidders, Commitments (sheet3), Results (sheet4).
    const onCommitments = await withDrawingOn("chart-on-commitments.xlsx", ["sheet3.xml"]);
    const before = readFileSync(onCommitments);
    const refused = toms("score", onCommitments, "--write");
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('"Commitments"');
    expect(readFileSync(onCommitments).equals(before)).toBe(true);
    const onResults = await withDrawingOn("chart-on-results.xlsx", ["sheet4.xml"]);
    expect(toms("score", onResults, "--write").code).toBe(0);
  });

  it("prints a readable table with the issues by default", async () => {
    const file = await writeXlsx("table.xlsx", evaluationSheets(), percentShare);
    const r = toms("score", file);
    expect(r.code).toBe(0);
    expect(r.out).toContain("table.xlsx: tender CCC-2026-042, catalogue version 2026.1");
    expect(r.out).toMatch(/1 {2}Acme Ltd +9,034\.70 +0\.90% +5\.00 +4\.00 +9\.00/);
    expect(r.out).toContain("Commitments!C4: Acme Ltd's quantity for CCC-SO11 is typed as text");
  });

  it("refuses (exit 2) a workbook that cannot be scored, naming the sheet and field", async () => {
    const sheets = evaluationSheets();
    sheets.Tender = (sheets.Tender ?? []).filter((row) => row[0] !== "Scoring basis");
    const file = await writeXlsx("no-basis.xlsx", sheets);
    const r = toms("score", file, "--json");
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toContain('no-basis.xlsx: The Tender sheet has no "Scoring basis" row');
  });

  it("refuses a file that is not a workbook, and a missing file", () => {
    const junk = join(dir, "junk.xlsx");
    writeFileSync(junk, "not a zip");
    expect(toms("score", junk).code).toBe(2);
    const missing = toms("score", join(dir, "missing.xlsx"));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("missing.xlsx does not exist");
  });

  it("refuses an unknown catalogue version, then scores it with --catalogue", async () => {
    const file = await writeXlsx("v2030.xlsx", evaluationSheets("2030.1"), percentShare);
    const refused = toms("score", file);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('catalogue version "2030.1"');
    expect(refused.err).toContain("--catalogue");
    // A catalogue of that version where every measure is worth £2 per unit.
    const catalogue: Catalogue = {
      version: "2030.1",
      measures: ["CCC-EC11", "CCC-EN06", "CCC-SO11", "CCC-EN18"].map((code) => ({ code, theme: "Economic", outcomes: ["All"], name: code, unit: "units", proxyValue: 2, source: "test" })),
    };
    const csv = join(dir, "c2030.csv");
    writeFileSync(csv, formatCatalogueCsv(catalogue));
    const r = toms("score", file, "--catalogue", csv, "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as Json;
    // Acme: (100 + 10 + 5,000 + 1) x 2 = 10,222; Beta: (200 + 4 + 2,000 + 1) x 2 = 4,410.
    expect(json.bidders.map((b) => [b.bidder, b.socialValue])).toEqual([["Acme Ltd", 10222], ["Beta plc", 4410]]);
    const wrong = toms("score", await writeXlsx("v2026.xlsx", evaluationSheets()), "--catalogue", csv);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('uses catalogue version "2026.1", but c2030.csv holds version "2030.1"');
  });

  it("lists a catalogue version it does not have with the Tender sheet's other problems and issues, and exits 2", async () => {
    const sheets = evaluationSheets("2030.1");
    const tender = sheets.Tender as Rows;
    (tender[3] as ExcelJS.CellValue[])[1] = "ten"; // B4: Social value weighting
    (tender[5] as ExcelJS.CellValue[])[1] = "5"; // B6: Qualitative maximum, typed as text
    const file = await writeXlsx("v2030-problems.xlsx", sheets, percentShare);
    const rest = [
      '  Tender!B4: "Social value weighting" is "ten"; it must be a number of marks from 0 to 100, so the workbook cannot be scored.',
      "",
      "1 issue(s): 0 error(s), 1 warning(s), 0 info.",
      '  warning  NUMBER_AS_TEXT  Tender!B6: "Qualitative maximum" is typed as text; it is read as 5.',
      "",
    ];
    // Storage of its own, which holds no version yet: the installation has the built-in one.
    const installed = tomsWith({ env: { TOMS_TABLE_PREFIX: `cli${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}` } }, "score", file);
    expect(installed.code).toBe(2);
    expect(installed.out).toBe("");
    expect(installed.err.split("\n").slice(1).join("\n")).toBe(
      [
        "toms: v2030-problems.xlsx: The workbook cannot be scored until these 2 problems are fixed:",
        '  The Tender sheet uses catalogue version "2030.1", which this installation does not have (it has "2026.1"). Pass a catalogue file that holds it with --catalogue FILE (.csv or .xlsx).',
        ...rest,
      ].join("\n"),
    );
    const csv = join(dir, "default.csv");
    writeFileSync(csv, formatCatalogueCsv(DEFAULT_CATALOGUE));
    const fromFile = toms("score", file, "--catalogue", csv);
    expect(fromFile.code).toBe(2);
    expect(fromFile.err).toBe(
      [
        "toms: v2030-problems.xlsx: The workbook cannot be scored until these 2 problems are fixed:",
        '  The Tender sheet uses catalogue version "2030.1", but default.csv holds version "2026.1". Use a catalogue file that holds version "2030.1".',
        ...rest,
      ].join("\n"),
    );
  });

  it("--write adds Results and Breakdown and keeps every other sheet, value and format", async () => {
    const file = await writeXlsx(
      "write.xlsx",
      { ...evaluationSheets(), Notes: [["Kept", 0.125]], Results: [["old results to replace"]] },
      (wb) => {
        percentShare(wb);
        const notes = wb.getWorksheet("Notes");
        if (!notes) return;
        notes.getCell("A1").font = { bold: true };
        notes.getCell("B1").numFmt = "0.0%";
      },
    );
    const first = toms("score", file, "--json", "--write");
    expect(first.code).toBe(0);
    expect(first.err).toContain("Wrote the Results and Breakdown sheets to write.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Tender", "Bidders", "Commitments", "Notes", "Results", "Breakdown"]);
    const notes = wb.getWorksheet("Notes");
    expect(notes?.getCell("A1").value).toBe("Kept");
    expect(notes?.getCell("A1").font?.bold).toBe(true);
    expect(notes?.getCell("B1").value).toBe(0.125);
    expect(notes?.getCell("B1").numFmt).toBe("0.0%");
    expect(wb.getWorksheet("Tender")?.getCell("B5").numFmt).toBe("0%");
    expect(wb.getWorksheet("Bidders")?.getCell("C3").value).toEqual({ formula: "1+2", result: 3 });
    const results = wb.getWorksheet("Results");
    expect(results?.getCell("A2").value).toBe(1);
    expect(results?.getCell("B2").value).toBe("Acme Ltd");
    expect(results?.getCell("D2").value).toBeCloseTo(ACME_SV, 9);
    expect(results?.getCell("E2").numFmt).toBe("0.00%");
    expect(wb.getWorksheet("Breakdown")?.getCell("F1").value).toBe("Acme Ltd");
    // Scoring again reads the same numbers and replaces the sheets rather than adding more.
    const second = toms("score", file, "--json", "--write");
    expect(JSON.parse(second.out)).toEqual(JSON.parse(first.out));
    const again = new ExcelJS.Workbook();
    await again.xlsx.readFile(file);
    expect(again.worksheets.length).toBe(6);
  });
});

describe("toms template", () => {
  it("writes a workbook that scores as generated (exit 0), with validation and proxies beside measures", async () => {
    const file = join(dir, "template.xlsx");
    const made = toms("template", "--catalogue-version", "2026.1", "--measures", "CCC-EC03,CCC-EN06", "--bidders", "Acme Ltd, Beta plc", "-o", file);
    expect(made.code).toBe(0);
    expect(made.out).toContain("2 measures, 2 bidders");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const c = wb.getWorksheet("Commitments");
    expect([1, 2, 3, 4, 5, 6, 7].map((col) => c?.getRow(1).getCell(col).value)).toEqual(["Measure", "Description", "Theme", "Unit", "Proxy value", "Acme Ltd", "Beta plc"]);
    expect([c?.getCell("A3").value, c?.getCell("D3").value, c?.getCell("E3").value]).toEqual(["CCC-EN06", "tonnes CO2e", 268.97]);
    expect(c?.getCell("F2").dataValidation).toMatchObject({ type: "decimal", operator: "between", formulae: [0, 1_000_000_000] });
    const scored = toms("score", file, "--json");
    expect(scored.code).toBe(0);
    const json = JSON.parse(scored.out) as Json;
    expect(json.tender).toMatchObject({ weighting: 10, quantitativeShare: 50, qualitativeMaximum: 5, basis: "value" });
    expect(toms("template", "--catalogue-version", "2026.1", "--all", "--bidders", "A", "-o", file).code).toBe(2); // exists already
    const unknown = toms("template", "--catalogue-version", "2026.1", "--measures", "NOPE", "--bidders", "A", "-o", join(dir, "t2.xlsx"));
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("has no measure NOPE");
  });
});

describe("toms catalogue", () => {
  it("exports the default catalogue and imports it back; reports bad rows by row and column", () => {
    const csv = join(dir, "export.csv");
    expect(toms("catalogue", "export", "-o", csv).code).toBe(0);
    expect(readFileSync(csv, "utf8").split("\r\n")[0]).toBe("Version,Code,Theme,Outcome,Measure,Unit,Proxy value,Source");
    const same = toms("catalogue", "import", csv);
    expect(same.code).toBe(0);
    expect(same.out).toContain("catalogue version 2026.1, 52 measures (9 priced, 43 record only)");
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "Version,Code,Theme,Outcome,Measure,Unit,Proxy value,Source\r\n2027.1,X1,Economic,O,Jobs,FTE,lots,ONS\r\n");
    const r = toms("catalogue", "import", bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Row 2, column "Proxy value": "lots" is not an amount in £');
  });
});

describe("toms in plain words", () => {
  const reportPdf = () => {
    const pdf = join(dir, "report.pdf");
    writeFileSync(pdf, "%PDF-1.7 not a workbook");
    return pdf;
  };
  it("says why an output file cannot be written", () => {
    const missingFolder = join(dir, "no-such-folder", "t.xlsx");
    const r = toms("template", "--catalogue-version", "2026.1", "--all", "--bidders", "A", "-o", missingFolder);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`toms: cannot write ${missingFolder}: the folder does not exist.\n`);
    writeFileSync(join(dir, "a-file"), "");
    const underAFile = toms("catalogue", "export", "--version", "2026.1", "-o", join(dir, "a-file", "c.csv"));
    expect(underAFile.err).toBe(`toms: cannot write ${join(dir, "a-file", "c.csv")}: part of the path is a file, not a folder.\n`);
    // The kernel refuses new files in /sys to every user, root too.
    const denied = toms("catalogue", "export", "--version", "2026.1", "-o", "/sys/toms-catalogue.csv");
    expect(denied.code).toBe(2);
    expect(denied.err).toBe("toms: cannot write /sys/toms-catalogue.csv: permission denied.\n");
  });

  it("names a file that is not a workbook, and a folder given as a file", () => {
    const r = toms("score", reportPdf());
    expect(r.code).toBe(2);
    expect(r.err).toContain("report.pdf is not an Excel workbook (.xlsx)");
    mkdirSync(join(dir, "folder.xlsx"), { recursive: true });
    expect(toms("score", join(dir, "folder.xlsx")).err).toBe(`toms: cannot read ${join(dir, "folder.xlsx")}: that is a folder, not a file.\n`);
  });

  it("refuses an output name whose extension is not what it writes, and a catalogue file of another kind", async () => {
    const xls = toms("template", "--catalogue-version", "2026.1", "--all", "--bidders", "A", "-o", join(dir, "t.xls"));
    expect(xls.code).toBe(2);
    expect(xls.err).toContain("t.xls does not end in .xlsx");
    const csvAsXlsx = toms("catalogue", "export", "--version", "2026.1", "-o", join(dir, "catalogue.xlsx"));
    expect(csvAsXlsx.code).toBe(2);
    expect(csvAsXlsx.err).toContain("catalogue.xlsx does not end in .csv: toms writes CSV there");
    const catalogue = toms("score", await writeXlsx("kind.xlsx", evaluationSheets(), percentShare), "--catalogue", reportPdf());
    expect(catalogue.err).toContain("report.pdf is not a catalogue file: give a CSV file (.csv) or an Excel workbook (.xlsx)");
  });

  it("prints its version", () => {
    const r = toms("--version");
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${(JSON.parse(readFileSync(fileURLToPath(new URL("../package.json", import.meta.url)), "utf8")) as { version: string }).version}\n`);
  });

  it("marks every required option as required in each command's help", () => {
    const commands = [["score"], ["template"], ["catalogue", "export"], ["catalogue", "import"]];
    const required: Record<string, string[]> = { template: ["--catalogue-version <version>", "--bidders <names>", "-o, --output <file>"] };
    for (const command of commands) {
      // Each option's entry: its line, and the wrapped lines of its description under it.
      const entries = toms(...command, "--help").out.split(/\n(?= {2}-)/).map((entry) => entry.replace(/\s+/g, " ").trim());
      const marked = entries.filter((entry) => entry.startsWith("-") && entry.endsWith("(required)")).map((entry) => /^(?:-\w, )?--[\w-]+(?: <\w+>)?/.exec(entry)?.[0]);
      expect(marked).toEqual(required[command.join(" ")] ?? []);
    }
    // Commander itself refuses a command without them, naming the option.
    expect(toms("template", "--all", "-o", join(dir, "r.xlsx"), "--catalogue-version", "2026.1").err).toContain("required option '--bidders <names>' not specified");
  });

  it("names in its hints only options that the command has", async () => {
    const v2030 = await writeXlsx("hint-2030.xlsx", evaluationSheets("2030.1"), percentShare);
    const cases: [string[], string[]][] = [
      [["score"], ["score", v2030]],
      [["template"], ["template", "--catalogue-version", "2030.1", "--all", "--bidders", "A", "-o", join(dir, "hint.xlsx")]],
      [["template"], ["template", "--catalogue-version", "2026.1", "--bidders", "A", "-o", join(dir, "hint.xlsx")]],
      [["catalogue", "export"], ["catalogue", "export", "--version", "2030.1"]],
      [["catalogue", "export"], ["catalogue", "export", "--version", "2026.1", "--all"]],
      [["score"], ["score", join(dir, "hint.xlsm"), "--write"]],
    ];
    for (const [command, args] of cases) {
      const r = toms(...args);
      expect(r.code).toBe(2);
      const help = toms(...command, "--help").out;
      for (const [option] of r.err.matchAll(/--[a-z][\w-]*/g)) expect(help, `${args.join(" ")} suggests ${option}`).toContain(option);
    }
    expect(toms("catalogue", "export", "--version", "2030.1").err).toContain("Publish it with toms catalogue import FILE");
  });

  it("says on stderr which storage it opened, keeping --json output JSON", async () => {
    const file = await writeXlsx("storage-note.xlsx", evaluationSheets("2030.1"), percentShare);
    const r = toms("score", file, "--json");
    // In the words every tool uses for its storage (describeStorage in @toms/storage).
    expect(r.err.split("\n")[0]).toBe(`toms uses the storage account devstoreaccount1 at ${/TableEndpoint=([^;]+)/.exec(storageEnv.TOMS_STORAGE_CONNECTION_STRING)?.[1]} (TOMS_STORAGE_CONNECTION_STRING).`);
    const unreachable = tomsWith({ env: { TOMS_STORAGE_CONNECTION_STRING: "UseDevelopmentStorage=true;TableEndpoint=http://127.0.0.1:9/devstoreaccount1" } }, "score", file, "--json");
    expect(unreachable.code).toBe(2);
    expect(unreachable.out).toBe("");
    expect(unreachable.err).toContain("could not use http://127.0.0.1:9/devstoreaccount1 (TOMS_STORAGE_CONNECTION_STRING): nothing answers at that address");
    expect(unreachable.err).toContain("nothing answers at that address");
    const settings = tomsWith({ env: { TOMS_TABLE_PREFIX: "9lives" } }, "score", file);
    expect(settings.err).toBe("toms: the storage settings are not valid:\nTOMS_TABLE_PREFIX: must be letters and digits, starting with a letter\n");
    // The default catalogue version needs no storage: nothing is said.
    expect(toms("score", await writeXlsx("no-storage.xlsx", evaluationSheets(), percentShare), "--json").err).toBe("");
  });

  it("ends anything unexpected with one sentence and exit code 2, never a stack", async () => {
    const file = await writeXlsx("fault.xlsx", evaluationSheets(), percentShare);
    // A fault injected where the CLI meets a library: JSON.stringify throws while printing the score.
    const fault = `data:text/javascript,const s=JSON.stringify;JSON.stringify=function(v,...a){if(v&&v.bidders)throw new Error("boom inside a library");return s.call(this,v,...a)}`;
    const r = tomsWith({ nodeArgs: ["--import", fault] }, "score", file, "--json");
    expect(r.code).toBe(2);
    expect(r.err).toBe("toms stopped unexpectedly. Run the command again with TOMS_DEBUG=1 for the details, and tell the service desk if it keeps happening.\n");
    const debug = tomsWith({ nodeArgs: ["--import", fault], env: { TOMS_DEBUG: "1" } }, "score", file, "--json");
    expect(debug.err).toContain("boom inside a library");
    // And each refusal above is one plain message with no stack: a sample of them again.
    for (const args of [["score", reportPdf()], ["score", join(dir, "missing.xlsx")], ["template", "--all", "--bidders", "A", "--catalogue-version", "2026.1", "-o", "/sys/t.xlsx"], ["frobnicate"]]) {
      const refused = toms(...args);
      expect(refused.code).toBe(2);
      expect(refused.err).not.toMatch(STACK);
    }
  });
});

describe("toms score --strict", () => {
  it("exits 1 when an Error-level issue is listed, and 0 without --strict or without errors", async () => {
    const sheets = evaluationSheets();
    ((sheets.Commitments as Rows)[1] as ExcelJS.CellValue[])[2] = -5; // NEGATIVE: an error
    const withError = await writeXlsx("strict-error.xlsx", sheets, percentShare);
    expect(toms("score", withError).code).toBe(0);
    const strict = toms("score", withError, "--strict", "--json");
    expect(strict.code).toBe(1);
    expect((JSON.parse(strict.out) as Json).issues.some((i) => i.severity === "error" && i.code === "NEGATIVE")).toBe(true);
    // Warnings and notes only (NUMBER_AS_TEXT, RECORD_ONLY): --strict stays 0.
    expect(toms("score", await writeXlsx("strict-clean.xlsx", evaluationSheets(), percentShare), "--strict").code).toBe(0);
  });
});
