// The annual social value report as a workbook a council officer can send: a dated summary with
// the totals and a chart by theme, a sheet per grouping, and every traceable line.
import ExcelJS from "exceljs";
import { REPORT_GROUPS, startsLikeFormula, type ReportRow, type SocialValueLine, type SocialValueReport } from "@toms/domain";
import { addBarChart } from "./bar-chart.js";

// To the penny, as every sum is: the visible rows of a group then add up to the visible total.
// The currency is the council's money label, in the headers.
const MONEY = "#,##0.00";
const QUANTITY = "#,##0.00";
const SHARE = "0%";
const DATE = "dd/mm/yyyy";
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };

/** The workbook's optional extras: the council's name under the title. */
export interface SocialValueWorkbookOptions {
  council?: string;
}

const UK_GENERATED = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** "21 April 2026 at 10:15 (UK time)". */
function generatedOn(at: string): string {
  const parts = Object.fromEntries(UK_GENERATED.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return `${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute} (UK time)`;
}

/**
 * Text from the data (titles, names, labels) is written as a plain string, never as a formula,
 * and kept as text rather than prefixed with a quote: the quote csvCell adds for CSV would show
 * in the cell here. A text that starts like a formula also gets the Text number format ("@"), so
 * that editing the cell in Excel keeps it text instead of running it.
 */
function setText(cell: ExcelJS.Cell, text: string): void {
  cell.value = text;
  if (startsLikeFormula(text)) cell.numFmt = "@";
}

function headerRow(ws: ExcelJS.Worksheet, row: number, titles: readonly string[]): void {
  titles.forEach((title, i) => {
    const cell = ws.getCell(row, i + 1);
    setText(cell, title);
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: "top" };
  });
}

/** A table with its header in row 1: frozen, filtered, with its columns sized. */
function finishTable(ws: ExcelJS.Worksheet, widths: readonly number[], rows: number): void {
  widths.forEach((width, i) => {
    ws.getColumn(i + 1).width = width;
  });
  ws.views = [{ state: "frozen", ySplit: 1, topLeftCell: "A2" }];
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(rows, 1) + 1, column: widths.length } };
}

function moneyHeaders(report: SocialValueReport): [string, string, string, string] {
  const money = `(${report.moneyLabel})`;
  return [`Committed ${money} ${report.yearLabel}`, `Delivered ${money} ${report.yearLabel}`, `Committed ${money} ${report.previousYearLabel}`, `Delivered ${money} ${report.previousYearLabel}`];
}

function moneyCells(ws: ExcelJS.Worksheet, row: number, fromColumn: number, r: Omit<ReportRow, "key" | "label">): void {
  [r.committed, r.delivered, r.previousCommitted, r.previousDelivered].forEach((value, i) => {
    const cell = ws.getCell(row, fromColumn + i);
    cell.value = value;
    cell.numFmt = MONEY;
  });
}

// Where the summary's tables sit: the totals, then the themes the chart draws.
const TOTALS_HEADER_ROW = 6;
const THEMES_HEADER_ROW = 9;

function summarySheet(wb: ExcelJS.Workbook, report: SocialValueReport, options: SocialValueWorkbookOptions): void {
  const ws = wb.addWorksheet("Summary");
  const title = ws.getCell("A1");
  setText(title, report.title);
  title.font = { bold: true, size: 16 };
  if (options.council) {
    setText(ws.getCell("A2"), options.council);
    ws.getCell("A2").font = { bold: true, size: 12 };
  }
  setText(ws.getCell("A3"), `Generated ${generatedOn(report.generatedAt)}`);
  setText(ws.getCell("A4"), `Amounts are in ${report.moneyLabel}: the quantities committed and delivered (as accepted by the contract manager), valued at the proxy values of the catalogue version each contract was awarded under.`);

  const [committedNow, deliveredNow, committedBefore, deliveredBefore] = moneyHeaders(report);
  const columns = ["", committedNow, deliveredNow, "Delivered as a share of committed", committedBefore, deliveredBefore] as const;
  headerRow(ws, TOTALS_HEADER_ROW, columns);
  const totalsRow = TOTALS_HEADER_ROW + 1;
  setText(ws.getCell(totalsRow, 1), "All contracts");
  ws.getCell(totalsRow, 1).font = { bold: true };
  const shareRow = (row: number, r: Omit<ReportRow, "key" | "label">) => {
    ws.getCell(row, 2).value = r.committed;
    ws.getCell(row, 3).value = r.delivered;
    // A share of nothing committed is left empty rather than shown as an error.
    if (r.committed !== 0) ws.getCell(row, 4).value = r.delivered / r.committed;
    ws.getCell(row, 5).value = r.previousCommitted;
    ws.getCell(row, 6).value = r.previousDelivered;
    for (const c of [2, 3, 5, 6]) ws.getCell(row, c).numFmt = MONEY;
    ws.getCell(row, 4).numFmt = SHARE;
  };
  shareRow(totalsRow, report.totals);

  headerRow(ws, THEMES_HEADER_ROW, ["Theme", ...columns.slice(1)]);
  report.byTheme.forEach((r, i) => {
    setText(ws.getCell(THEMES_HEADER_ROW + 1 + i, 1), r.label);
    shareRow(THEMES_HEADER_ROW + 1 + i, r);
  });
  [34, 20, 20, 14, 20, 20].forEach((width, i) => {
    ws.getColumn(i + 1).width = width;
  });
  ws.getRow(TOTALS_HEADER_ROW).height = 45;
  ws.getRow(THEMES_HEADER_ROW).height = 45;
}

