// What an evaluator is told about a workbook: one issue per problem, each naming where it is.

export type Severity = "error" | "warning" | "info";

/**
 * Every issue code: its severity, what happens to the cell or row at fault, and the flag the
 * Results sheet shows beside a bidder it concerns, in the evaluator's words.
 */
export const ISSUE_CODES = {
  NON_NUMERIC: { severity: "error", effect: "The cell counts as 0.", flag: "Text where a number should be: counted as 0" },
  NEGATIVE: { severity: "error", effect: "The cell counts as 0.", flag: "Negative quantity: counted as 0" },
  TOO_LARGE: { severity: "error", effect: "The cell counts as 0 (a tender price: SV add is none).", flag: "Number above the largest allowed: counted as 0" },
  CELL_ERROR: { severity: "error", effect: "The cell counts as 0.", flag: "Cell shows an error such as #N/A: counted as 0" },
  NUMBER_AS_TEXT: { severity: "warning", effect: "The text is read as the number it shows.", flag: "Number typed as text: read as the number shown" },
  UNKNOWN_MEASURE: { severity: "error", effect: "The row is skipped.", flag: "Measure not in the catalogue version: row skipped" },
  DUPLICATE_MEASURE: { severity: "error", effect: "The later row is skipped; the first counts.", flag: "Measure listed or moderated twice: the first counts" },
  UNKNOWN_COLUMN: { severity: "warning", effect: "The column is ignored.", flag: "Column headed with a name that is not a bidder: ignored" },
  MISSING_BIDDER_COLUMN: { severity: "warning", effect: "The bidder's social value is 0.", flag: "No column on the Commitments sheet: social value 0" },
  DUPLICATE_BIDDER: { severity: "error", effect: "The later row (or column) is skipped.", flag: "Bidder listed twice: the first counts" },
  RECORD_ONLY: { severity: "info", effect: "The quantity is recorded but adds no value.", flag: "Quantity on a record-only measure: adds no value" },
  MISSING_QUALITATIVE: { severity: "warning", effect: "Qualitative marks are 0.", flag: "No qualitative score: qualitative marks 0" },
  QUALITATIVE_OUT_OF_RANGE: { severity: "error", effect: "Qualitative marks are 0.", flag: "Qualitative score outside 0 to the maximum: qualitative marks 0" },
  INVALID_PRICE: { severity: "error", effect: "SV add is none (counts as 0 on the percent basis).", flag: "No usable tender price: social value add is none" },
  NEGATIVE_PRICE: { severity: "error", effect: "SV add is none (counts as 0 on the percent basis).", flag: "Negative tender price: social value add is none" },
  HIGH_SV_ADD: { severity: "warning", effect: "Nothing changes: check the offer can be delivered.", flag: "Social value add above the deliverability threshold: check it can be delivered" },
  MODERATION_OUT_OF_RANGE: { severity: "error", effect: "The moderation row is ignored.", flag: "Accepted % outside 0 to 100: moderation ignored" },
  UNKNOWN_REFERENCE: { severity: "warning", effect: "The moderation row is ignored.", flag: "Moderation row names an unknown bidder or measure: ignored" },
} as const satisfies Record<string, { severity: Severity; effect: string; flag: string }>;

export type IssueCode = keyof typeof ISSUE_CODES;

export interface Issue {
  severity: Severity;
  code: IssueCode;
  sheet: string | null;
  /** A1 address when one cell is at fault. */
  cell: string | null;
  bidder: string | null;
  measure: string | null;
  message: string;
}

export function issue(
  code: IssueCode,
  message: string,
  where: { sheet?: string | null; cell?: string | null; bidder?: string | null; measure?: string | null } = {},
): Issue {
  return {
    severity: ISSUE_CODES[code].severity,
    code,
    sheet: where.sheet ?? null,
    cell: where.cell ?? null,
    bidder: where.bidder ?? null,
    measure: where.measure ?? null,
    message,
  };
}

/**
 * One thing that stops a workbook being scored. It names the sheet and field (and the cell, or
 * the catalogue version) so the evaluator knows what to fix.
 */
export interface Blocker {
  message: string;
  sheet: string | null;
  field: string | null;
  cell: string | null;
  catalogueVersion: string | null;
}

/** Where a blocker is: any of its place fields. */
export type BlockerPlace = Partial<Omit<Blocker, "message">>;

export function blocker(message: string, where: BlockerPlace = {}): Blocker {
  return {
    message,
    sheet: where.sheet ?? null,
    field: where.field ?? null,
    cell: where.cell ?? null,
    catalogueVersion: where.catalogueVersion ?? null,
  };
}

/**
 * Why a workbook cannot be scored: every blocker found, and the issues found in the rest of the
 * workbook as far as it could be read, so the evaluator can fix them all at once. Its place
 * (sheet, field, cell, catalogue version) is the first blocker's, for a surface that points at
 * one cell.
 */
export interface Refusal extends Blocker {
  /** The blocker's message; for several, a line saying how many and then one line each. */
  message: string;
  /** At least one, in the order found. */
  blockers: Blocker[];
  /** Every other issue found, in the order found; they count once the blockers are fixed. */
  issues: Issue[];
}

/** The refusal for these blockers and the issues found beside them. */
export function refusalOf(blockers: [Blocker, ...Blocker[]], issues: Issue[] = []): Refusal {
  const [first] = blockers;
  const message =
    blockers.length === 1
      ? first.message
      : [`The workbook cannot be scored until these ${blockers.length} problems are fixed:`, ...blockers.map((b) => `  ${b.message}`)].join("\n");
  return { ...first, message, blockers: [...blockers], issues: [...issues] };
}

/** A refusal with one blocker and no other issues. */
export function refusal(message: string, where: BlockerPlace = {}): Refusal {
  return refusalOf([blocker(message, where)]);
}
