// The workbook model: an abstract grid that every adapter fills the same way.
//
// - The CLI fills it from exceljs (cell.result for formulas, cell.numFmt, error values).
// - The Excel add-in fills it from Office.js in one bulk read per sheet: Range.values gives
//   `value`, Range.numberFormat gives `numberFormat`, Range.valueTypes === "Error" gives
//   `{ error: text }`. Dates arrive as Excel serial numbers, as Office.js returns them.
//
// Rows and columns are 0-based arrays; A1 addresses are only made for messages. A row may be
// shorter than its neighbours (missing cells are empty), so adapters need not pad.

/** An error value shown in a cell, e.g. `{ error: "#N/A" }`. */
export interface CellError {
  error: string;
}

/** What a cell holds: its typed value, or its cached result when it holds a formula. */
export type CellValue = number | string | boolean | null | CellError;

/** Data validation the template asks for on input cells; adapters map it to their API.
 * `message` is shown to the person typing a wrong value. */
export type CellValidation =
  | { type: "decimal"; minimum: number; maximum?: number; message: string }
  | { type: "list"; values: string[]; message: string };

export interface Cell {
  value: CellValue;
  /** Excel number format, e.g. "0%", "#,##0.00". "General" and absent mean no format. */
  numberFormat?: string;
  /** Written on headers by the template and output sheets; readers ignore it. */
  bold?: boolean;
  validation?: CellValidation;
}

export interface Sheet {
  name: string;
  rows: Cell[][];
  /** Column widths in characters, for sheets the suite writes; readers ignore them. */
  columnWidths?: number[];
}

export interface Workbook {
  sheets: Sheet[];
}

export function isCellError(value: CellValue): value is CellError {
  return typeof value === "object" && value !== null;
}

/** Column letters for a 0-based column index: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnName(column: number): string {
  let name = "";
  let n = column + 1;
  while (n > 0) {
    const rem = (n - 1) % 26;
    name = String.fromCharCode(65 + rem) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** A1 address for a 0-based row and column. */
export function cellAddress(row: number, column: number): string {
  return `${columnName(column)}${row + 1}`;
}

/** The sheet with this name, compared case-insensitively as Excel does. */
export function findSheet(workbook: Workbook, name: string): Sheet | undefined {
  const wanted = name.toLowerCase();
  return workbook.sheets.find((s) => s.name.trim().toLowerCase() === wanted);
}

export function isBlank(cell: Cell | undefined): boolean {
  if (!cell) return true;
  const v = cell.value;
  return v === null || (typeof v === "string" && v.trim() === "");
}

/** A value as trimmed text ("" when blank or an error), for labels and names. */
export function valueText(value: CellValue | undefined): string {
  if (value === undefined || value === null || isCellError(value)) return "";
  return String(value).trim();
}

/** The cell's value as trimmed text ("" when blank or an error), for labels and names. */
export function cellText(cell: Cell | undefined): string {
  return valueText(cell?.value);
}

/** True when an Excel number format shows the value as a percentage. Quoted text and
 * backslash-escaped characters are literal, so `0"%"` is not a percentage format. */
export function isPercentFormat(numberFormat: string | undefined): boolean {
  if (!numberFormat) return false;
  const literalFree = numberFormat.replace(/"[^"]*"/g, "").replace(/\\./g, "");
  return literalFree.includes("%");
}

/** True when an Excel number format shows the value as a date or time (a number underneath). */
export function isDateFormat(numberFormat: string | undefined): boolean {
  if (!numberFormat) return false;
  // Quoted text, escaped characters, [colour]/[$£-809] codes and _x / *x spacing are not part of it.
  const codes = numberFormat.replace(/"[^"]*"/g, "").replace(/\\./g, "").replace(/\[[^\]]*\]/g, "").replace(/[_*]./g, "");
  return /[dmyhs]/i.test(codes) && !/^general$/i.test(codes.trim());
}

/** What a number format does to the number underneath, remembered per format: a workbook uses a
 * handful of formats across tens of thousands of cells. */
export type FormatKind = "plain" | "percent" | "date";
const formatKinds = new Map<string, FormatKind>();

export function formatKind(numberFormat: string | undefined): FormatKind {
  if (!numberFormat) return "plain";
  let kind = formatKinds.get(numberFormat);
  if (!kind) {
    kind = isPercentFormat(numberFormat) ? "percent" : isDateFormat(numberFormat) ? "date" : "plain";
    formatKinds.set(numberFormat, kind);
  }
  return kind;
}

/** How Excel shows a date serial, for messages: 45658 -> 01/01/2025; a time alone -> 13:30. */
function dateText(serial: number): string {
  const at = new Date(Math.round((serial - 25_569) * 86_400_000));
  const two = (n: number) => String(n).padStart(2, "0");
  if (serial < 1) return `${two(at.getUTCHours())}:${two(at.getUTCMinutes())}`;
  return `${two(at.getUTCDate())}/${two(at.getUTCMonth() + 1)}/${at.getUTCFullYear()}`;
}

/** How a cell reads as a number. */
export type NumberReading =
  | { kind: "blank" }
  | { kind: "number"; value: number; fromText: boolean }
  | { kind: "error"; error: string }
  | { kind: "not-a-number"; text: string };

// "1,200", "£5,000.50", " 12 ", "-3", "60%", "(1,000)" is not accepted: accounting negatives
// are rare in commitments and guessing their sign is worse than asking.
const NUMBER_TEXT = /^([-+]?)\s*£?\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)\s*(%?)$/;

/**
 * Reads a cell as the number an evaluator sees. A number in a percentage-formatted cell means
 * the percentage shown (0.6 shown as 60% reads 60). Text that is plainly a number ("1,200",
 * "£5,000", "60%") reads as that number with `fromText` set, so callers can warn. A number shown
 * as a date or time is not a number the evaluator meant.
 */
export function readNumber(cell: Cell | undefined): NumberReading {
  if (!cell || isBlank(cell)) return { kind: "blank" };
  const v = cell.value;
  if (isCellError(v)) return { kind: "error", error: v.error };
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { kind: "not-a-number", text: String(v) };
    const kind = formatKind(cell.numberFormat);
    // A quantity typed as "1/2" becomes a date; read as a number it would be tens of thousands.
    if (kind === "date") return { kind: "not-a-number", text: dateText(v) };
    return { kind: "number", value: kind === "percent" ? v * 100 : v, fromText: false };
  }
  if (typeof v === "boolean") return { kind: "not-a-number", text: v ? "TRUE" : "FALSE" };
  const text = (v ?? "").trim();
  const match = NUMBER_TEXT.exec(text);
  if (!match) return { kind: "not-a-number", text };
  const magnitude = Number((match[2] ?? "").replace(/,/g, ""));
  // Hundreds of digits make Infinity, which is not the number the text shows.
  if (!Number.isFinite(magnitude)) return { kind: "not-a-number", text };
  const value = match[1] === "-" ? -magnitude : magnitude;
  return { kind: "number", value, fromText: true };
}