function groupSheet(wb: ExcelJS.Workbook, name: string, report: SocialValueReport, rows: readonly ReportRow[]): void {
  const ws = wb.addWorksheet(name);
  headerRow(ws, 1, [name, ...moneyHeaders(report)]);
  rows.forEach((r, i) => {
    setText(ws.getCell(i + 2, 1), r.label);
    moneyCells(ws, i + 2, 2, r);
  });
  finishTable(ws, [48, 20, 20, 20, 20], rows.length);
  ws.getRow(1).height = 45;
  if (name === "Outcome") {
    setText(ws.getCell(rows.length + 3, 1), "A measure that serves several outcomes counts under each of them, so these rows can add up to more than the total.");
  }
}

const LINE_COLUMNS = [
  ["Contract", 14],
  ["Contract title", 36],
  ["Supplier", 30],
  ["Service area", 26],
  ["Measure", 12],
  ["Measure name", 40],
  ["Theme", 26],
  ["Period", 10],
  ["Period end", 12],
  ["Unit", 16],
  ["Quantity committed", 14],
  ["Quantity delivered", 14],
  ["Proxy value", 14],
  ["Catalogue version", 14],
  ["Committed value", 16],
  ["Delivered value", 16],
  ["Update", 38],
  ["Revision", 10],
] as const;

function linesSheet(wb: ExcelJS.Workbook, report: SocialValueReport): void {
  const ws = wb.addWorksheet("Lines");
  const money = `(${report.moneyLabel})`;
  headerRow(
    ws,
    1,
    LINE_COLUMNS.map(([title]) => (title === "Proxy value" ? `Proxy value (${report.moneyLabel} per unit)` : title === "Committed value" || title === "Delivered value" ? `${title} ${money}` : title)),
  );
  // The report names contracts "CCC-101 Title" and suppliers by name, keyed by their ids.
  const contractLabels = new Map(report.byContract.map((r) => [r.key, r.label]));
  const supplierNames = new Map(report.bySupplier.map((r) => [r.key, r.label]));
  report.lines.forEach((line: SocialValueLine, i) => {
    const row = i + 2;
    const contractLabel = contractLabels.get(line.contractId) ?? line.contractReference;
    const contractTitle = contractLabel.startsWith(`${line.contractReference} `) ? contractLabel.slice(line.contractReference.length + 1) : "";
    const texts = [line.contractReference, contractTitle, supplierNames.get(line.supplierId) ?? line.supplierId, line.serviceArea ?? "Not recorded", line.measure, line.name, line.theme, line.period];
    texts.forEach((t, c) => setText(ws.getCell(row, c + 1), t));
    const periodEnd = ws.getCell(row, 9);
    periodEnd.value = new Date(`${line.periodEnd}T00:00:00Z`);
    periodEnd.numFmt = DATE;
    setText(ws.getCell(row, 10), line.unit);
    const numbers: [number, number | null, string][] = [
      [11, line.committedQuantity, QUANTITY],
      [12, line.deliveredQuantity, QUANTITY],
      [13, line.proxyValue, MONEY],
      [15, line.committedValue, MONEY],
      [16, line.deliveredValue, MONEY],
    ];
    for (const [c, value, format] of numbers) {
      // A record-only measure has no proxy: the cell stays empty, its value is 0.
      if (value === null) continue;
      ws.getCell(row, c).value = value;
      ws.getCell(row, c).numFmt = format;
    }
    setText(ws.getCell(row, 14), line.catalogueVersion);
    if (line.updateId !== undefined) setText(ws.getCell(row, 17), line.updateId);
    if (line.revision !== undefined) ws.getCell(row, 18).value = line.revision;
  });
  finishTable(
    ws,
    LINE_COLUMNS.map(([, width]) => width),
    report.lines.length,
  );
  ws.getRow(1).height = 45;
}

/**
 * The report as an .xlsx: a Summary sheet (title, council, when generated, the money label, the
 * totals committed and delivered with the year before, and a bar chart by theme), one sheet per
 * grouping, and a Lines sheet with every line the sums come from.
 *
 * @example const xlsx = await socialValueReportWorkbook(report, { council: "Coventry City Council" });
 */
export async function socialValueReportWorkbook(report: SocialValueReport, options: SocialValueWorkbookOptions = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "TOMs Suite";
  wb.title = report.title;
  wb.created = new Date(report.generatedAt);
  summarySheet(wb, report, options);
  for (const { key, label } of REPORT_GROUPS) groupSheet(wb, label, report, report[key]);
  linesSheet(wb, report);
  const written = new Uint8Array(await wb.xlsx.writeBuffer());
  if (report.byTheme.length === 0) return Buffer.from(written);

  const first = THEMES_HEADER_ROW + 1;
  const last = THEMES_HEADER_ROW + report.byTheme.length;
  const [committedNow, deliveredNow] = moneyHeaders(report);
  return addBarChart(written, {
    sheet: "Summary",
    title: `Committed and delivered by theme, ${report.yearLabel}`,
    categories: { cells: `A${first}:A${last}`, values: report.byTheme.map((r) => r.label) },
    series: [
      { name: { cells: `B${THEMES_HEADER_ROW}`, values: [committedNow] }, values: { cells: `B${first}:B${last}`, values: report.byTheme.map((r) => r.committed) } },
      { name: { cells: `C${THEMES_HEADER_ROW}`, values: [deliveredNow] }, values: { cells: `C${first}:C${last}`, values: report.byTheme.map((r) => r.delivered) } },
    ],
    // Beside the tables, tall enough for a dozen themes.
    from: { col: 7, row: TOTALS_HEADER_ROW - 1 },
    to: { col: 16, row: Math.max(last + 2, TOTALS_HEADER_ROW + 22) },
    numberFormat: MONEY,
  });
}
