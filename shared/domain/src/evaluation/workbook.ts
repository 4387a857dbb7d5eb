// Reads an evaluation workbook, format v1 (docs/scoring.md), into an Evaluation. Every problem
// in a cell becomes an Issue naming the sheet and cell; a workbook that cannot be scored at all
// is refused with every problem that blocks it (each naming the sheet, field and cell, or the
// catalogue version) and every other issue found.
import { catalogueThemes, measureIndex, type Catalogue } from "./catalogue.js";
import { cellAddress, cellText, columnName, findSheet, formatKind, isBlank, isCellError, readNumber, type Cell, type Sheet, type Workbook } from "./grid.js";
import { blocker, issue, refusal, refusalOf, type Blocker, type Issue, type Refusal } from "./issues.js";
import { LIMITS, limitText } from "./limits.js";
import { DEFAULT_DELIVERABILITY_THRESHOLD, type Bidder, type Commitment, type Evaluation, type ScoringBasis, type TenderSettings } from "./model.js";
import { nearestName } from "./nearest.js";

export const SHEETS = {
  tender: "Tender",
  bidders: "Bidders",
  commitments: "Commitments",
  moderation: "Moderation",
  results: "Results",
  breakdown: "Breakdown",
  instructions: "Instructions",
} as const;

/** The labels of the Tender sheet's column A. */
export const TENDER_LABELS = {
  reference: "Tender reference",
  title: "Title",
  catalogueVersion: "Catalogue version",
  weighting: "Social value weighting",
  quantitativeShare: "Quantitative share",
  qualitativeMaximum: "Qualitative maximum",
  basis: "Scoring basis",
  deliverabilityThreshold: "Deliverability threshold",
} as const;

export const BIDDER_HEADERS = { bidder: "Bidder", price: "Tender price", qualitative: "Qualitative score" } as const;
export const MODERATION_HEADERS = { bidder: "Bidder", measure: "Measure", accepted: "Accepted %", reason: "Reason" } as const;
/** Commitments columns that are there for people and are not read. */
export const COMMITMENT_INFO_HEADERS = ["Description", "Unit", "Proxy value", "Theme", "Outcome"] as const;

export type Read<T> = ({ ok: true } & T) | { ok: false; refusal: Refusal };

/** What reading has found so far: the problems that stop the scoring, and the other issues. */
interface Findings {
  blockers: Blocker[];
  issues: Issue[];
}

/** The refusal for what was found; only called once something blocks the scoring. */
function refused(found: Findings): { ok: false; refusal: Refusal } {
  const [first, ...rest] = found.blockers;
  if (!first) throw new Error("unreachable: a workbook refused without a blocker");
  return { ok: false, refusal: refusalOf([first, ...rest], found.issues) };
}

const norm = (s: string): string => s.trim().replace(/:$/, "").trim().toLowerCase();

/** The Tender sheet as read: a setting that cannot be used is null, and a blocker says why. */
export interface TenderReading {
  reference: string | null;
  title: string | null;
  catalogueVersion: string;
  weighting: number | null;
  quantitativeShare: number | null;
  qualitativeMaximum: number | null;
  basis: ScoringBasis | null;
  deliverabilityThreshold: number | null;
}

/**
 * Reads the Tender sheet alone, so an adapter can find the catalogue version before the rest.
 * Every setting is read, and each unusable one is a blocker; readEvaluation then refuses the
 * workbook with them and with everything else it finds. Refused here only when there is no
 * Tender sheet or no catalogue version, since the measures cannot be looked up without it.
 */
