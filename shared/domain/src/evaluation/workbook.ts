// Reads an evaluation workbook, format v1 (docs/scoring.md), into an Evaluation. Every problem
// in a cell becomes an Issue naming the sheet and cell; a workbook that cannot be scored at all
// is refused with a message naming the sheet, field or catalogue version.
import { catalogueThemes, measureIndex, type Catalogue } from "./catalogue.js";
import { cellAddress, cellText, columnName, findSheet, formatKind, isBlank, isCellError, readNumber, type Cell, type Sheet, type Workbook } from "./grid.js";
import { issue, refusal, type Issue, type Refusal } from "./issues.js";
import { DEFAULT_DELIVERABILITY_THRESHOLD, type Bidder, type Commitment, type Evaluation, type ScoringBasis, type TenderSettings } from "./model.js";

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

const norm = (s: string): string => s.trim().replace(/:$/, "").trim().toLowerCase();

/** Reads the Tender sheet alone, so an adapter can find the catalogue version before the rest. */
export function readTender(workbook: Workbook): Read<{ tender: TenderSettings; issues: Issue[] }> {
  const sheet = findSheet(workbook, SHEETS.tender);
  if (!sheet) {
    return { ok: false, refusal: refusal(`The workbook has no "${SHEETS.tender}" sheet, so it cannot be scored. Add it with the tender's settings (labels in column A, values in column B).`, { sheet: SHEETS.tender }) };
  }
  const issues: Issue[] = [];
  const rows = new Map<string, number>();
  sheet.rows.forEach((row, r) => {
    const label = norm(cellText(row[0]));
    if (label !== "" && !rows.has(label)) rows.set(label, r);
  });
  const find = (label: string): { cell: Cell | undefined; address: string } | null => {
    const r = rows.get(label.toLowerCase());
    return r === undefined ? null : { cell: sheet.rows[r]?.[1], address: cellAddress(r, 1) };
  };
  const refuse = (label: string, address: string | null, message: string): Read<never> => ({
    ok: false,
    refusal: refusal(message, { sheet: sheet.name, field: label, cell: address }),
  });
  const required = (label: string) => {
    const found = find(label);
    if (!found) return refuse(label, null, `The ${sheet.name} sheet has no "${label}" row, so the workbook cannot be scored. Put "${label}" in column A and its value in column B.`);
    return found;
  };
  const text = (label: string): Read<{ value: string }> => {
    const found = required(label);
    if ("ok" in found) return found;
    const value = cellText(found.cell);
    if (value === "") return refuse(label, found.address, `${sheet.name}!${found.address}: "${label}" is empty, so the workbook cannot be scored.`);
    return { ok: true, value };
  };
  const numberIn = (label: string, found: { cell: Cell | undefined; address: string }, test: (n: number) => boolean, expected: string): Read<{ value: number }> => {
    const reading = readNumber(found.cell);
    if (reading.kind !== "number") {
      const shown = reading.kind === "blank" ? "is empty" : reading.kind === "error" ? `shows ${reading.error}` : `is "${reading.text}"`;
      return refuse(label, found.address, `${sheet.name}!${found.address}: "${label}" ${shown}; it must be ${expected}, so the workbook cannot be scored.`);
    }
    if (!test(reading.value)) {
      return refuse(label, found.address, `${sheet.name}!${found.address}: "${label}" is ${reading.value}; it must be ${expected}, so the workbook cannot be scored.`);
    }
    if (reading.fromText) {
      issues.push(issue("NUMBER_AS_TEXT", `${sheet.name}!${found.address}: "${label}" is typed as text; it is read as ${reading.value}.`, { sheet: sheet.name, cell: found.address }));
    }
    return { ok: true, value: reading.value };
  };
  const number = (label: string, test: (n: number) => boolean, expected: string): Read<{ value: number }> => {
    const found = required(label);
    return "ok" in found ? found : numberIn(label, found, test, expected);
  };

  const reference = text(TENDER_LABELS.reference);
  if (!reference.ok) return reference;
  const catalogueVersion = text(TENDER_LABELS.catalogueVersion);
  if (!catalogueVersion.ok) return catalogueVersion;
  const weighting = number(TENDER_LABELS.weighting, (n) => n >= 0 && n <= 100, "a number of marks from 0 to 100");
  if (!weighting.ok) return weighting;
  const share = number(TENDER_LABELS.quantitativeShare, (n) => n >= 0 && n <= 100, "a percentage from 0 to 100");
  if (!share.ok) return share;
  const qualitativeMaximum = number(TENDER_LABELS.qualitativeMaximum, (n) => n > 0, "a number above 0");
  if (!qualitativeMaximum.ok) return qualitativeMaximum;
  const basisCell = required(TENDER_LABELS.basis);
  if ("ok" in basisCell) return basisCell;
  const basisText = cellText(basisCell.cell).toLowerCase();
  if (basisText !== "value" && basisText !== "percent") {
    return refuse(TENDER_LABELS.basis, basisCell.address, `${sheet.name}!${basisCell.address}: "${TENDER_LABELS.basis}" is "${cellText(basisCell.cell)}"; it must be "value" (total social value) or "percent" (social value as a share of the tender price), so the workbook cannot be scored.`);
  }
  let deliverabilityThreshold = DEFAULT_DELIVERABILITY_THRESHOLD;
  const thresholdCell = find(TENDER_LABELS.deliverabilityThreshold);
  if (thresholdCell && !isBlank(thresholdCell.cell)) {
    const threshold = numberIn(TENDER_LABELS.deliverabilityThreshold, thresholdCell, (n) => n >= 0, "a percentage of 0 or more");
    if (!threshold.ok) return threshold;
    deliverabilityThreshold = threshold.value;
  }
  const titleCell = find(TENDER_LABELS.title);
  const title = titleCell ? cellText(titleCell.cell) : "";
  return {
    ok: true,
    issues,
    tender: {
      reference: reference.value,
      title: title === "" ? null : title,
      catalogueVersion: catalogueVersion.value,
      weighting: weighting.value,
      quantitativeShare: share.value,
      qualitativeMaximum: qualitativeMaximum.value,
      basis: basisText as ScoringBasis,
      deliverabilityThreshold,
    },
  };
}

