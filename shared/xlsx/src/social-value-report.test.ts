import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import type { ReportRow, SocialValueLine, SocialValueReport } from "@toms/domain";
import { socialValueReportWorkbook } from "./social-value-report.js";

const FORMULA_TITLE = '=HYPERLINK("https://example.invalid","Open")';

function line(fields: Partial<SocialValueLine> & Pick<SocialValueLine, "contractId" | "contractReference" | "supplierId" | "measure" | "period" | "periodEnd">): SocialValueLine {
  return {
    serviceArea: "Streetscene and Regulatory Services",
    kpiId: `k-${fields.measure}`,
    name: "Local people employed on the contract",
    theme: "Jobs",
    outcomes: ["More local people in employment"],
    unit: "FTE",
    committedQuantity: 2.5,
    committedValue: 25_000,
    deliveredQuantity: 3,
    proxyValue: 10_000,
    catalogueVersion: "2025.1",
    deliveredValue: 30_000,
    ...fields,
  };
}

const lines: SocialValueLine[] = [
  line({ contractId: "c1", contractReference: "CCC-101", supplierId: "s1", measure: "CCC-EC03", period: "2025-Q2", periodEnd: "2025-06-30", updateId: "u-ec03-q2", revision: 1 }),
  line({ contractId: "c1", contractReference: "CCC-101", supplierId: "s1", measure: "CCC-EC03", period: "2025-Q3", periodEnd: "2025-09-30", deliveredQuantity: 2, deliveredValue: 20_000, updateId: "u-ec03-q3", revision: 2 }),
  line({
    contractId: "c2",
    contractReference: "CCC-204",
    supplierId: "s2",
    serviceArea: null,
    measure: "CCC-SE01",
    name: "Volunteering time for local causes",
    theme: "Social",
    outcomes: ["Stronger communities", "More local people in employment"],
    unit: "hours",
    period: "2025-Q4",
    periodEnd: "2025-12-31",
    committedQuantity: 100,
    committedValue: 1_750.5,
    deliveredQuantity: 120,
    proxyValue: 17.5,
    deliveredValue: 2_100,
    updateId: "u-se01-q4",
    revision: 1,
  }),
  // A record-only measure: quantities, no money.
  line({ contractId: "c2", contractReference: "CCC-204", supplierId: "s2", serviceArea: null, measure: "CCC-EN05", name: "Trees planted", theme: "Environment", outcomes: ["Greener city"], unit: "trees", period: "2026-Q1", periodEnd: "2026-03-31", committedQuantity: 40, committedValue: 0, deliveredQuantity: 50, proxyValue: null, deliveredValue: 0, updateId: "u-en05-q1", revision: 1 }),
];

const row = (key: string, label: string, committed: number, delivered: number, previousCommitted = 0, previousDelivered = 0): ReportRow => ({ key, label, committed, delivered, previousCommitted, previousDelivered });

const report: SocialValueReport = {
  title: "Social value delivered, financial year 2025/26",
  moneyLabel: "Coventry £",
  year: 2025,
  yearType: "financial",
  yearLabel: "2025/26",
  previousYearLabel: "2024/25",
  generatedAt: "2026-04-21T09:15:00Z",
  totals: { committed: 51_750.5, delivered: 52_100, previousCommitted: 40_000, previousDelivered: 31_000 },
  byTheme: [row("Environment", "Environment", 0, 0), row("Jobs", "Jobs", 50_000, 50_000, 40_000, 30_000), row("Social", "Social", 1_750.5, 2_100, 0, 1_000)],
  byOutcome: [row("Greener city", "Greener city", 0, 0), row("More local people in employment", "More local people in employment", 51_750.5, 52_100, 40_000, 31_000), row("Stronger communities", "Stronger communities", 1_750.5, 2_100, 0, 1_000)],
  byMeasure: [row("CCC-EC03", "CCC-EC03 Local people employed on the contract", 50_000, 50_000, 40_000, 30_000), row("CCC-EN05", "CCC-EN05 Trees planted", 0, 0), row("CCC-SE01", "CCC-SE01 Volunteering time for local causes", 1_750.5, 2_100, 0, 1_000)],
  byContract: [row("c1", "CCC-101 Household waste and recycling collection", 50_000, 50_000, 40_000, 30_000), row("c2", `CCC-204 ${FORMULA_TITLE}`, 1_750.5, 2_100, 0, 1_000)],
  bySupplier: [row("s2", "+Arden Facilities CIC", 1_750.5, 2_100, 0, 1_000), row("s1", "Midland Waste Services Ltd", 50_000, 50_000, 40_000, 30_000)],
  byServiceArea: [row("Streetscene and Regulatory Services", "Streetscene and Regulatory Services", 50_000, 50_000, 40_000, 30_000), row("Not recorded", "Not recorded", 1_750.5, 2_100, 0, 1_000)],
  lines,
};

