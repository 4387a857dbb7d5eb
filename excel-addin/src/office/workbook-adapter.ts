// The only code that talks to Excel (Excel.run and context.sync). It turns worksheets into the
// domain's workbook grid and grid sheets back into worksheets, in a fixed number of batches:
// a scoring run is 3 syncs to read (sheet names, used ranges, cells) and 1 to write, whatever
// the size of the workbook, as long as each batch stays under Excel on the web's 5 MB limit.
// Bigger reads and writes are split into one sync per chunk.
import { cellText, columnName, findHeaderRow, isBlank, MODERATION_HEADERS, SHEETS, type Cell, type CellValidation, type CellValue, type Sheet, type Workbook } from "@toms/domain";

/** Under Excel on the web's 5 MB per request and response, with room for the envelope. */
const PAYLOAD_BUDGET_BYTES = 4_000_000;
/** A generous estimate of one cell's share of a payload: its value, number format and type. */
const BYTES_PER_CELL = 48;
/** Excel on the web reads at most 5,000,000 cells per range. */
const MAX_CELLS_PER_RANGE = 5_000_000;
export const CELLS_PER_BATCH = Math.min(Math.floor(PAYLOAD_BUDGET_BYTES / BYTES_PER_CELL), MAX_CELLS_PER_RANGE);

/** The sheets a scoring run reads. */
const INPUT_SHEETS = [SHEETS.tender, SHEETS.bidders, SHEETS.commitments, SHEETS.moderation] as const;

/** Table names the add-in gives the sheets it lays out, so it can find them again. */
export const TABLES = {
  [SHEETS.tender]: "TomsTender",
  [SHEETS.bidders]: "TomsBidders",
  [SHEETS.commitments]: "TomsCommitments",
  [SHEETS.moderation]: "TomsModeration",
} as const satisfies Record<string, string>;

/** Points per character of column width, near enough to Excel's default font. */
const POINTS_PER_CHARACTER = 7;

/** Rows of this width that still fit a batch holding `cells`; an empty batch takes at least one. */
function rowsThatFit(remaining: number, width: number, cells: number): number {
  const room = Math.floor((CELLS_PER_BATCH - cells) / width);
  return Math.min(remaining, cells === 0 ? Math.max(1, room) : room);
}

