// The annual social value report for the Cabinet Member: committed against delivered, grouped,
// with the year before beside it. Sums are of the traceable lines, exactly.
import type { SocialValueLine } from "./model.js";

export const YEAR_TYPES = ["financial", "calendar"] as const;
export type YearType = (typeof YEAR_TYPES)[number];

/** Financial year 2025 is 2025-04-01 to 2026-03-31, "2025/26"; calendar 2025 is "2025". */
export function yearRange(year: number, yearType: YearType): { from: string; to: string; label: string } {
  throw new Error("Not implemented yet: yearRange");
}

export interface ReportRow {
  key: string;
  label: string;
  committed: number;
  delivered: number;
  previousCommitted: number;
  previousDelivered: number;
}

export interface SocialValueReport {
  title: string;
  moneyLabel: string;
  year: number;
  yearType: YearType;
  yearLabel: string;
  previousYearLabel: string;
  generatedAt: string;
  totals: Omit<ReportRow, "key" | "label">;
  byTheme: ReportRow[];
  /** A measure serving several outcomes counts under each: these rows may sum to more than the total. */
  byOutcome: ReportRow[];
  byMeasure: ReportRow[];
  byContract: ReportRow[];
  bySupplier: ReportRow[];
  byServiceArea: ReportRow[];
  /** The year's lines, each traceable to its update. */
  lines: SocialValueLine[];
}

export interface ReportOptions {
  year: number;
  yearType: YearType;
  moneyLabel: string;
  generatedAt: string;
  /** Names to show for ids. */
  supplierNames: Readonly<Record<string, string>>;
  contractTitles: Readonly<Record<string, string>>;
}

/** The report of the lines whose period ends in the year (and the year before), grouped. */
export function socialValueReport(lines: readonly SocialValueLine[], options: ReportOptions): SocialValueReport {
  throw new Error("Not implemented yet: socialValueReport");
}

/** The report as CSV, one row per group row, cells escaped against formulas. */
export function socialValueReportCsv(report: SocialValueReport): string {
  throw new Error("Not implemented yet: socialValueReportCsv");
}
