// The catalogue exchange format: one row per (measure, outcome) with the columns below, as CSV
// or as the first sheet of an XLSX. A measure serving several outcomes takes several rows that
// agree on everything but the outcome; a blank Proxy value means record only. The Version column
// is per row, so one file may hold several versions (an export of the whole history).
import type { Catalogue, Measure } from "./catalogue.js";
import { formatCsv, parseCsv, readCsvCell, CsvSyntaxError } from "./csv.js";
import { isCellError, readNumber, valueText, type CellValue } from "./grid.js";
import { LIMITS, limitText } from "./limits.js";

export const CATALOGUE_COLUMNS = ["Version", "Code", "Theme", "Outcome", "Measure", "Unit", "Proxy value", "Source"] as const;
type Column = (typeof CATALOGUE_COLUMNS)[number];

/**
 * How much one catalogue file may hold, so that publishing a file (from the CLI or the API) takes
 * bounded memory and time. A whole history of the council's catalogue fits well within them.
 */
export const CATALOGUE_LIMITS = {
  /** Bytes of the file itself, CSV or .xlsx. */
  fileBytes: 2 * 1024 * 1024,
  /** Rows under the header, all versions together. */
  rows: 10_000,
  /** Characters in one cell. */
  cellCharacters: 2_000,
  /** Bytes of an .xlsx file's parts once uncompressed (what a zip bomb inflates to). */
  workbookBytes: 8 * 1024 * 1024,
  /** Problems listed in full; any more are counted. */
  listedProblems: 100,
} as const;

/**
 * A problem in an imported catalogue. `row` is the 1-based spreadsheet row (the header is row 1)
 * and `message` says what is wrong there; `catalogueProblemText` puts the two together.
 */
export interface CatalogueProblem {
  row: number | null;
  column: Column | null;
  message: string;
}

/** A file's catalogue versions in the order they first appear, or its first problems. */
export type CatalogueReadResult =
  | { ok: true; catalogues: Catalogue[] }
  | { ok: false; problems: CatalogueProblem[]; /** Problems found beyond those listed. */ unlisted: number };

/** Where a problem is, in the words of a spreadsheet: `Row 2, column "Proxy value"`. */
function catalogueProblemPlace(problem: CatalogueProblem): string | null {
  if (problem.row === null) return null;
  if (problem.row === 1) return "Row 1 (the header)";
  return `Row ${problem.row}${problem.column ? `, column "${problem.column}"` : ""}`;
}

/** A problem as one sentence: `Row 2, column "Proxy value": "lots" is not an amount in £; ...`. */
export function catalogueProblemText(problem: CatalogueProblem): string {
  const place = catalogueProblemPlace(problem);
  return place ? `${place}: ${problem.message}` : problem.message;
}

/** The listed problems as sentences, then `… and N more.` when some were not listed. */
export function catalogueProblemLines(refusal: { problems: readonly CatalogueProblem[]; unlisted: number }): string[] {
  const lines = refusal.problems.map(catalogueProblemText);
  return refusal.unlisted > 0 ? [...lines, `… and ${refusal.unlisted} more.`] : lines;
}

/** Rows of the exchange format, header first, each version's rows in turn; every value as text
 * so CSV and XLSX agree. */
export function catalogueToRows(...catalogues: readonly Catalogue[]): string[][] {
  const rows: string[][] = [[...CATALOGUE_COLUMNS]];
  for (const catalogue of catalogues) {
    for (const m of catalogue.measures) {
      const proxy = m.proxyValue === null ? "" : String(m.proxyValue);
      for (const outcome of m.outcomes.length > 0 ? m.outcomes : [""]) {
        rows.push([catalogue.version, m.code, m.theme, outcome, m.name, m.unit, proxy, m.source]);
      }
    }
  }
  return rows;
}

/** One CSV file holding these catalogue versions, in this order. */
export function formatCatalogueCsv(...catalogues: readonly Catalogue[]): string {
  return formatCsv(catalogueToRows(...catalogues));
}

/** Reads the catalogue versions of a CSV file's text (see `catalogueFromRows`). */
export function parseCatalogueCsv(text: string): CatalogueReadResult {
  let rows: string[][];
  try {
    // The header, the rows allowed, and one more to tell that there are too many.
    rows = parseCsv(text, CATALOGUE_LIMITS.rows + 2);
  } catch (e) {
    if (e instanceof CsvSyntaxError) return { ok: false, problems: [{ row: null, column: null, message: e.message }], unlisted: 0 };
    throw e;
  }
  return catalogueFromRows(rows);
}

/** Collects problems up to the listing limit and counts the rest. */
class Problems {
  readonly listed: CatalogueProblem[] = [];
  unlisted = 0;
  add(problem: CatalogueProblem): void {
    if (this.listed.length < CATALOGUE_LIMITS.listedProblems) this.listed.push(problem);
    else this.unlisted++;
  }
  get count(): number {
    return this.listed.length + this.unlisted;
  }
}

/** One version being read: its measures, and the row each code first appeared on. */
interface VersionRows {
  catalogue: Catalogue;
  byCode: Map<string, { measure: Measure; row: number }>;
}

/**
 * Reads catalogues from rows of cells (CSV fields or an XLSX sheet's values), header first.
 * Columns are found by their header, in any order; rows are grouped by their Version. Every
 * problem is found (within CATALOGUE_LIMITS), not just the first. A cell that an export guarded
 * against CSV injection (`'=...`) reads as the text it guarded.
 */