export function readTender(workbook: Workbook): Read<{ tender: TenderReading; blockers: Blocker[]; issues: Issue[] }> {
  const sheet = findSheet(workbook, SHEETS.tender);
  if (!sheet) {
    return { ok: false, refusal: refusal(`The workbook has no "${SHEETS.tender}" sheet, so it cannot be scored. Add it with the tender's settings (labels in column A, values in column B).`, { sheet: SHEETS.tender }) };
  }
  const found: Findings = { blockers: [], issues: [] };
  const rows = new Map<string, number>();
  sheet.rows.forEach((row, r) => {
    const label = norm(cellText(row[0]));
    if (label !== "" && !rows.has(label)) rows.set(label, r);
  });
  const find = (label: string): { cell: Cell | undefined; address: string } | null => {
    const r = rows.get(label.toLowerCase());
    return r === undefined ? null : { cell: sheet.rows[r]?.[1], address: cellAddress(r, 1) };
  };
  const block = (label: string, address: string | null, message: string): null => {
    found.blockers.push(blocker(message, { sheet: sheet.name, field: label, cell: address }));
    return null;
  };
  const required = (label: string) =>
    find(label) ?? block(label, null, `The ${sheet.name} sheet has no "${label}" row, so the workbook cannot be scored. Put "${label}" in column A and its value in column B.`);
  const text = (label: string): string | null => {
    const at = required(label);
    if (!at) return null;
    const value = cellText(at.cell);
    return value === "" ? block(label, at.address, `${sheet.name}!${at.address}: "${label}" is empty, so the workbook cannot be scored.`) : value;
  };
  const numberIn = (label: string, at: { cell: Cell | undefined; address: string }, test: (n: number) => boolean, expected: string): number | null => {
    const reading = readNumber(at.cell);
    if (reading.kind !== "number") {
      const shown = reading.kind === "blank" ? "is empty" : reading.kind === "error" ? `shows ${reading.error}` : `is "${reading.text}"`;
      return block(label, at.address, `${sheet.name}!${at.address}: "${label}" ${shown}; it must be ${expected}, so the workbook cannot be scored.`);
    }
    if (!test(reading.value)) {
      return block(label, at.address, `${sheet.name}!${at.address}: "${label}" is ${reading.value}; it must be ${expected}, so the workbook cannot be scored.`);
    }
    if (reading.fromText) {
      found.issues.push(issue("NUMBER_AS_TEXT", `${sheet.name}!${at.address}: "${label}" is typed as text; it is read as ${reading.value}.`, { sheet: sheet.name, cell: at.address }));
    }
    return reading.value;
  };
  const number = (label: string, test: (n: number) => boolean, expected: string): number | null => {
    const at = required(label);
    return at ? numberIn(label, at, test, expected) : null;
  };

  const reference = text(TENDER_LABELS.reference);
  const catalogueVersion = text(TENDER_LABELS.catalogueVersion);
  const weighting = number(TENDER_LABELS.weighting, (n) => n >= 0 && n <= 100, "a number of marks from 0 to 100");
  const quantitativeShare = number(TENDER_LABELS.quantitativeShare, (n) => n >= 0 && n <= 100, "a percentage from 0 to 100");
  const qualitativeMaximum = number(TENDER_LABELS.qualitativeMaximum, (n) => n > 0 && n <= LIMITS.qualitativeMaximum, `a number above 0 and at most ${limitText(LIMITS.qualitativeMaximum)}`);
  let basis: ScoringBasis | null = null;
  const basisCell = required(TENDER_LABELS.basis);
  if (basisCell) {
    const basisText = cellText(basisCell.cell).toLowerCase();
    if (basisText === "value" || basisText === "percent") basis = basisText;
    else block(TENDER_LABELS.basis, basisCell.address, `${sheet.name}!${basisCell.address}: "${TENDER_LABELS.basis}" is "${cellText(basisCell.cell)}"; it must be "value" (total social value) or "percent" (social value as a share of the tender price), so the workbook cannot be scored.`);
  }
  let deliverabilityThreshold: number | null = DEFAULT_DELIVERABILITY_THRESHOLD;
  const thresholdCell = find(TENDER_LABELS.deliverabilityThreshold);
  if (thresholdCell && !isBlank(thresholdCell.cell)) {
    deliverabilityThreshold = numberIn(TENDER_LABELS.deliverabilityThreshold, thresholdCell, (n) => n >= 0 && n <= LIMITS.deliverabilityThreshold, `a percentage from 0 to ${limitText(LIMITS.deliverabilityThreshold)}`);
  }
  const titleCell = find(TENDER_LABELS.title);
  const title = titleCell ? cellText(titleCell.cell) : "";
  if (catalogueVersion === null) return refused(found);
  return {
    ok: true,
    blockers: found.blockers,
    issues: found.issues,
    tender: { reference, title: title === "" ? null : title, catalogueVersion, weighting, quantitativeShare, qualitativeMaximum, basis, deliverabilityThreshold },
  };
}