async function written(): Promise<{ bytes: Buffer; excel: ExcelJS.Workbook; zip: JSZip }> {
  const bytes = await socialValueReportWorkbook(report, { council: "Coventry City Council" });
  const excel = new ExcelJS.Workbook();
  await excel.xlsx.load(bytes as unknown as ArrayBuffer);
  return { bytes, excel, zip: await JSZip.loadAsync(bytes) };
}

function sheet(excel: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = excel.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** A column of the Lines sheet by its header, from row 2 down. */
function linesColumn(excel: ExcelJS.Workbook, header: string): ExcelJS.CellValue[] {
  const ws = sheet(excel, "Lines");
  const headers = Array.from(ws.getRow(1).values as ExcelJS.CellValue[], (v) => String(v ?? ""));
  const column = headers.findIndex((h) => h.startsWith(header));
  if (column < 1) throw new Error(`no column ${header}`);
  return Array.from({ length: ws.rowCount - 1 }, (_, i) => ws.getCell(i + 2, column).value);
}

async function part(zip: JSZip, path: string): Promise<string> {
  const file = zip.file(path);
  if (!file) throw new Error(`no part ${path}`);
  return file.async("string");
}

describe("socialValueReportWorkbook", () => {
  it("opens on a summary with the title, the council, the date generated in UK time and the money label", async () => {
    const { excel } = await written();
    const summary = sheet(excel, "Summary");
    expect(excel.worksheets.map((w) => w.name)).toEqual(["Summary", "Theme", "Outcome", "Measure", "Contract", "Supplier", "Service area", "Lines"]);
    expect(summary.getCell("A1").value).toBe("Social value delivered, financial year 2025/26");
    expect(summary.getCell("A2").value).toBe("Coventry City Council");
    expect(summary.getCell("A3").value).toBe("Generated 21 April 2026 at 10:15 (UK time)");
    expect(String(summary.getCell("A4").value)).toContain("Coventry £");
    expect([2, 3, 5, 6].map((c) => summary.getCell(6, c).value)).toEqual(["Committed (Coventry £) 2025/26", "Delivered (Coventry £) 2025/26", "Committed (Coventry £) 2024/25", "Delivered (Coventry £) 2024/25"]);
  });

  it("gives totals equal to the sums of the lines, with the year before beside them, to the penny with thousands separators", async () => {
    const { excel } = await written();
    const summary = sheet(excel, "Summary");
    const sum = (values: ExcelJS.CellValue[]) => values.reduce<number>((total, v) => total + Number(v), 0);
    expect(summary.getCell("A7").value).toBe("All contracts");
    expect(summary.getCell("B7").value).toBe(sum(linesColumn(excel, "Committed value")));
    expect(summary.getCell("C7").value).toBe(sum(linesColumn(excel, "Delivered value")));
    expect(summary.getCell("B7").value).toBe(51_750.5);
    expect([summary.getCell("E7").value, summary.getCell("F7").value]).toEqual([40_000, 31_000]);
    expect(summary.getCell("D7").value).toBeCloseTo(52_100 / 51_750.5, 12);
    // To the penny, with no currency sign: the money label is in the headers.
    expect(summary.getCell("B7").numFmt).toBe("#,##0.00");
    expect(summary.getCell("D7").numFmt).toBe("0%");
    // Nothing committed for Environment: no share, rather than a division by zero.
    expect(summary.getCell("A10").value).toBe("Environment");
    expect(summary.getCell("D10").value).toBeNull();
  });

  it("traces every line: contract, measure, period, quantity, proxy, catalogue version, value and update", async () => {
    const { excel } = await written();
    const ws = sheet(excel, "Lines");
    expect(ws.rowCount).toBe(lines.length + 1);
    expect(linesColumn(excel, "Contract")).toEqual(["CCC-101", "CCC-101", "CCC-204", "CCC-204"]);
    expect(linesColumn(excel, "Supplier")).toEqual(["Midland Waste Services Ltd", "Midland Waste Services Ltd", "+Arden Facilities CIC", "+Arden Facilities CIC"]);
    expect(linesColumn(excel, "Service area")).toEqual(["Streetscene and Regulatory Services", "Streetscene and Regulatory Services", "Not recorded", "Not recorded"]);
    expect(linesColumn(excel, "Period")).toEqual(["2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]);
    expect(linesColumn(excel, "Quantity delivered")).toEqual([3, 2, 120, 50]);
    expect(linesColumn(excel, "Proxy value")).toEqual([10_000, 10_000, 17.5, null]);
    // Money in the council's label, in the headers only; amounts to the penny.
    expect((ws.getRow(1).values as ExcelJS.CellValue[]).filter((h) => String(h).includes("£"))).toEqual(["Proxy value (Coventry £ per unit)", "Committed value (Coventry £)", "Delivered value (Coventry £)"]);
    expect([13, 15, 16].map((c) => ws.getCell(4, c).numFmt)).toEqual(["#,##0.00", "#,##0.00", "#,##0.00"]);
    expect(linesColumn(excel, "Catalogue version")).toEqual(["2025.1", "2025.1", "2025.1", "2025.1"]);
    expect(linesColumn(excel, "Update")).toEqual(["u-ec03-q2", "u-ec03-q3", "u-se01-q4", "u-en05-q1"]);
    expect(linesColumn(excel, "Revision")).toEqual([1, 2, 1, 1]);
    const periodEnd = linesColumn(excel, "Period end")[3];
    expect(periodEnd instanceof Date ? periodEnd.toISOString().slice(0, 10) : periodEnd).toBe("2026-03-31");
  });

  it("writes a formula-looking contract title or supplier name as text, never as a formula", async () => {
    const { excel, zip } = await written();
    const titles = linesColumn(excel, "Contract title");
    expect(titles[2]).toBe(FORMULA_TITLE);
    const cell = sheet(excel, "Lines").getCell(4, 2);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.numFmt).toBe("@");
    expect(sheet(excel, "Supplier").getCell("A2").value).toBe("+Arden Facilities CIC");
    expect(sheet(excel, "Supplier").getCell("A2").numFmt).toBe("@");
    expect(sheet(excel, "Contract").getCell("A3").value).toBe(`CCC-204 ${FORMULA_TITLE}`);
    for (const path of Object.keys(zip.files).filter((p) => p.startsWith("xl/worksheets/sheet"))) {
      expect(await part(zip, path), path).not.toMatch(/<f>|<f /);
    }
  });

  it("freezes each table's header row, filters it and sizes its columns", async () => {
    const { excel } = await written();
    for (const name of ["Theme", "Outcome", "Measure", "Contract", "Supplier", "Service area", "Lines"]) {
      const ws = sheet(excel, name);
      expect(ws.views[0], name).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(ws.autoFilter, name).toBeTruthy();
      expect(ws.getColumn(1).width, name).toBeGreaterThan(8);
    }
    expect(sheet(excel, "Outcome").getCell("A6").value).toMatch(/counts under each/);
  });

  it("draws a bar chart of committed against delivered by theme, placed on the summary by its drawing", async () => {
    const { zip, excel } = await written();
    const summaryPath = "xl/worksheets/sheet1.xml";
    const summaryXml = await part(zip, summaryPath);
    const drawingRelId = /<drawing r:id="([^"]+)"\/>/.exec(summaryXml)?.[1];
    expect(drawingRelId).toBeDefined();
    const sheetRels = await part(zip, "xl/worksheets/_rels/sheet1.xml.rels");
    expect(sheetRels).toMatch(new RegExp(`Id="${drawingRelId}"[^>]*Target="../drawings/drawing1.xml"`));
    const drawing = await part(zip, "xl/drawings/drawing1.xml");
    const chartRelId = /<c:chart [^>]*r:id="([^"]+)"/.exec(drawing)?.[1];
    expect(await part(zip, "xl/drawings/_rels/drawing1.xml.rels")).toMatch(new RegExp(`Id="${chartRelId}"[^>]*Target="../charts/chart1.xml"`));
    const types = await part(zip, "[Content_Types].xml");
    expect(types).toContain('<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>');
    expect(types).toContain('<Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>');

    const chart = await part(zip, "xl/charts/chart1.xml");
    expect(chart).toContain('<c:barDir val="bar"/>');
    expect([...chart.matchAll(/<c:f>([^<]+)<\/c:f>/g)].map((m) => m[1])).toEqual(["'Summary'!$B$9", "'Summary'!$A$10:$A$12", "'Summary'!$B$10:$B$12", "'Summary'!$C$9", "'Summary'!$A$10:$A$12", "'Summary'!$C$10:$C$12"]);
    // The chart's cached values are the cells it points at, so it shows before Excel recalculates.
    const summary = sheet(excel, "Summary");
    const cached = [...chart.matchAll(/<c:numCache>.*?<\/c:numCache>/g)].map((m) => [...m[0].matchAll(/<c:v>([^<]+)<\/c:v>/g)].map((v) => Number(v[1])));
    expect(cached).toEqual([[10, 11, 12].map((r) => summary.getCell(r, 2).value), [10, 11, 12].map((r) => summary.getCell(r, 3).value)]);

    for (const path of ["xl/charts/chart1.xml", "xl/drawings/drawing1.xml", "xl/drawings/_rels/drawing1.xml.rels", "xl/worksheets/_rels/sheet1.xml.rels", summaryPath, "[Content_Types].xml"]) {
      const result = await validateXML({ xml: [{ fileName: path, contents: await part(zip, path) }], normalization: "format" });
      expect(result.errors, path).toEqual([]);
    }
  });
});
