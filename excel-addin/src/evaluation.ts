// What the pane does with a workbook, in the domain's terms: lay out a new evaluation, score the
// open workbook, and find the commitment a selected cell holds. Excel is reached only through
// the workbook adapter; scoring and the sheets' layout are the domain's.
import { blocker, breakdownSheet, buildTemplate, cellText, findHeaderRow, findSheet, readTender, refusalOf, resultsSheet, scoreJson, scoreWorkbook, SHEETS, TENDER_LABELS, type Catalogue, type Refusal, type ScoredWorkbook, type ScoreJson, type Workbook } from "@toms/domain";
import { readEvaluationSheets, readSelection, TABLES, writeNewEvaluation, writeResults, type Selection, type SheetLayout } from "./office/workbook-adapter.js";

export type CatalogueLookup = (version: string) => Promise<Catalogue | null>;

export interface NewEvaluation {
  catalogue: Catalogue;
  measures: string[];
  bidders: string[];
  reference?: string;
}

/** How each sheet of a new evaluation is laid out around the domain's cells. */
function layoutOf(workbook: Workbook): SheetLayout[] {
  return workbook.sheets.map((sheet) => {
    const table = (TABLES as Record<string, string | undefined>)[sheet.name];
    if (sheet.name === SHEETS.commitments) return { sheet, table, freeze: { rows: 1, columns: 2 } };
    if (sheet.name === SHEETS.instructions) return { sheet };
    return { sheet, ...(table ? { table } : {}), freeze: { rows: 1 } };
  });
}

export type LayoutOutcome = { ok: true } | { ok: false; message: string; existing?: string[] };

/** Writes the new evaluation's sheets; asks before replacing sheets the workbook already has. */
export async function layOutEvaluation(request: NewEvaluation, replace: boolean): Promise<LayoutOutcome> {
  const built = buildTemplate({ catalogue: request.catalogue, measures: request.measures, bidders: request.bidders, ...(request.reference ? { reference: request.reference } : {}) });
  if (!built.ok) return { ok: false, message: built.message };
  const written = await writeNewEvaluation(layoutOf(built.workbook), { replace, activate: SHEETS.tender });
  if (written.written) return { ok: true };
  return {
    ok: false,
    existing: written.existing,
    message: `This workbook already has ${written.existing.length === 1 ? "a sheet" : "sheets"} named ${written.existing.join(", ")}. Replace ${written.existing.length === 1 ? "it" : "them"}, or start from an empty workbook.`,
  };
}

export type ScoringRun = { ok: true; scored: ScoredWorkbook; json: ScoreJson } | { ok: false; refusal: Refusal };

/** Reads the open workbook, scores it with its catalogue version, writes Results and Breakdown. */
export async function scoreOpenWorkbook(catalogueFor: CatalogueLookup): Promise<ScoringRun> {
  const { workbook, sheetNames } = await readEvaluationSheets();
  const tender = readTender(workbook);
  if (!tender.ok) return tender;
  const version = tender.tender.catalogueVersion;
  const catalogue = await catalogueFor(version);
  if (!catalogue) {
    // The measures cannot be read without their catalogue, but what the Tender sheet showed is told with it.
    const unpublished = blocker(`Catalogue version "${version}" is not published, so the workbook cannot be scored. Put a published version in the ${SHEETS.tender} sheet's "${TENDER_LABELS.catalogueVersion}" row.`, { sheet: SHEETS.tender, field: TENDER_LABELS.catalogueVersion, catalogueVersion: version });
    return { ok: false, refusal: refusalOf([unpublished, ...tender.blockers], tender.issues) };
  }
  const read = scoreWorkbook(workbook, catalogue);
  if (!read.ok) return read;
  const { scored } = read;
  await writeResults(sheetNames, { results: resultsSheet(scored, catalogue.moneyLabel), breakdown: breakdownSheet(scored, catalogue.moneyLabel), themes: scored.evaluation.themes.length, bidders: scored.evaluation.bidders.length });
  return { ok: true, scored, json: scoreJson(scored) };
}

/** The commitment a selected cell holds: a bidder's quantity for a measure on Commitments. */
export function commitmentAt(scored: ScoredWorkbook, workbook: Workbook, selection: Selection): { bidder: string; measure: string } | null {
  const sheet = findSheet(workbook, SHEETS.commitments);
  if (!sheet || sheet.name.toLowerCase() !== selection.sheet.trim().toLowerCase()) return null;
  const headerRow = findHeaderRow(sheet, "Measure");
  if (headerRow < 0 || selection.row <= headerRow) return null;
  const header = sheet.rows[headerRow] ?? [];
  const measureColumn = header.findIndex((c) => cellText(c).toLowerCase() === "measure");
  const heading = cellText(header[selection.column]).toLowerCase();
  const bidder = scored.evaluation.bidders.find((b) => b.name.toLowerCase() === heading);
  const code = cellText(sheet.rows[selection.row]?.[measureColumn]).toUpperCase();
  const commitment = scored.evaluation.commitments.find((c) => c.measure.code.toUpperCase() === code);
  if (!bidder || !commitment) return null;
  return { bidder: bidder.name, measure: commitment.measure.code };
}

/** The commitment in the selected cell, read from the workbook as it is now (rows may have moved
 * since it was scored); null when the selection is not a bidder's quantity of a scored measure. */
export async function selectedCommitment(scored: ScoredWorkbook): Promise<{ bidder: string; measure: string } | null> {
  const selection = await readSelection();
  const { workbook } = await readEvaluationSheets();
  return commitmentAt(scored, workbook, selection);
}

/** Measure codes suggested for a kind of contract, where the catalogue has them. */
export const SUGGESTED_SETS = {
  goods: ["CCC-EC03", "CCC-EC11", "CCC-EC16", "CCC-SO08", "CCC-SO11", "CCC-EN04", "CCC-EN06", "CCC-EN07", "CCC-EN09", "CCC-EN16"],
  services: ["CCC-EC02", "CCC-EC03", "CCC-EC05", "CCC-EC06", "CCC-EC11", "CCC-EC13", "CCC-SO05", "CCC-SO08", "CCC-SO11", "CCC-EN04", "CCC-EN06"],
  works: ["CCC-EC02", "CCC-EC04", "CCC-EC09", "CCC-EC10", "CCC-EC17", "CCC-EC20", "CCC-SO02", "CCC-SO11", "CCC-EN04", "CCC-EN06", "CCC-EN07"],
} as const;

export type ContractCategory = keyof typeof SUGGESTED_SETS;

export function suggestedMeasures(catalogue: Catalogue, category: ContractCategory): string[] {
  const codes = new Set(catalogue.measures.map((m) => m.code.toUpperCase()));
  return SUGGESTED_SETS[category].filter((code) => codes.has(code));
}
