// An Excel workbook for tests, the bench and the browser test page, built from office-addin-mock
// objects: properties must be loaded and synced before they are read, as in Excel, and every
// change the add-in queues lands in the workbook when context.sync() runs, which is counted.
// It models only what the add-in uses.
import { OfficeMockObject } from "office-addin-mock";
import { cellAddress, isCellError, type Workbook } from "@toms/domain";

type ValueType = "Empty" | "String" | "Double" | "Boolean" | "Error";
type ExcelValue = string | number | boolean;

export interface FakeCell {
  value: ExcelValue;
  numberFormat: string;
  type: ValueType;
  bold: boolean;
}

export interface FakeSheet {
  name: string;
  rows: FakeCell[][];
  columnWidths: Map<number, number>;
  validations: { address: string; rule: unknown; message: string }[];
  tables: { name: string; address: string; style: string }[];
  frozen: string | null;
  conditionalFormats: { type: string; address: string; formula: string | null }[];
  charts: { type: string; source: string; seriesBy: string; title: string; series: string[] }[];
}

const ERRORS = ["#N/A", "#REF!", "#NAME?", "#DIV/0!", "#NULL!", "#VALUE!", "#NUM!", "#SPILL!", "#CALC!"];
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** A hidden property of range mocks: the range's address, known to the fake only. */
const ADDRESS = "__fakeAddress";

const empty = (): FakeCell => ({ value: "", numberFormat: "General", type: "Empty", bold: false });

/** What Excel stores when a value is typed into a cell with this format. */
function typed(value: unknown, numberFormat: string, asTyped: boolean): Pick<FakeCell, "value" | "type"> {
  if (value === "" || value === null || value === undefined) return { value: "", type: "Empty" };
  if (typeof value === "number") return { value, type: "Double" };
  if (typeof value === "boolean") return { value, type: "Boolean" };
  const text = String(value);
  if (ERRORS.includes(text)) return { value: text, type: "Error" };
  if (asTyped && numberFormat !== "@" && NUMBER.test(text.trim())) return { value: Number(text), type: "Double" };
  return { value: text, type: "String" };
}