/** The settings scoring needs, once every one of them could be read. */
function settingsOf(t: TenderReading): TenderSettings | null {
  const { reference, title, catalogueVersion, weighting, quantitativeShare, qualitativeMaximum, basis, deliverabilityThreshold } = t;
  if (reference === null || weighting === null || quantitativeShare === null || qualitativeMaximum === null || basis === null || deliverabilityThreshold === null) return null;
  return { reference, title, catalogueVersion, weighting, quantitativeShare, qualitativeMaximum, basis, deliverabilityThreshold };
}

/** The header row's index: the first row naming the sheet's first column (so a title row above
 * it is allowed), else the first row with anything in it; -1 for an empty sheet. */
export function findHeaderRow(sheet: Sheet, firstLabel: string): number {
  const named = sheet.rows.findIndex((cells) => cells.some((c) => norm(cellText(c)) === firstLabel.toLowerCase()));
  return named >= 0 ? named : sheet.rows.findIndex((cells) => cells.some((c) => !isBlank(c)));
}

type Header = { row: number; columns: Map<string, number>; labels: string[] };

/** The header row and its columns by lower-cased label. */
function headerOf(sheet: Sheet, firstLabel: string): Header | null {
  const row = findHeaderRow(sheet, firstLabel);
  if (row < 0) return null;
  const labels = (sheet.rows[row] ?? []).map((c) => cellText(c));
  const columns = new Map<string, number>();
  labels.forEach((label, c) => {
    const key = norm(label);
    if (key !== "" && !columns.has(key)) columns.set(key, c);
  });
  return { row, columns, labels };
}

/** The sheet's header row and where each wanted column is, or null (with a blocker) when one is missing. */
function requireColumns(sheet: Sheet, wanted: string[], found: Findings): { header: Header; at: number[] } | null {
  const header = headerOf(sheet, wanted[0] ?? "");
  const missing = (label: string, seen: string): null => {
    found.blockers.push(blocker(`The ${sheet.name} sheet has no "${label}" column${seen}, so the workbook cannot be scored. Its header row needs: ${wanted.join(", ")}.`, { sheet: sheet.name, field: label }));
    return null;
  };
  if (!header) return missing(wanted[0] ?? "", "");
  const at: number[] = [];
  for (const label of wanted) {
    const c = header.columns.get(label.toLowerCase());
    if (c === undefined) return missing(label, ` (its header row is taken to be row ${header.row + 1}: ${header.labels.filter(Boolean).map((l) => `"${l}"`).join(", ")})`);
    at.push(c);
  }
  return { header, at };
}

/**
 * Reads an evaluation workbook against the catalogue of its tender's version. The catalogue's
 * version must be the one the Tender sheet names; adapters find it through readTender first.
 * Each sheet is read as far as it can be, so a refusal lists every blocker and every other
 * issue at once: Commitments is read once the bidders are known, Moderation once the commitments are.
 */
export function readEvaluation(workbook: Workbook, catalogue: Catalogue): Read<{ evaluation: Evaluation; issues: Issue[] }> {
  const tenderRead = readTender(workbook);
  if (!tenderRead.ok) return tenderRead;
  const { tender } = tenderRead;
  const found: Findings = { blockers: [...tenderRead.blockers], issues: [...tenderRead.issues] };
  if (tender.catalogueVersion !== catalogue.version) {
    found.blockers.push(blocker(`The ${SHEETS.tender} sheet names catalogue version "${tender.catalogueVersion}", but the catalogue given is version "${catalogue.version}". Score it with catalogue version "${tender.catalogueVersion}".`, { sheet: SHEETS.tender, field: TENDER_LABELS.catalogueVersion, catalogueVersion: tender.catalogueVersion }));
    return refused(found);
  }
  const bidders = readBidders(workbook, tender.qualitativeMaximum, found);
  const commitments = bidders ? readCommitments(workbook, catalogue, bidders, found) : null;
  const moderation = findSheet(workbook, SHEETS.moderation);
  if (bidders && commitments && moderation && moderation.rows.some((row) => row.some((c) => !isBlank(c)))) {
    applyModeration(moderation, bidders, commitments, found);
  }
  const settings = settingsOf(tender);
  if (found.blockers.length > 0 || !settings || !bidders || !commitments) return refused(found);
  return { ok: true, issues: found.issues, evaluation: { tender: settings, bidders: bidders.list, commitments, themes: catalogueThemes(catalogue) } };
}