export interface WorkbookSnapshot {
  /** The input sheets as the domain reads them; sheets the workbook lacks are absent. */
  workbook: Workbook;
  /** Every worksheet's name, in the workbook's order. */
  sheetNames: string[];
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Office.js value -> grid value. Errors come as their text with the "Error" value type. */
function toCellValue(value: unknown, valueType: string | undefined): CellValue {
  if (valueType === "Error") return { error: String(value) };
  if (value === "" || value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  return String(value);
}

function toCells(read: Pick<Excel.Range, "values" | "numberFormat" | "valueTypes">, into: Cell[][], firstRow: number): void {
  read.values.forEach((row, r) => {
    into[firstRow + r] = row.map((value, c) => {
      const format = read.numberFormat[r]?.[c];
      const cell: Cell = { value: toCellValue(value, read.valueTypes[r]?.[c]) };
      if (typeof format === "string" && format !== "General") cell.numberFormat = format;
      return cell;
    });
  });
}

/**
 * Reads the evaluation's input sheets: 1 sync for the sheet names, 1 for the used ranges, then 1
 * per batch of cells (one batch up to CELLS_PER_BATCH cells, which a 200 x 300 tender fits).
 */
export async function readEvaluationSheets(): Promise<WorkbookSnapshot> {
  return Excel.run(async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load("items/name");
    await context.sync();
    const sheetNames = worksheets.items.map((ws) => ws.name);

    const present = INPUT_SHEETS.map((wanted) => sheetNamed(sheetNames, wanted)).filter((n) => n !== undefined);
    const used = present.map((name) => {
      const range = worksheets.getItem(name).getUsedRangeOrNullObject(true);
      range.load("rowIndex,columnIndex,rowCount,columnCount");
      return { name, range };
    });
    await context.sync();

    // Read from A1 so grid rows and columns are the sheet's, filling each batch with as many
    // rows as fit before the next sync.
    const sheets: Sheet[] = [];
    let batch: { sheet: Sheet; firstRow: number; range: Excel.Range }[] = [];
    let cells = 0;
    const flush = async () => {
      await context.sync();
      for (const { sheet, firstRow, range } of batch) toCells(range, sheet.rows, firstRow);
      batch = [];
      cells = 0;
    };
    for (const { name, range } of used) {
      const sheet: Sheet = { name, rows: [] };
      sheets.push(sheet);
      if (range.isNullObject) continue;
      const rows = range.rowIndex + range.rowCount;
      const columns = range.columnIndex + range.columnCount;
      for (let first = 0; first < rows; ) {
        const fit = rowsThatFit(rows - first, columns, cells);
        if (fit < 1) {
          await flush();
          continue;
        }
        const chunk = worksheets.getItem(name).getRangeByIndexes(first, 0, fit, columns);
        chunk.load("values,numberFormat,valueTypes");
        batch.push({ sheet, firstRow: first, range: chunk });
        cells += fit * columns;
        first += fit;
      }
    }
    if (batch.length > 0) await flush();
    return { workbook: { sheets }, sheetNames };
  });
}

// ---------------------------------------------------------------------------------------------
// Writing

/** What the add-in adds around a sheet's cells when it writes one. */
export interface SheetLayout {
  sheet: Sheet;
  /** Make the sheet's first row and the rows under it an Excel table with this name. */
  table?: string;
  /** Rows (and columns) to keep in view while scrolling. */
  freeze?: { rows: number; columns?: number };
}

function excelValue(value: CellValue): string | number | boolean {
  if (value === null) return "";
  if (typeof value === "object") return value.error;
  return value;
}

function validationRule(v: CellValidation): Excel.DataValidationRule {
  if (v.type === "list") return { list: { inCellDropDown: true, source: v.values.join(",") } };
  return v.maximum === undefined
    ? { decimal: { formula1: v.minimum, operator: "GreaterThanOrEqualTo" } }
    : { decimal: { formula1: v.minimum, formula2: v.maximum, operator: "Between" } };
}

/** Text Excel would turn into a number, date, truth value, error or formula as it is typed in. */
const LOOKS_TYPED = /^[=+\-@#]|^[\d\s.,:/%£$()eE+-]+$|^(true|false)$/i;

/** A cell's number format; text that Excel would convert is written as text, kept as it is. */
function formatOf(cell: Cell | undefined): string {
  if (cell?.numberFormat) return cell.numberFormat;
  return typeof cell?.value === "string" && LOOKS_TYPED.test(cell.value) ? "@" : "General";
}

/** Runs of equal keys along a line: [start, length, key]. Lets one call format many cells. */
function runs<T>(items: readonly T[], key: (item: T) => string | null): [number, number, string][] {
  const found: [number, number, string][] = [];
  let start = 0;
  for (let i = 1; i <= items.length; i++) {
    const current = key(items[start] as T);
    if (i < items.length && key(items[i] as T) === current) continue;
    if (current !== null) found.push([start, i - start, current]);
    start = i;
  }
  return found;
}

const widthOf = (sheet: Sheet) => Math.max(1, ...sheet.rows.map((r) => r.length));

/** Queues a band of a sheet's rows: number formats, then values. */
function queueCells(ws: Excel.Worksheet, sheet: Sheet, firstRow: number, rows: number, width: number): void {
  const band = sheet.rows.slice(firstRow, firstRow + rows);
  const pad = (row: Cell[]) => Array.from({ length: width }, (_, c) => row[c]);
  const range = ws.getRangeByIndexes(firstRow, 0, rows, width);
  // Formats first, so text such as a catalogue version "2026.1" lands in a text cell as text.
  range.numberFormat = band.map((row) => pad(row).map(formatOf));
  range.values = band.map((row) => pad(row).map((cell) => excelValue(cell?.value ?? null)));
}

/** Queues what goes around a sheet's cells: bold runs, validation, widths, table, frozen panes. */
function queueDecorations(ws: Excel.Worksheet, layout: SheetLayout): void {
  const { sheet } = layout;
  const height = sheet.rows.length;
  const width = widthOf(sheet);
  sheet.rows.forEach((row, r) => {
    for (const [start, length] of runs(row, (cell) => (cell.bold ? "bold" : null))) {
      ws.getRangeByIndexes(r, start, 1, length).format.font.bold = true;
    }
  });
  for (let c = 0; c < width; c++) {
    const column = sheet.rows.map((row) => row[c]);
    for (const [start, length, key] of runs(column, (cell) => (cell?.validation ? JSON.stringify(cell.validation) : null))) {
      const validation = JSON.parse(key) as CellValidation;
      const target = ws.getRangeByIndexes(start, c, length, 1).dataValidation;
      target.rule = validationRule(validation);
      target.errorAlert = { message: validation.message, showAlert: true, style: "Stop", title: "Check this value" };
    }
  }
  sheet.columnWidths?.forEach((characters, c) => {
    const letter = columnName(c);
    ws.getRange(`${letter}:${letter}`).format.columnWidth = characters * POINTS_PER_CHARACTER;
  });
  if (layout.table && height > 0) {
    // A table needs a body row: an empty one under a lone header is where the first entry goes.
    const bodyRows = Math.max(1, height - 1);
    const table = ws.tables.add(`'${sheet.name.replace(/'/g, "''")}'!A1:${columnName(width - 1)}${bodyRows + 1}`, true);
    table.name = layout.table;
    table.style = "TableStyleLight9";
  }
  if (layout.freeze) {
    if (layout.freeze.columns) ws.freezePanes.freezeAt(`A1:${columnName(layout.freeze.columns - 1)}${layout.freeze.rows}`);
    else ws.freezePanes.freezeRows(layout.freeze.rows);
  }
}

/**
 * Adds sheets, replacing any of the same names: the old ones are renamed out of the way first and
 * deleted once the new ones exist, because a workbook must always keep one sheet.
 */
function queueReplace(context: Excel.RequestContext, existing: readonly string[], layouts: readonly SheetLayout[]): Map<string, Excel.Worksheet> {
  const worksheets = context.workbook.worksheets;
  const replaced: Excel.Worksheet[] = [];
  for (const { sheet } of layouts) {
    const old = sheetNamed(existing, sheet.name);
    if (old === undefined) continue;
    const ws = worksheets.getItem(old);
    // Unique, so it cannot clash with a sheet left over from an interrupted run.
    ws.name = `${sheet.name.slice(0, 16)} old ${crypto.randomUUID().slice(0, 8)}`;
    replaced.push(ws);
  }
  const added = new Map(layouts.map((layout) => [layout.sheet.name, worksheets.add(layout.sheet.name)]));
  for (const ws of replaced) ws.delete();
  return added;
}

async function sheetNamesOf(context: Excel.RequestContext): Promise<string[]> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  await context.sync();
  return worksheets.items.map((ws) => ws.name);
}

/**
 * Writes the layouts' sheets over any of the same names. Cells go in row bands, with a sync
 * whenever a batch is full, so each request stays under the payload limit; the rest (and
 * `after`, for charts and highlights) goes with the last batch. One sync when all fits.
 */
async function writeInBatches(context: Excel.RequestContext, existing: readonly string[], layouts: readonly SheetLayout[], after: (added: Map<string, Excel.Worksheet>) => void): Promise<void> {
  const added = queueReplace(context, existing, layouts);
  let cells = 0;
  for (const { sheet } of layouts) {
    const ws = added.get(sheet.name);
    if (!ws) continue;
    const width = widthOf(sheet);
    for (let first = 0; first < sheet.rows.length; ) {
      const fit = rowsThatFit(sheet.rows.length - first, width, cells);
      if (fit < 1) {
        await context.sync();
        cells = 0;
        continue;
      }
      queueCells(ws, sheet, first, fit, width);
      cells += fit * width;
      first += fit;
    }
  }
  for (const layout of layouts) {
    const ws = added.get(layout.sheet.name);
    if (ws) queueDecorations(ws, layout);
  }
  after(added);
  await context.sync();
}

/** The workbook's sheet that is `wanted`, compared as Excel and the domain's findSheet do. */
function sheetNamed(sheetNames: readonly string[], wanted: string): string | undefined {
  return sheetNames.find((n) => n.trim().toLowerCase() === wanted.toLowerCase());
}

/** The sheets of layouts that the workbook already has (compared as Excel does, ignoring case). */
function clashes(sheetNames: readonly string[], layouts: readonly SheetLayout[]): string[] {
  return layouts.map((l) => sheetNamed(sheetNames, l.sheet.name)).filter((n) => n !== undefined);
}

/**
 * Lays out a new evaluation. Without `replace`, nothing is written when a sheet of the same name
 * exists, and the clashing names come back so the evaluator can decide.
 */
export async function writeNewEvaluation(layouts: readonly SheetLayout[], options: { replace: boolean; activate: string }): Promise<{ written: true } | { written: false; existing: string[] }> {
  return Excel.run(async (context) => {
    const names = await sheetNamesOf(context);
    const existing = clashes(names, layouts);
    if (existing.length > 0 && !options.replace) return { written: false, existing };
    await writeInBatches(context, names, layouts, (added) => added.get(options.activate)?.activate());
    return { written: true };
  });
}

/** Where the output sheets are and how big, for the chart and the highlights on Results. */
export interface ResultsLayout {
  results: Sheet;
  breakdown: Sheet;
  /** Themes listed at the top of Breakdown (rows 2 onwards), one chart series each. */
  themes: number;
  bidders: number;
}

function headerColumn(sheet: Sheet, header: string): number {
  return (sheet.rows[0] ?? []).findIndex((cell) => cellText(cell) === header);
}

/**
 * Writes Results and Breakdown over any earlier ones (the names come from the read just before),
 * with a data bar on the totals, flagged bidders highlighted and a chart of social value by
 * bidder and theme. One sync while the sheets fit one batch.
 */
export async function writeResults(sheetNames: readonly string[], layout: ResultsLayout): Promise<void> {
  await Excel.run(async (context) => {
    const layouts: SheetLayout[] = [
      { sheet: layout.results, freeze: { rows: 1 } },
      { sheet: layout.breakdown, freeze: { rows: 1 } },
    ];
    await writeInBatches(context, sheetNames, layouts, (added) => {
      const results = added.get(layout.results.name);
      if (!results || layout.bidders === 0) return;
      const total = headerColumn(layout.results, "Total marks");
      if (total >= 0) {
        results.getRangeByIndexes(1, total, layout.bidders, 1).conditionalFormats.add("DataBar");
      }
      const flags = headerColumn(layout.results, "Flags");
      if (flags >= 0) {
        const letter = columnName(flags);
        const highlight = results.getRangeByIndexes(1, 0, layout.bidders, flags + 1).conditionalFormats.add("Custom");
        highlight.custom.rule.formula = `=LEN($${letter}2)>0`;
        highlight.custom.format.fill.color = "#FFF4CE";
      }
      // Breakdown's first row names the bidders after its title; a row per theme follows.
      const firstBidder = (layout.breakdown.rows[0] ?? []).findIndex((cell, c) => c > 0 && cellText(cell) !== "");
      if (layout.themes > 0 && firstBidder > 0) {
        const source = added.get(layout.breakdown.name)?.getRangeByIndexes(0, firstBidder, layout.themes + 1, layout.bidders);
        if (source) {
          // One series per theme, named after it.
          const chart = results.charts.add("ColumnStacked", source, "Rows");
          chart.title.text = "Social value by bidder and theme";
          chart.setPosition(`A${layout.results.rows.length + 3}`);
          layout.breakdown.rows.slice(1, layout.themes + 1).forEach((row, i) => {
            chart.series.getItemAt(i).name = cellText(row[0]);
          });
        }
      }
      results.activate();
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Selection and moderation

/** Shows a cell to the evaluator: activates its sheet and selects it. 1 sync. */
export async function selectCell(sheet: string, address: string): Promise<void> {
  await Excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(address).select();
    await context.sync();
  });
}

export interface Selection {
  sheet: string;
  /** 0-based row and column of the selection's top-left cell. */
  row: number;
  column: number;
}

/** The top-left cell of the current selection. 1 sync. */
export async function readSelection(): Promise<Selection> {
  return Excel.run(async (context) => {
    const range = context.workbook.getSelectedRange();
    range.load("rowIndex,columnIndex");
    const ws = range.worksheet;
    ws.load("name");
    await context.sync();
    return { sheet: ws.name, row: range.rowIndex, column: range.columnIndex };
  });
}

export interface ModerationEntry {
  bidder: string;
  measure: string;
  /** Accepted fraction, 0 to 1; written in a percentage cell so it reads as the % shown. */
  accepted: number;
  reason: string;
}

/**
 * Sets the accepted % and reason for one bidder's commitment on the Moderation sheet: updates
 * its row if there is one, else fills the table's empty row or adds a row (creating the sheet if
 * the workbook has none). 3 or 4 syncs.
 */
export async function writeModeration(entry: ModerationEntry): Promise<void> {
  await Excel.run(async (context) => {
    const names = await sheetNamesOf(context);
    const name = sheetNamed(names, SHEETS.moderation);
    const row = [entry.bidder, entry.measure, entry.accepted, entry.reason];
    const formats = ["General", "General", "0%", "General"];
    const writeHeader = (ws: Excel.Worksheet) => {
      const header = ws.getRange("A1:D1");
      header.values = [Object.values(MODERATION_HEADERS)];
      header.format.font.bold = true;
    };
    if (name === undefined) {
      const ws = context.workbook.worksheets.add(SHEETS.moderation);
      writeHeader(ws);
      const first = ws.getRange("A2:D2");
      first.numberFormat = [formats];
      first.values = [row];
      await context.sync();
      return;
    }
    const ws = context.workbook.worksheets.getItem(name);
    const used = ws.getUsedRangeOrNullObject(true);
    used.load("rowIndex,columnIndex,rowCount,columnCount,values");
    const table = ws.tables.getItemOrNullObject(TABLES[SHEETS.moderation]);
    await context.sync();

    // The grid from A1, so header and rows are found as the domain reads them.
    const grid: Cell[][] = [];
    if (!used.isNullObject) {
      used.values.forEach((values, r) => {
        grid[used.rowIndex + r] = [...Array.from({ length: used.columnIndex }, () => ({ value: null })), ...values.map((v) => ({ value: toCellValue(v, undefined) }))];
      });
    }
    // The table's empty rows are not in the used range, but they are where entries go first.
    if (!table.isNullObject) {
      const extent = table.getRange();
      extent.load("rowIndex,rowCount");
      await context.sync();
      for (let r = grid.length; r < extent.rowIndex + extent.rowCount; r++) grid[r] = [];
    }
    const rows = Array.from(grid, (r) => r ?? []);
    const headerRow = findHeaderRow({ name, rows }, MODERATION_HEADERS.bidder);
    const target = moderationRowFor(rows, headerRow, entry);
    if (target.kind === "append" && !table.isNullObject) {
      table.rows.add(undefined, [row]);
      table.getDataBodyRange().getLastRow().getCell(0, target.columns[2] ?? 2).numberFormat = [["0%"]];
    } else {
      // An empty sheet gets its header first; the columns may be in any order after that.
      if (headerRow < 0) writeHeader(ws);
      const at = target.kind === "row" ? target.row : Math.max(rows.length, headerRow + 1, 1);
      target.columns.forEach((c, i) => {
        const cell = ws.getRangeByIndexes(at, c, 1, 1);
        cell.numberFormat = [[formats[i] ?? "General"]];
        cell.values = [[row[i] ?? ""]];
      });
    }
    await context.sync();
  });
}

/** Where a moderation entry goes: the row already naming this bidder and measure, the first
 * empty row, or a new row at the end; with the columns of Bidder, Measure, Accepted % and Reason. */
function moderationRowFor(rows: Cell[][], headerRow: number, entry: ModerationEntry): { kind: "row"; row: number; columns: number[] } | { kind: "append"; columns: number[] } {
  const header = (rows[headerRow] ?? []).map((c) => cellText(c).toLowerCase());
  const wanted = Object.values(MODERATION_HEADERS).map((label) => label.toLowerCase());
  const columns = wanted.map((label, i) => {
    const at = header.indexOf(label);
    return at >= 0 ? at : i;
  });
  const [b = 0, m = 1] = columns;
  for (let r = headerRow + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    if (cellText(row[b]).toLowerCase() === entry.bidder.toLowerCase() && cellText(row[m]).toUpperCase() === entry.measure.toUpperCase()) return { kind: "row", row: r, columns };
  }
  for (let r = headerRow + 1; r < rows.length; r++) {
    if (columns.every((c) => isBlank(rows[r]?.[c]))) return { kind: "row", row: r, columns };
  }
  return { kind: "append", columns };
}
