// The exceljs adapter: .xlsx files <-> the domain's workbook grid. Formulas count by their cached
// result, number formats travel with each cell (so percentages read as shown), error values stay
// errors, and dates become Excel serial numbers as Office.js gives them.
import ExcelJS from "exceljs";
import type { Cell, CellValue, CellValidation, Sheet, Workbook } from "@toms/domain/evaluation";

const MS_PER_DAY = 86_400_000;
/** Shown in issues as "<cell> shows a formula Excel has not calculated". */
const UNCALCULATED = "a formula Excel has not calculated (open and save the file in Excel)";
const EXCEL_EPOCH_OFFSET_DAYS = 25_569; // 1970-01-01 is serial 25569 in Excel's 1900 date system

function fromExcel(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.getTime() / MS_PER_DAY + EXCEL_EPOCH_OFFSET_DAYS;
  if ("error" in value) return { error: value.error };
  if ("richText" in value) return value.richText.map((t) => t.text).join("");
  if ("hyperlink" in value) return value.text;
  if ("result" in value || "formula" in value || "sharedFormula" in value) {
    // A file saved by a program that does not calculate (not Excel) has formulas without results:
    // guessing 0 would score differently from Excel, so the cell is an error the evaluator sees.
    return value.result === undefined ? { error: UNCALCULATED } : fromExcel(value.result);
  }
  return null;
}

export function worksheetToSheet(ws: ExcelJS.Worksheet): Sheet {
  const rows: Cell[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const value = fromExcel(cell.value);
      const numberFormat = cell.numFmt;
      cells[c - 1] = numberFormat ? { value, numberFormat } : { value };
    });
    // eachCell skips empty cells, leaving holes; a hole is an empty cell.
    rows[r - 1] = Array.from(cells, (c) => c ?? { value: null });
  });
  return { name: ws.name, rows: Array.from(rows, (r) => r ?? []) };
}

export function toGrid(excel: ExcelJS.Workbook): Workbook {
  return { sheets: excel.worksheets.map(worksheetToSheet) };
}

/** Opens an .xlsx from its path or its bytes. */
export async function readXlsx(source: string | Uint8Array): Promise<{ excel: ExcelJS.Workbook; grid: Workbook }> {
  const excel = new ExcelJS.Workbook();
  if (typeof source === "string") await excel.xlsx.readFile(source);
  else await excel.xlsx.load(source as unknown as ArrayBuffer);
  return { excel, grid: toGrid(excel) };
}

const EXCEL_ERRORS = ["#N/A", "#REF!", "#NAME?", "#DIV/0!", "#NULL!", "#VALUE!", "#NUM!"] as const;

function toExcelError(error: string): ExcelJS.CellErrorValue | string {
  const known = EXCEL_ERRORS.find((e) => e === error);
  return known ? { error: known } : error;
}

function toExcelValidation(v: CellValidation): ExcelJS.DataValidation {
  const common = { allowBlank: true, showErrorMessage: true, errorStyle: "stop", error: v.message };
  if (v.type === "list") return { ...common, type: "list", formulae: [`"${v.values.join(",")}"`] };
  return v.maximum === undefined
    ? { ...common, type: "decimal", operator: "greaterThanOrEqual", formulae: [v.minimum] }
    : { ...common, type: "decimal", operator: "between", formulae: [v.minimum, v.maximum] };
}

function fillWorksheet(ws: ExcelJS.Worksheet, sheet: Sheet): void {
  sheet.columnWidths?.forEach((width, i) => {
    ws.getColumn(i + 1).width = width;
  });
  sheet.rows.forEach((row, r) => {
    row.forEach((cell, c) => {
      const target = ws.getCell(r + 1, c + 1);
      const v = cell.value;
      target.value = v !== null && typeof v === "object" ? toExcelError(v.error) : v;
      if (cell.numberFormat) target.numFmt = cell.numberFormat;
      if (cell.bold) target.font = { bold: true };
      if (cell.validation) target.dataValidation = toExcelValidation(cell.validation);
    });
  });
}

/** A new .xlsx workbook from grid sheets (the template). */
export function fromGrid(grid: Workbook): ExcelJS.Workbook {
  const excel = new ExcelJS.Workbook();
  for (const sheet of grid.sheets) fillWorksheet(excel.addWorksheet(sheet.name), sheet);
  return excel;
}

/** Adds these sheets to the workbook, replacing any of the same name; other sheets are untouched. */
export function replaceSheets(excel: ExcelJS.Workbook, sheets: Sheet[]): void {
  for (const sheet of sheets) {
    const existing = excel.worksheets.find((ws) => ws.name.toLowerCase() === sheet.name.toLowerCase());
    if (existing) excel.removeWorksheet(existing.id);
    fillWorksheet(excel.addWorksheet(sheet.name), sheet);
  }
}