/** The bidders as listed, and each one's index by lower-cased name. */
interface BidderList {
  sheet: string;
  list: Bidder[];
  index: Map<string, number>;
}

/** The Bidders sheet; null (with a blocker) when it, its columns or its bidders are missing.
 * A qualitative maximum that could not be read leaves the scores checked only for being 0 or more. */
function readBidders(workbook: Workbook, qualitativeMaximum: number | null, found: Findings): BidderList | null {
  const sheet = findSheet(workbook, SHEETS.bidders);
  if (!sheet) {
    found.blockers.push(blocker(`The workbook has no "${SHEETS.bidders}" sheet, so it cannot be scored. Add it with the columns ${Object.values(BIDDER_HEADERS).join(", ")}.`, { sheet: SHEETS.bidders }));
    return null;
  }
  const columns = requireColumns(sheet, Object.values(BIDDER_HEADERS), found);
  if (!columns) return null;
  const [nameCol = 0, priceCol = 0, qualCol = 0] = columns.at;
  const { issues } = found;
  const list: Bidder[] = [];
  const index = new Map<string, number>();
  const bs = sheet.name;
  for (let r = columns.header.row + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    const nameCell = row[nameCol];
    if (nameCell && isCellError(nameCell.value)) {
      issues.push(issue("CELL_ERROR", `${bs}!${cellAddress(r, nameCol)} shows ${nameCell.value.error} instead of a bidder's name; the row is skipped.`, { sheet: bs, cell: cellAddress(r, nameCol) }));
      continue;
    }
    const name = cellText(nameCell);
    if (name === "") continue;
    const key = name.toLowerCase();
    if (index.has(key)) {
      issues.push(issue("DUPLICATE_BIDDER", `${bs}!${cellAddress(r, nameCol)}: ${name} is already listed above; this row is skipped and the first one counts.`, { sheet: bs, cell: cellAddress(r, nameCol), bidder: name }));
      continue;
    }
    index.set(key, list.length);
    list.push({
      name,
      price: readPrice(row[priceCol], bs, cellAddress(r, priceCol), name, issues),
      priceCell: cellAddress(r, priceCol),
      qualitativeScore: readQualitative(row[qualCol], bs, cellAddress(r, qualCol), name, qualitativeMaximum, issues),
    });
  }
  if (list.length === 0) {
    found.blockers.push(blocker(`The ${bs} sheet lists no bidders, so there is nothing to score. Add one row per bidder under the header.`, { sheet: bs, field: BIDDER_HEADERS.bidder }));
    return null;
  }
  return { sheet: bs, list, index };
}