/** The header row's index: the first row naming the sheet's first column (so a title row above
 * it is allowed), else the first row with anything in it; -1 for an empty sheet. */
export function findHeaderRow(sheet: Sheet, firstLabel: string): number {
  const named = sheet.rows.findIndex((cells) => cells.some((c) => norm(cellText(c)) === firstLabel.toLowerCase()));
  return named >= 0 ? named : sheet.rows.findIndex((cells) => cells.some((c) => !isBlank(c)));
}

/** The header row and its columns by lower-cased label. */
function headerOf(sheet: Sheet, firstLabel: string): { row: number; columns: Map<string, number>; labels: string[] } | null {
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

function requireColumns(sheet: Sheet, wanted: string[]): Read<{ header: { row: number; columns: Map<string, number>; labels: string[] }; at: number[] }> {
  const header = headerOf(sheet, wanted[0] ?? "");
  const missing = (label: string, seen: string) => ({
    ok: false as const,
    refusal: refusal(`The ${sheet.name} sheet has no "${label}" column${seen}, so the workbook cannot be scored. Its header row needs: ${wanted.join(", ")}.`, { sheet: sheet.name, field: label }),
  });
  if (!header) return missing(wanted[0] ?? "", "");
  const at: number[] = [];
  for (const label of wanted) {
    const c = header.columns.get(label.toLowerCase());
    if (c === undefined) return missing(label, ` (its header row is taken to be row ${header.row + 1}: ${header.labels.filter(Boolean).map((l) => `"${l}"`).join(", ")})`);
    at.push(c);
  }
  return { ok: true, header, at };
}

/**
 * Reads an evaluation workbook against the catalogue of its tender's version. The catalogue's
 * version must be the one the Tender sheet names; adapters find it through readTender first.
 */
export function readEvaluation(workbook: Workbook, catalogue: Catalogue): Read<{ evaluation: Evaluation; issues: Issue[] }> {
  const tenderRead = readTender(workbook);
  if (!tenderRead.ok) return tenderRead;
  const { tender } = tenderRead;
  const issues = [...tenderRead.issues];
  if (tender.catalogueVersion !== catalogue.version) {
    return {
      ok: false,
      refusal: refusal(`The ${SHEETS.tender} sheet names catalogue version "${tender.catalogueVersion}", but the catalogue given is version "${catalogue.version}". Score it with catalogue version "${tender.catalogueVersion}".`, { sheet: SHEETS.tender, field: TENDER_LABELS.catalogueVersion, catalogueVersion: tender.catalogueVersion }),
    };
  }

  // Bidders
  const biddersSheet = findSheet(workbook, SHEETS.bidders);
  if (!biddersSheet) return { ok: false, refusal: refusal(`The workbook has no "${SHEETS.bidders}" sheet, so it cannot be scored. Add it with the columns ${Object.values(BIDDER_HEADERS).join(", ")}.`, { sheet: SHEETS.bidders }) };
  const bidderColumns = requireColumns(biddersSheet, Object.values(BIDDER_HEADERS));
  if (!bidderColumns.ok) return bidderColumns;
  const [nameCol = 0, priceCol = 0, qualCol = 0] = bidderColumns.at;
  const bidders: Bidder[] = [];
  const bidderIndex = new Map<string, number>();
  const bs = biddersSheet.name;
  for (let r = bidderColumns.header.row + 1; r < biddersSheet.rows.length; r++) {
    const row = biddersSheet.rows[r] ?? [];
    const nameCell = row[nameCol];
    if (nameCell && isCellError(nameCell.value)) {
      issues.push(issue("CELL_ERROR", `${bs}!${cellAddress(r, nameCol)} shows ${nameCell.value.error} instead of a bidder's name; the row is skipped.`, { sheet: bs, cell: cellAddress(r, nameCol) }));
      continue;
    }
    const name = cellText(nameCell);
    if (name === "") continue;
    const key = name.toLowerCase();
    const first = bidderIndex.get(key);
    if (first !== undefined) {
      issues.push(issue("DUPLICATE_BIDDER", `${bs}!${cellAddress(r, nameCol)}: ${name} is already listed above; this row is skipped and the first one counts.`, { sheet: bs, cell: cellAddress(r, nameCol), bidder: name }));
      continue;
    }
    bidderIndex.set(key, bidders.length);
    bidders.push({
      name,
      price: readPrice(row[priceCol], bs, cellAddress(r, priceCol), name, issues),
      priceCell: cellAddress(r, priceCol),
      qualitativeScore: readQualitative(row[qualCol], bs, cellAddress(r, qualCol), name, tender.qualitativeMaximum, issues),
    });
  }
  if (bidders.length === 0) {
    return { ok: false, refusal: refusal(`The ${bs} sheet lists no bidders, so there is nothing to score. Add one row per bidder under the header.`, { sheet: bs, field: BIDDER_HEADERS.bidder }) };
  }

  // Commitments
  const commitmentsSheet = findSheet(workbook, SHEETS.commitments);
  if (!commitmentsSheet) return { ok: false, refusal: refusal(`The workbook has no "${SHEETS.commitments}" sheet, so it cannot be scored. Add it with a "Measure" column and one column per bidder.`, { sheet: SHEETS.commitments }) };
  const cs = commitmentsSheet.name;
  const commitmentColumns = requireColumns(commitmentsSheet, ["Measure"]);
  if (!commitmentColumns.ok) return commitmentColumns;
  const { header } = commitmentColumns;
  const [measureCol = 0] = commitmentColumns.at;
  const info = new Set<string>(COMMITMENT_INFO_HEADERS.map((h) => h.toLowerCase()));
  const columnOf = new Array<number | null>(bidders.length).fill(null);
  const width = Math.max(header.labels.length, ...commitmentsSheet.rows.map((r) => r.length));
  for (let c = 0; c < width; c++) {
    if (c === measureCol) continue;
    const label = header.labels[c] ?? "";
    const address = cellAddress(header.row, c);
    if (info.has(norm(label))) continue;
    if (label === "") {
      const hasValues = commitmentsSheet.rows.some((row, r) => r > header.row && !isBlank(row[c]));
      if (hasValues) issues.push(issue("UNKNOWN_COLUMN", `${cs}: column ${columnName(c)} has values but no bidder's name in ${address}; its values are ignored.`, { sheet: cs, cell: address }));
      continue;
    }
    const b = bidderIndex.get(label.toLowerCase());
    if (b === undefined) {
      issues.push(issue("UNKNOWN_COLUMN", `${cs}!${address}: "${label}" is not a bidder on the ${bs} sheet (nor Measure, ${COMMITMENT_INFO_HEADERS.join(", ")}); the column is ignored.`, { sheet: cs, cell: address }));
    } else if (columnOf[b] !== null) {
      issues.push(issue("DUPLICATE_BIDDER", `${cs}!${address}: ${label} already has column ${columnName(columnOf[b] ?? 0)}; this column is ignored and the first counts.`, { sheet: cs, cell: address, bidder: bidders[b]?.name ?? label }));
    } else {
      columnOf[b] = c;
    }
  }
  bidders.forEach((bidder, b) => {
    if (columnOf[b] === null) {
      issues.push(issue("MISSING_BIDDER_COLUMN", `${cs}: there is no column headed "${bidder.name}", so ${bidder.name}'s social value is 0.`, { sheet: cs, bidder: bidder.name }));
    }
  });

  const measures = measureIndex(catalogue);
  const commitments: Commitment[] = [];
  const commitmentRow = new Map<string, number>();
  for (let r = header.row + 1; r < commitmentsSheet.rows.length; r++) {
    const row = commitmentsSheet.rows[r] ?? [];
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
    const quantities = bidders.map((bidder, b) => {
      const c = columnOf[b];
      if (c === null || c === undefined) return 0;
      const cell = row[c];
      // Fast path for the common case, a plain number: no address is made unless there is an issue.
      if (cell === undefined || cell.value === null) return 0;
      const v = cell.value;
      const plain = typeof v === "number" && Number.isFinite(v) && v >= 0 && formatKind(cell.numberFormat) === "plain";
      const value = plain ? v : readQuantity(cell, cs, cellAddress(r, c), bidder.name, measure.code, issues);
      if (value > 0 && measure.proxyValue === null) {
        const address = cellAddress(r, c);
        issues.push(issue("RECORD_ONLY", `${cs}!${address}: ${bidder.name}'s ${value} for ${measure.code} (${measure.unit}) is recorded, but ${measure.code} is a record-only measure and adds no social value.`, { sheet: cs, cell: address, bidder: bidder.name, measure: measure.code }));
      }
      return value;
    });
    commitments.push({ measure, quantities, accepted: new Array<number>(bidders.length).fill(1) });
  }

  // Moderation (optional)
  const moderation = findSheet(workbook, SHEETS.moderation);
  if (moderation && moderation.rows.some((row) => row.some((c) => !isBlank(c)))) {
    const refused = applyModeration(moderation, bidderIndex, bidders, commitments, issues);
    if (refused) return refused;
  }

  return { ok: true, issues, evaluation: { tender, bidders, commitments, themes: catalogueThemes(catalogue) } };
}

function applyModeration(sheet: Sheet, bidderIndex: Map<string, number>, bidders: Bidder[], commitments: Commitment[], issues: Issue[]): Read<never> | null {
  const columns = requireColumns(sheet, [MODERATION_HEADERS.bidder, MODERATION_HEADERS.measure, MODERATION_HEADERS.accepted]);
  if (!columns.ok) return columns;
  const [bidderCol = 0, measureCol = 0, acceptedCol = 0] = columns.at;
  const ms = sheet.name;
  const byCode = new Map(commitments.map((c) => [c.measure.code.toUpperCase(), c]));
  const seen = new Map<string, number>();
  for (let r = columns.header.row + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    const name = cellText(row[bidderCol]);
    const code = cellText(row[measureCol]);
    if (name === "" && code === "" && isBlank(row[acceptedCol])) continue;
    const where = { sheet: ms, bidder: name === "" ? null : name, measure: code === "" ? null : code };
    const b = bidderIndex.get(name.toLowerCase());
    if (b === undefined) {
      const address = cellAddress(r, bidderCol);
      issues.push(issue("UNKNOWN_REFERENCE", `${ms}!${address}: ${name === "" ? "no bidder is named" : `"${name}" is not a bidder on the Bidders sheet`}; row ${r + 1} is ignored.`, { ...where, cell: address }));
      continue;
    }
    const commitment = byCode.get(code.toUpperCase());
    if (!commitment) {
      const address = cellAddress(r, measureCol);
      issues.push(issue("UNKNOWN_REFERENCE", `${ms}!${address}: ${code === "" ? "no measure is named" : `measure "${code}" is not on the Commitments sheet`}; row ${r + 1} is ignored.`, { ...where, cell: address }));
      continue;
    }
    const bidder = bidders[b]?.name ?? name;
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
  return null;
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
      if (reading.fromText) {
        issues.push(issue("NUMBER_AS_TEXT", `${sheet}!${address}: ${bidder}'s quantity for ${measure} is typed as text "${cellText(cell)}"; it is read as ${reading.value}.`, at));
      }
      return reading.value;
  }
}

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
  if (reading.value <= 0) {
    issues.push(issue("INVALID_PRICE", `${sheet}!${address}: ${bidder}'s tender price is ${reading.value}; it must be above 0, so its SV add is none.`, at));
    return null;
  }
  return reading.value;
}

function readQualitative(cell: Cell | undefined, sheet: string, address: string, bidder: string, maximum: number, issues: Issue[]): number | null {
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
      if (reading.value < 0 || reading.value > maximum) {
        issues.push(issue("QUALITATIVE_OUT_OF_RANGE", `${sheet}!${address}: ${bidder}'s qualitative score is ${reading.value}, outside 0 to ${maximum} (the qualitative maximum), so its qualitative marks are 0.`, at));
        return null;
      }
      return reading.value;
  }
}
