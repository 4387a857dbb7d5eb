// What scoring produces, in the forms every front end shares: the JSON of `toms score --json`
// (also the API's and the add-in's), and the Results and Breakdown sheets written back into the
// workbook. One function each, so the CLI, the API and the add-in show identical numbers.
import { DEFAULT_MONEY_LABEL, type Catalogue } from "./catalogue.js";
import type { Cell, CellValue, Sheet, Workbook } from "./grid.js";
import { ISSUE_CODES, type Issue, type Refusal } from "./issues.js";
import type { Evaluation, TenderSettings } from "./model.js";
import { rankedOrder, scoreEvaluation, type BidderResult, type ScoringResult } from "./scoring.js";
import { readEvaluation, SHEETS } from "./workbook.js";

export interface ScoredWorkbook {
  evaluation: Evaluation;
  result: ScoringResult;
  /** Reading issues then scoring issues, in the order found. */
  issues: Issue[];
}

/** Reads and scores a workbook against its catalogue version, or says why it cannot be scored:
 * every problem that blocks it, and every other issue found. */
export function scoreWorkbook(workbook: Workbook, catalogue: Catalogue): { ok: true; scored: ScoredWorkbook } | { ok: false; refusal: Refusal } {
  const read = readEvaluation(workbook, catalogue);
  if (!read.ok) return read;
  const result = scoreEvaluation(read.evaluation);
  return { ok: true, scored: { evaluation: read.evaluation, result, issues: [...read.issues, ...result.issues] } };
}

/** The JSON of `toms score --json`, the API's and the add-in's: the contract's field names. */
export interface ScoreJson {
  tender: ScoreJsonTender;
  /** Best first. */
  bidders: BidderResult[];
  issues: Issue[];
}

/** The tender settings a result states (the title is for people and is not part of it). */
export type ScoreJsonTender = Omit<TenderSettings, "title">;

export function scoreJsonTender(t: TenderSettings): ScoreJsonTender {
  return {
    reference: t.reference,
    catalogueVersion: t.catalogueVersion,
    weighting: t.weighting,
    quantitativeShare: t.quantitativeShare,
    qualitativeMaximum: t.qualitativeMaximum,
    basis: t.basis,
    deliverabilityThreshold: t.deliverabilityThreshold,
  };
}

/** The result object of `toms score --json`: bidders best first, full precision. */
export function scoreJson(scored: ScoredWorkbook): ScoreJson {
  return {
    tender: scoreJsonTender(scored.evaluation.tender),
    bidders: rankedOrder(scored.result).map((b) => {
      const r = scored.result.bidders[b];
      if (!r) throw new Error("unreachable: ranked index out of range");
      return { ...r, byTheme: { ...r.byTheme } };
    }),
    issues: scored.issues,
  };
}

export const FORMATS = {
  money: '#,##0.00',
  percent: "0.00%",
  marks: "0.00",
  quantity: "#,##0.##",
} as const;

const v = (value: CellValue, numberFormat?: string): Cell => (numberFormat ? { value, numberFormat } : { value });
const head = (value: string): Cell => ({ value, bold: true });

/** What the errors and warnings about each bidder mean, once per kind, for the Results sheet's
 * Flags column: words an evaluator reads, not codes. */
function flagsByBidder(scored: ScoredWorkbook): Map<string, string[]> {
  const flags = new Map<string, string[]>();
  for (const i of scored.issues) {
    if (!i.bidder || i.severity === "info") continue;
    const list = flags.get(i.bidder.toLowerCase()) ?? [];
    const flag = ISSUE_CODES[i.code].flag;
    if (!list.includes(flag)) list.push(flag);
    flags.set(i.bidder.toLowerCase(), list);
  }
  return flags;
}

/** The Results sheet: one row per bidder, best first; cells hold full precision, formats round. */
export function resultsSheet(scored: ScoredWorkbook, moneyLabel: string = DEFAULT_MONEY_LABEL): Sheet {
  const t = scored.evaluation.tender;
  const flags = flagsByBidder(scored);
  const rows: Cell[][] = [
    ["Rank", "Bidder", "Tender price (£)", `Social value (${moneyLabel})`, "SV add", "Quantitative marks", "Qualitative marks", "Total marks", "Flags"].map(head),
  ];
  for (const b of rankedOrder(scored.result)) {
    const r = scored.result.bidders[b];
    if (!r) continue;
    rows.push([
      v(r.rank),
      v(r.bidder),
      v(r.price, FORMATS.money),
      v(r.socialValue, FORMATS.money),
      r.socialValueAdd === null ? v("none") : v(r.socialValueAdd, FORMATS.percent),
      v(r.quantitativeMarks, FORMATS.marks),
      v(r.qualitativeMarks, FORMATS.marks),
      v(r.totalMarks, FORMATS.marks),
      v((flags.get(r.bidder.toLowerCase()) ?? []).join("; ")),
    ]);
  }
  const errors = scored.issues.filter((i) => i.severity === "error").length;
  const warnings = scored.issues.filter((i) => i.severity === "warning").length;
  rows.push(
    [],
    [head("Tender"), v(t.reference)],
    [head("Catalogue version"), v(t.catalogueVersion)],
    [head("Scoring"), v(`${t.weighting} marks; quantitative share ${t.quantitativeShare}%; qualitative maximum ${t.qualitativeMaximum}; basis ${t.basis}; deliverability threshold ${t.deliverabilityThreshold}%`)],
    [head("Issues"), v(`${errors} error(s), ${warnings} warning(s) when scored`)],
  );
  return { name: SHEETS.results, rows, columnWidths: [6, 28, 16, 20, 10, 12, 12, 12, 80] };
}

/** The Breakdown sheet: each bidder's social value by theme, then by measure, after moderation. */
export function breakdownSheet(scored: ScoredWorkbook, moneyLabel: string = DEFAULT_MONEY_LABEL): Sheet {
  const order = rankedOrder(scored.result);
  const results = order.map((b) => scored.result.bidders[b]).filter((r) => r !== undefined);
  const names = results.map((r) => head(r.bidder));
  const rows: Cell[][] = [[head(`Social value by theme (${moneyLabel})`), v(null), v(null), v(null), v(null), ...names]];
  for (const theme of scored.evaluation.themes) {
    rows.push([v(theme), v(null), v(null), v(null), v(null), ...results.map((r) => v(r.byTheme[theme] ?? 0, FORMATS.money))]);
  }
  rows.push([head("Total"), v(null), v(null), v(null), v(null), ...results.map((r) => v(r.socialValue, FORMATS.money))]);
  rows.push([]);
  rows.push([...["Theme", "Measure", "Name", "Unit", `Proxy value (${moneyLabel} per unit)`].map(head), ...names]);
  scored.evaluation.commitments.forEach((c, ci) => {
    const values = scored.result.values[ci] ?? [];
    rows.push([
      v(c.measure.theme),
      v(c.measure.code),
      v(c.measure.name),
      v(c.measure.unit),
      c.measure.proxyValue === null ? v("record only") : v(c.measure.proxyValue, FORMATS.money),
      ...order.map((b) => v(values[b] ?? 0, FORMATS.money)),
    ]);
  });
  return { name: SHEETS.breakdown, rows, columnWidths: [16, 12, 60, 16, 18, ...names.map(() => 16)] };
}

/** Both output sheets, in the order they are written. */
export function outputSheets(scored: ScoredWorkbook, moneyLabel?: string): Sheet[] {
  return [resultsSheet(scored, moneyLabel), breakdownSheet(scored, moneyLabel)];
}