/** The Commitments sheet; null (with a blocker) when it or its Measure column is missing. */
function readCommitments(workbook: Workbook, catalogue: Catalogue, bidders: BidderList, found: Findings): Commitment[] | null {
  const sheet = findSheet(workbook, SHEETS.commitments);
  if (!sheet) {
    found.blockers.push(blocker(`The workbook has no "${SHEETS.commitments}" sheet, so it cannot be scored. Add it with a "Measure" column and one column per bidder.`, { sheet: SHEETS.commitments }));
    return null;
  }
  const cs = sheet.name;
  const bs = bidders.sheet;
  const columns = requireColumns(sheet, ["Measure"], found);
  if (!columns) return null;
  const { header } = columns;
  const [measureCol = 0] = columns.at;
  const { issues } = found;
  const info = new Set<string>(COMMITMENT_INFO_HEADERS.map((h) => h.toLowerCase()));
  const width = Math.max(header.labels.length, ...sheet.rows.map((r) => r.length));
  const headings: { c: number; label: string; bidder: number | undefined }[] = [];
  for (let c = 0; c < width; c++) {
    const label = header.labels[c] ?? "";
    if (c !== measureCol && !info.has(norm(label))) headings.push({ c, label, bidder: label === "" ? undefined : bidders.index.get(label.toLowerCase()) });
  }
  // Each bidder's column is the first headed with its name; a heading that names no bidder is
  // compared with the bidders that have no column, since that is where a typo leaves a gap.
  const columnOf = bidders.list.map((_, b) => headings.find((h) => h.bidder === b)?.c ?? null);
  const withoutColumn = bidders.list.filter((_, b) => columnOf[b] === null).map((b) => b.name);
  const meant = new Map<string, string>();
  for (const { c, label, bidder: b } of headings) {
    const address = cellAddress(header.row, c);
    if (label === "") {
      const hasValues = sheet.rows.some((row, r) => r > header.row && !isBlank(row[c]));
      if (hasValues) issues.push(issue("UNKNOWN_COLUMN", `${cs}: column ${columnName(c)} has values but no bidder's name in ${address}; its values are ignored.`, { sheet: cs, cell: address }));
    } else if (b === undefined) {
      const near = nearestName(label, withoutColumn);
      if (near !== null && !meant.has(near)) meant.set(near, `Column ${columnName(c)} is headed "${label}"`);
      const hint = near === null ? ` (nor Measure, ${COMMITMENT_INFO_HEADERS.join(", ")}); the column is ignored.` : `. Did you mean "${near}"? The column is ignored.`;
      issues.push(issue("UNKNOWN_COLUMN", `${cs}!${address}: column ${columnName(c)} is headed "${label}", which is not a bidder on the ${bs} sheet${hint}`, { sheet: cs, cell: address }));
    } else if (columnOf[b] !== c) {
      issues.push(issue("DUPLICATE_BIDDER", `${cs}!${address}: ${label} already has column ${columnName(columnOf[b] ?? 0)}; this column is ignored and the first counts.`, { sheet: cs, cell: address, bidder: bidders.list[b]?.name ?? label }));
    }
  }
  bidders.list.forEach((bidder, b) => {
    if (columnOf[b] !== null) return;
    const typo = meant.get(bidder.name);
    const hint = typo ? ` ${typo}: if that is ${bidder.name}, correct its heading.` : "";
    issues.push(issue("MISSING_BIDDER_COLUMN", `${cs}: there is no column headed "${bidder.name}", so ${bidder.name}'s social value is 0.${hint}`, { sheet: cs, bidder: bidder.name }));
  });

  const measures = measureIndex(catalogue);
  const commitments: Commitment[] = [];
  const commitmentRow = new Map<string, number>();
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    const measureCell = row[measureCol];
    const measureAddress = cellAddress(r, measureCol);
    if (measureCell && isCellError(measureCell.value)) {
      issues.push(issue("CELL_ERROR", `${cs}!${measureAddress} shows ${measureCell.value.error} instead of a measure code; the row is skipped.`, { sheet: cs, cell: measureAddress }));
      continue;
    }
    const code = cellText(measureCell);
    if (code === "") continue;
    const measure = measures.get(code.toUpperCase());
    if (!measure) {
      issues.push(issue("UNKNOWN_MEASURE", `${cs}!${measureAddress}: measure "${code}" is not in catalogue version ${catalogue.version}; the row is skipped.`, { sheet: cs, cell: measureAddress, measure: code }));
      continue;
    }
    const firstRow = commitmentRow.get(measure.code);
    if (firstRow !== undefined) {
      issues.push(issue("DUPLICATE_MEASURE", `${cs}!${measureAddress}: measure ${measure.code} is already on row ${firstRow + 1}; this row is skipped and the first counts.`, { sheet: cs, cell: measureAddress, measure: measure.code }));
      continue;
    }
    commitmentRow.set(measure.code, r);
    const quantities = bidders.list.map((bidder, b) => {
      const c = columnOf[b];
      if (c === null || c === undefined) return 0;
      const cell = row[c];
      // Fast path for the common case, a plain number: no address is made unless there is an issue.
      if (cell === undefined || cell.value === null) return 0;
      const v = cell.value;
      const plain = typeof v === "number" && v >= 0 && v <= LIMITS.quantity && formatKind(cell.numberFormat) === "plain";
      const value = plain ? v : readQuantity(cell, cs, cellAddress(r, c), bidder.name, measure.code, issues);
      if (value > 0 && measure.proxyValue === null) {
        const address = cellAddress(r, c);
        issues.push(issue("RECORD_ONLY", `${cs}!${address}: ${bidder.name}'s ${value} for ${measure.code} (${measure.unit}) is recorded, but ${measure.code} is a record-only measure and adds no social value.`, { sheet: cs, cell: address, bidder: bidder.name, measure: measure.code }));
      }
      return value;
    });
    commitments.push({ measure, quantities, accepted: new Array<number>(bidders.list.length).fill(1) });
  }
  return commitments;
}

