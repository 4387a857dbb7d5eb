// The catalogue exchange format: one row per (measure, outcome) with the columns below, as CSV
// or as the first sheet of an XLSX. A measure serving several outcomes takes several rows that
// agree on everything but the outcome; a blank Proxy value means record only.
import type { Catalogue, Measure } from "./catalogue.js";
import { formatCsv, parseCsv, CsvSyntaxError } from "./csv.js";
import { isCellError, readNumber, valueText, type CellValue } from "./grid.js";

export const CATALOGUE_COLUMNS = ["Version", "Code", "Theme", "Outcome", "Measure", "Unit", "Proxy value", "Source"] as const;
type Column = (typeof CATALOGUE_COLUMNS)[number];

/** A problem in an imported catalogue; `row` is the 1-based spreadsheet row (the header is row 1). */
export interface CatalogueProblem {
  row: number | null;
  column: Column | null;
  message: string;
}

export type CatalogueReadResult = { ok: true; catalogue: Catalogue } | { ok: false; problems: CatalogueProblem[] };

/** Rows of the exchange format, header first; every value as text so CSV and XLSX agree. */
export function catalogueToRows(catalogue: Catalogue): string[][] {
  const rows: string[][] = [[...CATALOGUE_COLUMNS]];
  for (const m of catalogue.measures) {
    const proxy = m.proxyValue === null ? "" : String(m.proxyValue);
    for (const outcome of m.outcomes.length > 0 ? m.outcomes : [""]) {
      rows.push([catalogue.version, m.code, m.theme, outcome, m.name, m.unit, proxy, m.source]);
    }
  }
  return rows;
}

export function formatCatalogueCsv(catalogue: Catalogue): string {
  return formatCsv(catalogueToRows(catalogue));
}

export function parseCatalogueCsv(text: string): CatalogueReadResult {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) return { ok: false, problems: [{ row: e.line, column: null, message: e.message }] };
    throw e;
  }
  return catalogueFromRows(rows);
}

/**
 * Reads a catalogue from rows of cells (CSV fields or an XLSX sheet's values), header first.
 * Columns are found by their header, in any order. Every problem is reported, not just the first.
 */
export function catalogueFromRows(rows: readonly (readonly CellValue[])[]): CatalogueReadResult {
  const problems: CatalogueProblem[] = [];
  const header = rows[0]?.map((v) => valueText(v).toLowerCase()) ?? [];
  const at = new Map<Column, number>();
  for (const column of CATALOGUE_COLUMNS) {
    const index = header.indexOf(column.toLowerCase());
    if (index < 0) problems.push({ row: 1, column, message: `Row 1 (the header) has no "${column}" column. The columns are: ${CATALOGUE_COLUMNS.join(", ")}.` });
    else at.set(column, index);
  }
  if (problems.length > 0) return { ok: false, problems };

  let version: string | null = null;
  const measures: Measure[] = [];
  const byCode = new Map<string, { measure: Measure; row: number }>();
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r] ?? [];
    if (cells.every((v) => valueText(v) === "")) continue;
    const rowNumber = r + 1;
    const get = (column: Column): CellValue | undefined => cells[at.get(column) ?? -1];
    const problem = (column: Column | null, message: string) =>
      problems.push({ row: rowNumber, column, message: `Row ${rowNumber}${column ? `, column "${column}"` : ""}: ${message}` });

    for (const column of CATALOGUE_COLUMNS) {
      const v = get(column);
      if (v !== undefined && isCellError(v)) problem(column, `the cell shows the error ${v.error}.`);
    }
    const rowVersion = valueText(get("Version"));
    const code = valueText(get("Code"));
    const theme = valueText(get("Theme"));
    const outcome = valueText(get("Outcome"));
    const name = valueText(get("Measure"));
    const unit = valueText(get("Unit"));
    const source = valueText(get("Source"));
    const before = problems.length;

    if (rowVersion === "") problem("Version", "the version is empty.");
    else if (version === null) version = rowVersion;
    else if (rowVersion !== version) problem("Version", `version "${rowVersion}" differs from "${version}" on the first row; a file holds one version.`);
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
      } else {
        proxyValue = reading.value;
      }
    }
    if (proxyValue !== null && source === "") problem("Source", "a proxy value needs its source (for example ONS ASHE 2024).");
    if (problems.length > before) continue;

    const key = code.toUpperCase();
    const first = byCode.get(key);
    if (!first) {
      const measure: Measure = { code, theme, outcomes: outcome === "" ? [] : [outcome], name, unit, proxyValue, source };
      byCode.set(key, { measure, row: rowNumber });
      measures.push(measure);
      continue;
    }
    // A later row of the same measure adds an outcome and must agree on everything else.
    const m = first.measure;
    const disagreements: [Column, string, string][] = [
      ["Theme", theme, m.theme],
      ["Measure", name, m.name],
      ["Unit", unit, m.unit],
      ["Proxy value", proxyValue === null ? "" : String(proxyValue), m.proxyValue === null ? "" : String(m.proxyValue)],
      ["Source", source, m.source],
    ];
    for (const [column, here, there] of disagreements) {
      if (here !== there) problem(column, `measure ${code} already appears on row ${first.row} with ${column} "${there}"; its rows must agree on everything but the outcome.`);
    }
    if (outcome === "" || m.outcomes.length === 0) problem("Outcome", `measure ${code} appears on more than one row, so every row needs its outcome.`);
    else if (m.outcomes.includes(outcome)) problem("Outcome", `measure ${code} is already linked to this outcome on an earlier row.`);
    else m.outcomes.push(outcome);
  }
  if (problems.length === 0 && (version === null || measures.length === 0)) {
    problems.push({ row: null, column: null, message: "The catalogue has no measures: add one row per measure and outcome under the header." });
  }
  if (problems.length > 0 || version === null) return { ok: false, problems };
  return { ok: true, catalogue: { version, measures } };
}
