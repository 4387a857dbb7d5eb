// Hand-built workbooks and catalogues for the unit tests (not exported from the package).
import type { Catalogue } from "./catalogue.js";
import type { Cell, CellValue, Workbook } from "./grid.js";

export type Input = CellValue | Cell | undefined;

const toCell = (x: Input): Cell =>
  x !== null && typeof x === "object" && "value" in x ? x : { value: x === undefined ? null : x };

/** A workbook from sheets of plain values (or Cells where a format or error matters). */
export function workbook(sheets: Record<string, Input[][]>): Workbook {
  return { sheets: Object.entries(sheets).map(([name, rows]) => ({ name, rows: rows.map((r) => r.map(toCell)) })) };
}

export const pct = (value: number): Cell => ({ value, numberFormat: "0%" });
export const err = (error: string): Cell => ({ value: { error } });

/** T01 £100 per hour (Economic), T02 £2.50 per kg (Social), T03 record only (Environmental). */
export const TEST_CATALOGUE: Catalogue = {
  version: "T1",
  measures: [
    { code: "T01", theme: "Economic", outcomes: ["Jobs"], name: "Hours of mentoring", unit: "hours", proxyValue: 100, source: "test" },
    { code: "T02", theme: "Social", outcomes: ["Health", "Community"], name: "Food donated", unit: "kg", proxyValue: 2.5, source: "test" },
    { code: "T03", theme: "Environmental", outcomes: ["Policy"], name: "Policy in place", unit: "yes (1) / no (0)", proxyValue: null, source: "Record only" },
  ],
};

export function tenderRows(overrides: Record<string, Input> = {}): Input[][] {
  const base: Record<string, Input> = {
    "Tender reference": "CCC-2026-001",
    "Catalogue version": "T1",
    "Social value weighting": 10,
    "Quantitative share": 50,
    "Qualitative maximum": 5,
    "Scoring basis": "value",
    ...overrides,
  };
  return Object.entries(base).filter(([, v]) => v !== undefined).map(([k, v]) => [k, v]);
}

/**
 * The worked example (docs/scoring.md): A price 10,000 score 4; B price 20,000 score 5;
 * C price 0 score blank. T01: 10 / 5 / 20 hours; T02: 100 / 400 / 0 kg; T03: 3 / 0 / 0.
 */
export function workedExample(tender: Record<string, Input> = {}, extra: Record<string, Input[][]> = {}): Workbook {
  return workbook({
    Tender: tenderRows(tender),
    Bidders: [
      ["Bidder", "Tender price", "Qualitative score"],
      ["A", 10000, 4],
      ["B", 20000, 5],
      ["C", 0, null],
    ],
    Commitments: [
      ["Measure", "Description", "A", "B", "C"],
      ["T01", "Hours of mentoring", 10, 5, 20],
      ["T02", "Food donated", 100, 400, 0],
      ["T03", "Policy in place", 3, 0, 0],
    ],
    ...extra,
  });
}