/** The Moderation sheet's accepted percentages, set on the commitments; a blocker when its columns are missing. */
function applyModeration(sheet: Sheet, bidders: BidderList, commitments: Commitment[], found: Findings): void {
  const columns = requireColumns(sheet, [MODERATION_HEADERS.bidder, MODERATION_HEADERS.measure, MODERATION_HEADERS.accepted], found);
  if (!columns) return;
  const [bidderCol = 0, measureCol = 0, acceptedCol = 0] = columns.at;
  const { issues } = found;
  const ms = sheet.name;
  const names = bidders.list.map((b) => b.name);
  const byCode = new Map(commitments.map((c) => [c.measure.code.toUpperCase(), c]));
  const seen = new Map<string, number>();
  for (let r = columns.header.row + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    const name = cellText(row[bidderCol]);
    const code = cellText(row[measureCol]);
    if (name === "" && code === "" && isBlank(row[acceptedCol])) continue;
    const where = { sheet: ms, bidder: name === "" ? null : name, measure: code === "" ? null : code };
    const b = bidders.index.get(name.toLowerCase());
    if (b === undefined) {
      const address = cellAddress(r, bidderCol);
      const near = name === "" ? null : nearestName(name, names);
      const what = name === "" ? "no bidder is named" : `"${name}" is not a bidder on the ${bidders.sheet} sheet${near === null ? "" : ` (did you mean "${near}"?)`}`;
      issues.push(issue("UNKNOWN_REFERENCE", `${ms}!${address}: ${what}; row ${r + 1} is ignored.`, { ...where, cell: address }));
      continue;
    }
    const commitment = byCode.get(code.toUpperCase());
    if (!commitment) {
      const address = cellAddress(r, measureCol);
      issues.push(issue("UNKNOWN_REFERENCE", `${ms}!${address}: ${code === "" ? "no measure is named" : `measure "${code}" is not on the Commitments sheet`}; row ${r + 1} is ignored.`, { ...where, cell: address }));
      continue;
    }
    const bidder = bidders.list[b]?.name ?? name;
    const address = cellAddress(r, acceptedCol);
    const at = { sheet: ms, cell: address, bidder, measure: commitment.measure.code };
    const reading = readNumber(row[acceptedCol]);
    if (reading.kind !== "number" || reading.value < 0 || reading.value > 100) {
      const shown = reading.kind === "number" ? `${reading.value}%` : reading.kind === "blank" ? "empty" : reading.kind === "error" ? reading.error : `"${reading.text}"`;
      issues.push(issue("MODERATION_OUT_OF_RANGE", `${ms}!${address}: the accepted % for ${bidder} on ${commitment.measure.code} is ${shown}; it must be from 0% to 100%, so the row is ignored and the commitment stays fully accepted.`, at));
      continue;
    }
    const key = `${b}|${commitment.measure.code}`;
    const firstRow = seen.get(key);
    if (firstRow !== undefined) {
      issues.push(issue("DUPLICATE_MEASURE", `${ms}!${address}: ${bidder} on ${commitment.measure.code} is already moderated on row ${firstRow + 1}; this row is ignored and the first counts.`, at));
      continue;
    }
    seen.set(key, r);
    if (reading.fromText) issues.push(issue("NUMBER_AS_TEXT", `${ms}!${address}: the accepted % is typed as text; it is read as ${reading.value}%.`, at));
    commitment.accepted[b] = reading.value / 100;
  }
}

/** A committed quantity: 0 (with an issue) when the cell cannot count. */
function readQuantity(cell: Cell, sheet: string, address: string, bidder: string, measure: string, issues: Issue[]): number {
  const at = { sheet, cell: address, bidder, measure };
  const reading = readNumber(cell);
  switch (reading.kind) {
    case "blank":
      return 0;
    case "error":
      issues.push(issue("CELL_ERROR", `${sheet}!${address}: ${bidder}'s quantity for ${measure} shows ${reading.error}; it counts as 0.`, at));
      return 0;
    case "not-a-number":
      issues.push(issue("NON_NUMERIC", `${sheet}!${address}: ${bidder}'s quantity for ${measure} is "${reading.text}", which is not a number; it counts as 0.`, at));
      return 0;
    case "number":
      if (reading.value < 0) {
        issues.push(issue("NEGATIVE", `${sheet}!${address}: ${bidder}'s quantity for ${measure} is ${reading.value}; a commitment cannot be negative, so it counts as 0.`, at));
        return 0;
      }
      if (reading.value > LIMITS.quantity) {
        issues.push(issue("TOO_LARGE", `${sheet}!${address}: ${bidder}'s quantity for ${measure} is ${reading.value}, more than the largest allowed (${limitText(LIMITS.quantity)}); it counts as 0.`, at));
        return 0;
      }
      if (reading.fromText) {
        issues.push(issue("NUMBER_AS_TEXT", `${sheet}!${address}: ${bidder}'s quantity for ${measure} is typed as text "${cellText(cell)}"; it is read as ${reading.value}.`, at));
      }
      return reading.value;
  }
}

