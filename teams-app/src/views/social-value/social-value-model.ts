// What the social value page shows: which year and grouping the address asks for, the years on
// offer, and the figures of a group as its chart and table show them. No sums are made here: every
// figure is the report's own.
import { REPORT_GROUPS, YEAR_TYPES, yearRange, type ReportRow, type SocialValueReport, type YearType } from "@toms/domain";

export type ReportGroupKey = (typeof REPORT_GROUPS)[number]["key"];

/** How a grouping is written in the page's address: "theme", "service-area". */
export function groupSlug(key: ReportGroupKey): string {
  const group = REPORT_GROUPS.find((g) => g.key === key);
  return (group?.label ?? key).toLowerCase().replace(/\s+/g, "-");
}

/** What the page's address asks for: the year (none: the service's last complete one), its type, and the grouping. */
export interface SocialValueQuery {
  year: number | undefined;
  yearType: YearType;
  group: ReportGroupKey;
}

const FIRST_YEAR = 2000;

/**
 * The query of `?year=2025&yearType=financial&group=outcome`. Anything unreadable falls back to
 * the default (the last complete financial year, by theme), never to a guess.
 */
export function readQuery(params: URLSearchParams): SocialValueQuery {
  const yearText = params.get("year");
  const year = yearText && /^\d{4}$/.test(yearText) && Number(yearText) >= FIRST_YEAR ? Number(yearText) : undefined;
  const typeText = params.get("yearType");
  const yearType = YEAR_TYPES.find((t) => t === typeText) ?? "financial";
  const groupText = params.get("group");
  const group = REPORT_GROUPS.find((g) => groupSlug(g.key) === groupText)?.key ?? "byTheme";
  return { year, yearType, group };
}

/** The address's search params for a query; the defaults are left out so links stay short. */
export function writeQuery(query: SocialValueQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.year !== undefined) params.set("year", String(query.year));
  params.set("yearType", query.yearType);
  if (query.group !== "byTheme") params.set("group", groupSlug(query.group));
  return params;
}

/** The year of the type that today falls in (a financial year by its first April). */
export function yearContaining(today: string, yearType: YearType): number {
  const year = Number(today.slice(0, 4));
  return yearRange(year, yearType).from <= today ? year : year - 1;
}

export interface YearOption {
  year: number;
  /** "2025/26", or "2026/27 (so far)" for the year not yet ended. */
  label: string;
}

/**
 * The years to choose from, newest first: the year today is in (marked "so far") and the
 * `count - 1` before it, with the chosen year added should it be another.
 */
export function yearOptions(today: string, yearType: YearType, chosen?: number, count = 6): YearOption[] {
  const newest = yearContaining(today, yearType);
  const years = Array.from({ length: count }, (_, i) => newest - i);
  // A year chosen by a link (older, or not begun) is offered too, so the picker always says what is shown.
  if (chosen !== undefined && !years.includes(chosen)) years.push(chosen);
  return years.sort((a, b) => b - a).map((year) => ({ year, label: yearLabel(year, yearType, today) }));
}

/** "2025/26" (financial) or "2025" (calendar); "(so far)" while the year has not ended. */
export function yearLabel(year: number, yearType: YearType, today: string): string {
  const range = yearRange(year, yearType);
  if (range.from > today) return `${range.label} (not yet begun)`;
  return range.to >= today ? `${range.label} (so far)` : range.label;
}

export const GROUP_NAMES: Record<ReportGroupKey, { heading: string; column: string }> = {
  byTheme: { heading: "By theme", column: "Theme" },
  byOutcome: { heading: "By outcome", column: "Outcome" },
  byMeasure: { heading: "By measure", column: "Measure" },
  byContract: { heading: "By contract", column: "Contract" },
  bySupplier: { heading: "By supplier", column: "Supplier" },
  byServiceArea: { heading: "By service area", column: "Service area" },
};

/** Whether the report has anything to show for the year or the year before. */
export function hasFigures(report: Pick<SocialValueReport, "totals" | "lines">): boolean {
  const t = report.totals;
  return report.lines.length > 0 || t.committed !== 0 || t.delivered !== 0 || t.previousCommitted !== 0 || t.previousDelivered !== 0;
}

/** Delivered as a share of committed, as a whole percentage; null when nothing was committed. */
export function deliveredShare(committed: number, delivered: number): number | null {
  return committed > 0 ? Math.round((delivered / committed) * 100) : null;
}

/** Delivered against the year before: the difference, and as a percentage of last year's (null when last year had none). */
export function yearOnYear(row: Pick<ReportRow, "delivered" | "previousDelivered">): { change: number; percent: number | null } {
  // Whole pence, so 0.1 + 0.2 style noise never shows as a change (and + 0 makes -0 plain 0).
  const change = Math.round((row.delivered - row.previousDelivered) * 100) / 100 + 0;
  return { change, percent: row.previousDelivered > 0 ? Math.round((change / row.previousDelivered) * 100) + 0 : null };
}

/** The most rows a chart draws before it becomes unreadable; the table always has them all. */
export const CHART_ROWS = 8;

/** The rows the chart draws: the largest by committed value (then delivered), at most `limit`, and how many are left to the table. */
export function chartRows<T extends Pick<ReportRow, "committed" | "delivered" | "label">>(rows: readonly T[], limit = CHART_ROWS): { shown: T[]; left: number } {
  const ranked = [...rows].sort((a, b) => b.committed - a.committed || b.delivered - a.delivered || a.label.localeCompare(b.label, "en-GB"));
  return { shown: ranked.slice(0, limit), left: Math.max(0, rows.length - limit) };
}