function parseColumn(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

interface Box {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** "A1", "A1:D2", "C:C" (whole columns as the sheet's used height), with an optional sheet. */
function parseAddress(address: string, height: number): Box {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [from = "", to = from] = local.replace(/\$/g, "").split(":");
  const part = (a: string) => {
    const m = /^([A-Z]+)(\d*)$/i.exec(a);
    if (!m) throw new Error(`fake Excel: cannot read address ${address}`);
    return { column: parseColumn(m[1] ?? "A"), row: m[2] ? Number(m[2]) - 1 : null };
  };
  const a = part(from);
  const b = part(to);
  const row = a.row ?? 0;
  const lastRow = b.row ?? Math.max(0, height - 1);
  return { row, column: a.column, rows: lastRow - row + 1, columns: b.column - a.column + 1 };
}

const boxAddress = (sheet: string, b: Box) => `${sheet}!${cellAddress(b.row, b.column)}:${cellAddress(b.row + b.rows - 1, b.column + b.columns - 1)}`;

/** Mock objects queued in one Excel.run, and what to apply to the workbook at each sync. */
class Batch {
  created: OfficeMockObject[] = [];
  pending: (() => void)[] = [];
  syncs = 0;
  mock(data: Record<string, unknown>): OfficeMockObject {
    const mock = new OfficeMockObject(data);
    this.created.push(mock);
    return mock;
  }
  /** A proxy from an ...OrNullObject method: whether it is null is known after the next sync,
   * with nothing to load, as in Office.js. */
  orNull(data: Record<string, unknown>, isNull: boolean): OfficeMockObject {
    const mock = this.mock(data);
    const queuedAt = this.syncs;
    Object.defineProperty(mock, "isNullObject", {
      get: () => {
        if (this.syncs === queuedAt) throw new Error("fake Excel: isNullObject read before context.sync()");
        return isNull;
      },
    });
    return mock;
  }
}

export class FakeExcel {
  sheets: FakeSheet[] = [];
  syncs = 0;
  selection: { sheet: string; row: number; column: number } = { sheet: "Sheet1", row: 0, column: 0 };
  activeSheet = "Sheet1";

  /** A workbook with these sheets (or one empty "Sheet1"), as a file opens: grid cells become
   * Excel cells as stored, so text that looks like a number stays text. */
  constructor(workbook?: Workbook) {
    if (!workbook || workbook.sheets.length === 0) {
      this.addSheet("Sheet1");
      return;
    }
    for (const sheet of workbook.sheets) {
      const fake = this.addSheet(sheet.name);
      sheet.rows.forEach((row, r) =>
        row.forEach((cell, c) => {
          const format = cell.numberFormat ?? "General";
          const v = cell.value;
          this.write(fake, r, c, isCellError(v) ? v.error : v, format, false);
        }),
      );
    }
    this.activeSheet = this.sheets[0]?.name ?? "Sheet1";
  }

  addSheet(name: string): FakeSheet {
    if (this.find(name)) throw new Error(`fake Excel: a sheet named ${name} already exists`);
    const sheet: FakeSheet = { name, rows: [], columnWidths: new Map(), validations: [], tables: [], frozen: null, conditionalFormats: [], charts: [] };
    this.sheets.push(sheet);
    return sheet;
  }

  find(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  sheet(name: string): FakeSheet {
    const found = this.find(name);
    if (!found) throw new Error(`fake Excel: no sheet named ${name}`);
    return found;
  }

  cell(sheet: string, row: number, column: number): FakeCell {
    return this.sheet(sheet).rows[row]?.[column] ?? empty();
  }

  /** Types a value into a cell, as a person or the add-in would (Excel turns "12" into 12 unless
   * the cell is formatted as text); a format is kept unless one is given. */
  write(sheet: FakeSheet, row: number, column: number, value: unknown, numberFormat?: string, asTyped = true): void {
    const cells = (sheet.rows[row] ??= []);
    for (let c = cells.length; c <= column; c++) cells[c] = empty();
    for (let r = 0; r < row; r++) sheet.rows[r] ??= [];
    const cell = cells[column] ?? empty();
    const format = numberFormat ?? cell.numberFormat;
    cells[column] = { ...cell, numberFormat: format, ...typed(value, format, asTyped) };
  }

  /** The used range (values only): the smallest box holding every non-empty cell. */
  private used(sheet: FakeSheet): Box | null {
    let top = Infinity, left = Infinity, bottom = -1, right = -1;
    sheet.rows.forEach((row, r) =>
      row?.forEach((cell, c) => {
        if (cell.type === "Empty") return;
        top = Math.min(top, r);
        bottom = Math.max(bottom, r);
        left = Math.min(left, c);
        right = Math.max(right, c);
      }),
    );
    return bottom < 0 ? null : { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
  }

  private grid<T>(sheet: FakeSheet, box: Box, pick: (cell: FakeCell) => T): T[][] {
    return Array.from({ length: box.rows }, (_, r) => Array.from({ length: box.columns }, (_, c) => pick(sheet.rows[box.row + r]?.[box.column + c] ?? empty())));
  }

  /** The `Excel` namespace the add-in calls: `Excel.run(batch => ...)`. */
  namespace(): OfficeMockObject {
    return new OfficeMockObject({ run: async <T>(work: (context: unknown) => Promise<T>): Promise<T> => work(this.context()) });
  }

  /** Sets the global `Excel` to this workbook. */
  install(target: { Excel?: unknown } = globalThis as { Excel?: unknown }): this {
    target.Excel = this.namespace();
    return this;
  }

  private context(): OfficeMockObject {
    const batch = new Batch();
    const sync = async () => {
      this.syncs++;
      batch.syncs++;
      const pending = batch.pending;
      batch.pending = [];
      for (const apply of pending) apply();
      const created = batch.created;
      batch.created = [];
      await Promise.all([...created.map((m) => m.sync()), OfficeMockObject.prototype.sync.call(context)]);
      await new Promise((resolve) => setTimeout(resolve, 0)); // the mock updates parents a tick later
    };
    // Not in the batch's list: its own `sync` is the one above.
    const context: OfficeMockObject = new OfficeMockObject({
      sync,
      workbook: {
        // A snapshot of the sheets when the batch starts, as the add-in loads them first.
        worksheets: {
          items: this.sheets.map((s) => ({ name: s.name })),
          getItem: (name: string) => this.worksheetMock(batch, name, () => this.sheet(name)),
          add: (name: string) => {
            let created: FakeSheet | undefined;
            batch.pending.push(() => (created = this.addSheet(name)));
            return this.worksheetMock(batch, name, () => {
              if (!created) throw new Error(`fake Excel: ${name} is added at the next sync`);
              return created;
            });
          },
        },
        getSelectedRange: () => {
          const { sheet, row, column } = this.selection;
          const range = this.rangeMock(batch, () => this.sheet(sheet), () => ({ row, column, rows: 1, columns: 1 }));
          range.worksheet = this.worksheetMock(batch, sheet, () => this.sheet(sheet));
          return range;
        },
      },
    });
    // office-addin-mock has no collections: "items/name" loads the items array as a whole.
    const worksheets = context.workbook.worksheets;
    const load = worksheets.load.bind(worksheets);
    worksheets.load = (what: string) => load(what === "items/name" ? "items" : what);
    return context;
  }

  private worksheetMock(batch: Batch, name: string, sheet: () => FakeSheet): OfficeMockObject {
    let current: FakeSheet | null = null;
    const resolve = () => (current ??= sheet());
    const ws = batch.mock({
      name: this.find(name)?.name ?? name,
      getRange: (address: string) => this.rangeMock(batch, resolve, () => parseAddress(address, resolve().rows.length)),
      getRangeByIndexes: (row: number, column: number, rows: number, columns: number) => this.rangeMock(batch, resolve, () => ({ row, column, rows, columns })),
      getUsedRangeOrNullObject: () => this.usedRangeMock(batch, resolve),
      activate: () => batch.pending.push(() => (this.activeSheet = resolve().name)),
      delete: () => batch.pending.push(() => (this.sheets = this.sheets.filter((s) => s !== resolve()))),
      freezePanes: {
        freezeRows: (count: number) => batch.pending.push(() => (resolve().frozen = `A1:XFD${count}`)),
        freezeAt: (address: string) => batch.pending.push(() => (resolve().frozen = address)),
      },
      tables: {
        add: (address: string) => {
          const table = batch.mock({ name: "", style: "" });
          batch.pending.push(() => resolve().tables.push({ name: String(table.name), address, style: String(table.style) }));
          return table;
        },
        getItemOrNullObject: (tableName: string) => this.tableMock(batch, resolve, tableName),
      },
      charts: {
        add: (type: string, source: OfficeMockObject, seriesBy: string) => {
          const series: OfficeMockObject[] = [];
          const chart = batch.mock({
            title: { text: "" },
            setPosition: () => undefined,
            series: { getItemAt: (i: number) => (series[i] ??= batch.mock({ name: "" })) },
          });
          batch.pending.push(() =>
            resolve().charts.push({ type, source: (source[ADDRESS] as () => string)(), seriesBy, title: String(chart.title.text), series: series.map((s) => String(s.name)) }),
          );
          return chart;
        },
      },
    });
    // Setting `name` renames the sheet when the batch syncs.
    batch.pending.push(() => {
      const wanted: unknown = ws.name;
      if (typeof wanted === "string" && !wanted.startsWith("Error,") && wanted !== resolve().name) resolve().name = wanted;
    });
    return ws;
  }

  private tableMock(batch: Batch, sheet: () => FakeSheet, name: string): OfficeMockObject {
    const found = () => sheet().tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
    const table = batch.orNull({
      name,
      rows: {
        add: (_index: number | undefined, values: unknown[][]) => {
          batch.pending.push(() => {
            const t = found();
            if (!t) throw new Error(`fake Excel: no table ${name}`);
            const box = parseAddress(t.address, 0);
            values.forEach((row, i) => row.forEach((v, c) => this.write(sheet(), box.row + box.rows + i, box.column + c, v)));
            t.address = boxAddress(sheet().name, { ...box, rows: box.rows + values.length });
          });
        },
      },
      getRange: () => this.rangeMock(batch, sheet, () => parseAddress(found()?.address ?? "A1", 0)),
      getDataBodyRange: () => ({
        getLastRow: () => ({
          getCell: (r: number, c: number) =>
            this.rangeMock(batch, sheet, () => {
              const box = parseAddress(found()?.address ?? "A1", 0);
              return { row: box.row + box.rows - 1 + r, column: box.column + c, rows: 1, columns: 1 };
            }),
        }),
      }),
    }, found() === undefined);
    return table;
  }

  private usedRangeMock(batch: Batch, sheet: () => FakeSheet): OfficeMockObject {
    const box = this.used(sheet());
    if (!box) return batch.orNull({ rowIndex: 0, columnIndex: 0, rowCount: 0, columnCount: 0, values: [] }, true);
    return this.rangeMock(batch, sheet, () => box, true);
  }

  private rangeMock(batch: Batch, sheet: () => FakeSheet, where: () => Box, orNull = false): OfficeMockObject {
    // What the range holds when the batch is made: loads in the add-in come before its writes.
    let box: Box | null = null;
    let target: FakeSheet | null = null;
    try {
      target = sheet();
      box = where();
    } catch {
      // A sheet added in this batch: nothing to read yet.
    }
    const fake = target;
    const values = fake && box ? this.grid(fake, box, (c) => c.value) : [];
    const numberFormat = fake && box ? this.grid(fake, box, (c) => c.numberFormat) : [];
    const data = {
      address: fake && box ? boxAddress(fake.name, box) : "",
      rowIndex: box?.row ?? 0,
      columnIndex: box?.column ?? 0,
      rowCount: box?.rows ?? 0,
      columnCount: box?.columns ?? 0,
      values,
      numberFormat,
      valueTypes: fake && box ? this.grid(fake, box, (c) => c.type) : [],
      format: { columnWidth: 0, font: { bold: false } },
      dataValidation: {},
      conditionalFormats: {
        add: (type: string) => {
          const cf = batch.mock({ custom: { rule: { formula: "" }, format: { fill: { color: "" } } } });
          batch.pending.push(() => {
            const b = where();
            const formula = typeof cf.custom.rule.formula === "string" && !cf.custom.rule.formula.startsWith("Error") ? cf.custom.rule.formula : null;
            sheet().conditionalFormats.push({ type, address: boxAddress(sheet().name, b), formula });
          });
          return cf;
        },
      },
      select: () => {
        batch.pending.push(() => {
          const b = where();
          this.selection = { sheet: sheet().name, row: b.row, column: b.column };
        });
      },
    };
    const range = orNull ? batch.orNull(data, false) : batch.mock(data);
    // The fake's own view of where the range is, for charts made from it.
    Object.defineProperty(range, ADDRESS, { value: () => boxAddress(sheet().name, where()) });
    // Writes land at sync, in the order queued: formats before values, as the add-in sets them.
    batch.pending.push(() => {
      const s = sheet();
      const b = where();
      const written = (v: unknown, original: unknown) => Array.isArray(v) && v !== original;
      if (written(range.numberFormat, numberFormat)) {
        (range.numberFormat as unknown[][]).forEach((row, r) => row.forEach((f, c) => {
          const cell = s.rows[b.row + r]?.[b.column + c];
          if (cell) cell.numberFormat = String(f);
          else this.write(s, b.row + r, b.column + c, "", String(f));
        }));
      }
      if (written(range.values, values)) {
        (range.values as unknown[][]).forEach((row, r) => row.forEach((v, c) => this.write(s, b.row + r, b.column + c, v)));
      }
      if (range.format.font.bold === true) {
        for (let r = 0; r < b.rows; r++) for (let c = 0; c < b.columns; c++) {
          if (!s.rows[b.row + r]?.[b.column + c]) this.write(s, b.row + r, b.column + c, "");
          const cell = s.rows[b.row + r]?.[b.column + c];
          if (cell) cell.bold = true;
        }
      }
      if (typeof range.format.columnWidth === "number" && range.format.columnWidth > 0) s.columnWidths.set(b.column, range.format.columnWidth);
      const validation = range.dataValidation as { rule?: unknown; errorAlert?: { message?: string } };
      if (validation.rule !== undefined && typeof validation.rule === "object") {
        s.validations.push({ address: boxAddress(s.name, b), rule: validation.rule, message: validation.errorAlert?.message ?? "" });
      }
    });
    return range;
  }
}