/** A tender price in £: null (with an issue) when there is none that can count. */
function readPrice(cell: Cell | undefined, sheet: string, address: string, bidder: string, issues: Issue[]): number | null {
  const at = { sheet, cell: address, bidder };
  const reading = readNumber(cell);
  if (reading.kind === "error") {
    issues.push(issue("CELL_ERROR", `${sheet}!${address}: ${bidder}'s tender price shows ${reading.error}, so its SV add is none.`, at));
    return null;
  }
  if (reading.kind !== "number") {
    const shown = reading.kind === "blank" ? "is empty" : `is "${reading.text}", not an amount`;
    issues.push(issue("INVALID_PRICE", `${sheet}!${address}: ${bidder}'s tender price ${shown}, so its SV add is none.`, at));
    return null;
  }
  if (reading.fromText) issues.push(issue("NUMBER_AS_TEXT", `${sheet}!${address}: ${bidder}'s tender price is typed as text "${cellText(cell)}"; it is read as ${reading.value}.`, at));
  const price = reading.value;
  if (price < 0) {
    issues.push(issue("NEGATIVE_PRICE", `${sheet}!${address}: ${bidder}'s tender price is ${price}; a price cannot be negative, so its SV add is none. Enter the price in £, or leave it empty if there is none.`, at));
    return null;
  }
  if (price < LIMITS.smallestPrice) {
    const rule = price === 0 ? "it must be above 0" : `a price above 0 must be at least £${LIMITS.smallestPrice}`;
    issues.push(issue("INVALID_PRICE", `${sheet}!${address}: ${bidder}'s tender price is ${price}; ${rule}, so its SV add is none.`, at));
    return null;
  }
  if (price > LIMITS.price) {
    issues.push(issue("TOO_LARGE", `${sheet}!${address}: ${bidder}'s tender price is ${price}, more than the largest allowed (£${limitText(LIMITS.price)}), so its SV add is none.`, at));
    return null;
  }
  return price;
}

/** A qualitative score from 0 to the qualitative maximum (only 0 or more when the maximum could
 * not be read): null (with an issue) when it cannot count. */
function readQualitative(cell: Cell | undefined, sheet: string, address: string, bidder: string, maximum: number | null, issues: Issue[]): number | null {
  const at = { sheet, cell: address, bidder };
  const reading = readNumber(cell);
  switch (reading.kind) {
    case "blank":
      issues.push(issue("MISSING_QUALITATIVE", `${sheet}!${address}: ${bidder} has no qualitative score, so its qualitative marks are 0.`, at));
      return null;
    case "error":
      issues.push(issue("CELL_ERROR", `${sheet}!${address}: ${bidder}'s qualitative score shows ${reading.error}, so its qualitative marks are 0.`, at));
      return null;
    case "not-a-number":
      issues.push(issue("NON_NUMERIC", `${sheet}!${address}: ${bidder}'s qualitative score is "${reading.text}", which is not a number, so its qualitative marks are 0.`, at));
      return null;
    case "number":
      if (reading.fromText) issues.push(issue("NUMBER_AS_TEXT", `${sheet}!${address}: ${bidder}'s qualitative score is typed as text "${cellText(cell)}"; it is read as ${reading.value}.`, at));
      if (reading.value < 0 || (maximum !== null && reading.value > maximum)) {
        const range = maximum === null ? "below 0" : `outside 0 to ${maximum} (the qualitative maximum)`;
        issues.push(issue("QUALITATIVE_OUT_OF_RANGE", `${sheet}!${address}: ${bidder}'s qualitative score is ${reading.value}, ${range}, so its qualitative marks are 0.`, at));
        return null;
      }
      return reading.value;
  }
}
