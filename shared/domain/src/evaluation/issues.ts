// What an evaluator is told about a workbook: one issue per problem, each naming where it is.

export type Severity = "error" | "warning" | "info";

/** Every issue code, with its severity and what happens to the cell or row at fault. */
export const ISSUE_CODES = {
  NON_NUMERIC: { severity: "error", effect: "The cell counts as 0." },
  NEGATIVE: { severity: "error", effect: "The cell counts as 0." },
  CELL_ERROR: { severity: "error", effect: "The cell counts as 0." },
  NUMBER_AS_TEXT: { severity: "warning", effect: "The text is read as the number it shows." },
  UNKNOWN_MEASURE: { severity: "error", effect: "The row is skipped." },
  DUPLICATE_MEASURE: { severity: "error", effect: "The later row is skipped; the first counts." },
  UNKNOWN_COLUMN: { severity: "warning", effect: "The column is ignored." },
  MISSING_BIDDER_COLUMN: { severity: "warning", effect: "The bidder's social value is 0." },
  DUPLICATE_BIDDER: { severity: "error", effect: "The later row (or column) is skipped." },
  RECORD_ONLY: { severity: "info", effect: "The quantity is recorded but adds no value." },
  MISSING_QUALITATIVE: { severity: "warning", effect: "Qualitative marks are 0." },
  QUALITATIVE_OUT_OF_RANGE: { severity: "error", effect: "Qualitative marks are 0." },
  INVALID_PRICE: { severity: "error", effect: "SV add is none (counts as 0 on the percent basis)." },
  HIGH_SV_ADD: { severity: "warning", effect: "Nothing changes: check the offer can be delivered." },
  MODERATION_OUT_OF_RANGE: { severity: "error", effect: "The moderation row is ignored." },
  UNKNOWN_REFERENCE: { severity: "warning", effect: "The moderation row is ignored." },
} as const satisfies Record<string, { severity: Severity; effect: string }>;

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
 * Why a workbook cannot be scored at all. It names the sheet and field (and the cell, or the
 * catalogue version) so the evaluator knows what to fix.
 */
export interface Refusal {
  message: string;
  sheet: string | null;
  field: string | null;
  cell: string | null;
  catalogueVersion: string | null;
}

export function refusal(
  message: string,
  where: { sheet?: string | null; field?: string | null; cell?: string | null; catalogueVersion?: string | null } = {},
): Refusal {
  return {
    message,
    sheet: where.sheet ?? null,
    field: where.field ?? null,
    cell: where.cell ?? null,
    catalogueVersion: where.catalogueVersion ?? null,
  };
}