export function catalogueFromRows(rows: readonly (readonly CellValue[])[]): CatalogueReadResult {
  const problems = new Problems();
  const header = rows[0]?.map((v) => valueText(v).toLowerCase()) ?? [];
  const at = new Map<Column, number>();
  for (const column of CATALOGUE_COLUMNS) {
    const index = header.indexOf(column.toLowerCase());
    if (index < 0) problems.add({ row: 1, column, message: `there is no "${column}" column. The columns are: ${CATALOGUE_COLUMNS.join(", ")}.` });
    else at.set(column, index);
  }
  if (problems.count > 0) return { ok: false, problems: problems.listed, unlisted: problems.unlisted };
  if (rows.length - 1 > CATALOGUE_LIMITS.rows) {
    problems.add({ row: null, column: null, message: `The file has more than ${CATALOGUE_LIMITS.rows} rows under the header, the most one catalogue file may hold: split it into several files. Only its first ${CATALOGUE_LIMITS.rows} rows were checked.` });
  }

  const versions = new Map<string, VersionRows>();
  const last = Math.min(rows.length, CATALOGUE_LIMITS.rows + 1);
  for (let r = 1; r < last; r++) {
    const cells = (rows[r] ?? []).map((v) => (typeof v === "string" ? readCsvCell(v) : v));
    if (cells.every((v) => valueText(v) === "")) continue;
    const rowNumber = r + 1;
    const get = (column: Column): CellValue | undefined => cells[at.get(column) ?? -1];
    let rowProblems = 0;
    const problem = (column: Column | null, message: string) => {
      rowProblems++;
      problems.add({ row: rowNumber, column, message });
    };

    const tooLong = CATALOGUE_COLUMNS.filter((column) => {
      const v = get(column);
      return typeof v === "string" && v.length > CATALOGUE_LIMITS.cellCharacters;
    });
    // A cell too long to be a catalogue value is not read further (nor quoted back in messages).
    for (const column of tooLong) problem(column, `the cell holds ${String(get(column)).length} characters; a cell may hold at most ${CATALOGUE_LIMITS.cellCharacters}.`);
    if (tooLong.length > 0) continue;
    for (const column of CATALOGUE_COLUMNS) {
      const v = get(column);
      if (v !== undefined && isCellError(v)) problem(column, `the cell shows the error ${v.error}.`);
    }
    const version = valueText(get("Version"));
    const code = valueText(get("Code"));
    const theme = valueText(get("Theme"));
    const outcome = valueText(get("Outcome"));
    const name = valueText(get("Measure"));
    const unit = valueText(get("Unit"));
    const source = valueText(get("Source"));

    if (version === "") problem("Version", "the version is empty.");
    if (code === "") problem("Code", "the measure code is empty.");
    else if (/\s/.test(code)) problem("Code", `the code "${code}" contains spaces.`);
    if (theme === "") problem("Theme", "the theme is empty.");
    if (name === "") problem("Measure", "the measure's name is empty.");
    if (unit === "") problem("Unit", "the unit is empty.");

    let proxyValue: number | null = null;
    const proxyCell = get("Proxy value");
    if (valueText(proxyCell) !== "") {
      const reading = readNumber({ value: proxyCell ?? null });
      if (reading.kind !== "number" || (typeof proxyCell === "string" && proxyCell.includes("%"))) {
        problem("Proxy value", `"${valueText(proxyCell)}" is not an amount in £; leave it blank for a record-only measure.`);
      } else if (reading.value < 0) {
        problem("Proxy value", `${reading.value} is negative; a proxy value is £ of social value per unit, 0 or more.`);
      } else if (reading.value > LIMITS.proxyValue) {
        problem("Proxy value", `${reading.value} is too large; a proxy value is £ of social value per unit, at most £${limitText(LIMITS.proxyValue)}.`);
      } else {
        proxyValue = reading.value;
      }
    }
    if (proxyValue !== null && source === "") problem("Source", "a proxy value needs its source (for example ONS ASHE 2024).");
    if (rowProblems > 0) continue;

    let rowsOfVersion = versions.get(version);
    if (!rowsOfVersion) {
      rowsOfVersion = { catalogue: { version, measures: [] }, byCode: new Map() };
      versions.set(version, rowsOfVersion);
    }
    const key = code.toUpperCase();
    const first = rowsOfVersion.byCode.get(key);
    if (!first) {
      const measure: Measure = { code, theme, outcomes: outcome === "" ? [] : [outcome], name, unit, proxyValue, source };
      rowsOfVersion.byCode.set(key, { measure, row: rowNumber });
      rowsOfVersion.catalogue.measures.push(measure);
      continue;
    }
    // A later row of the same measure in the same version adds an outcome and must agree on
    // everything else.
    const m = first.measure;
    const disagreements: [Column, string, string][] = [
      ["Theme", theme, m.theme],
      ["Measure", name, m.name],
      ["Unit", unit, m.unit],
      ["Proxy value", proxyValue === null ? "" : String(proxyValue), m.proxyValue === null ? "" : String(m.proxyValue)],
      ["Source", source, m.source],
    ];
    for (const [column, here, there] of disagreements) {
      if (here !== there) problem(column, `measure ${code} of version ${version} already appears on row ${first.row} with ${column} "${there}"; its rows must agree on everything but the outcome.`);
    }
    if (outcome === "" || m.outcomes.length === 0) problem("Outcome", `measure ${code} appears on more than one row of version ${version}, so every row needs its outcome.`);
    else if (m.outcomes.includes(outcome)) problem("Outcome", `measure ${code} of version ${version} is already linked to this outcome on an earlier row.`);
    else m.outcomes.push(outcome);
  }
  if (problems.count === 0 && versions.size === 0) {
    problems.add({ row: null, column: null, message: "The catalogue has no measures: add one row per measure and outcome under the header." });
  }
  if (problems.count > 0) return { ok: false, problems: problems.listed, unlisted: problems.unlisted };
  return { ok: true, catalogues: [...versions.values()].map((v) => v.catalogue) };
}
