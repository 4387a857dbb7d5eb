// The annual social value report for the Cabinet Member: committed against delivered, grouped,
// with the year before beside it. Sums are of the traceable lines, exactly.
import { formatCsv } from "../evaluation/csv.js";
import type { SocialValueLine } from "./model.js";
import { addMoney } from "./money.js";
import { compareServiceAreas, NO_SERVICE_AREA } from "./portfolio.js";
import { sumLines } from "./social-value.js";

export const YEAR_TYPES = ["financial", "calendar"] as const;
export type YearType = (typeof YEAR_TYPES)[number];

/** Financial year 2025 is 2025-04-01 to 2026-03-31, "2025/26"; calendar 2025 is "2025". */
export function yearRange(year: number, yearType: YearType): { from: string; to: string; label: string } {
  if (yearType === "calendar") return { from: `${year}-01-01`, to: `${year}-12-31`, label: String(year) };
  return { from: `${year}-04-01`, to: `${year + 1}-03-31`, label: `${year}/${String((year + 1) % 100).padStart(2, "0")}` };
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

/** The report's groupings in the order shown: the report's field, and the group's name (a CSV group, a workbook sheet). */
export const REPORT_GROUPS = [
  { key: "byTheme", label: "Theme" },
  { key: "byOutcome", label: "Outcome" },
  { key: "byMeasure", label: "Measure" },
  { key: "byContract", label: "Contract" },
  { key: "bySupplier", label: "Supplier" },
  { key: "byServiceArea", label: "Service area" },
] as const satisfies readonly { key: keyof SocialValueReport; label: string }[];

export interface ReportOptions {
  year: number;
  yearType: YearType;
  moneyLabel: string;
  generatedAt: string;
  /** Names to show for ids. */
  supplierNames: Readonly<Record<string, string>>;
  contractTitles: Readonly<Record<string, string>>;
}

/** A group a line counts in: its key and label. */
type Grouping = (line: SocialValueLine) => { key: string; label: string }[];

function groupRows(current: readonly SocialValueLine[], previous: readonly SocialValueLine[], grouping: Grouping, compare: (a: string, b: string) => number = (a, b) => a.localeCompare(b, "en-GB")): ReportRow[] {
  const rows = new Map<string, ReportRow>();
  const add = (line: SocialValueLine, year: "current" | "previous") => {
    for (const { key, label } of grouping(line)) {
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { key, label, committed: 0, delivered: 0, previousCommitted: 0, previousDelivered: 0 }));
      if (year === "current") {
        row.committed = addMoney(row.committed, line.committedValue);
        row.delivered = addMoney(row.delivered, line.deliveredValue);
      } else {
        row.previousCommitted = addMoney(row.previousCommitted, line.committedValue);
        row.previousDelivered = addMoney(row.previousDelivered, line.deliveredValue);
      }
    }
  };
  for (const line of current) add(line, "current");
  for (const line of previous) add(line, "previous");
  return [...rows.values()].sort((a, b) => compare(a.label, b.label));
}

/** The report of the lines whose period ends in the year (and the year before), grouped. */
export function socialValueReport(lines: readonly SocialValueLine[], options: ReportOptions): SocialValueReport {
  const year = yearRange(options.year, options.yearType);
  const before = yearRange(options.year - 1, options.yearType);
  const current = lines.filter((l) => l.periodEnd >= year.from && l.periodEnd <= year.to);
  const previous = lines.filter((l) => l.periodEnd >= before.from && l.periodEnd <= before.to);
  const now = sumLines(current);
  const then = sumLines(previous);
  const rows = (grouping: Grouping, compare?: (a: string, b: string) => number) => groupRows(current, previous, grouping, compare);
  return {
    title: `Social value delivered, ${options.yearType === "financial" ? "financial" : "calendar"} year ${year.label}`,
    moneyLabel: options.moneyLabel,
    year: options.year,
    yearType: options.yearType,
    yearLabel: year.label,
    previousYearLabel: before.label,
    generatedAt: options.generatedAt,
    totals: { committed: now.committed, delivered: now.delivered, previousCommitted: then.committed, previousDelivered: then.delivered },
    byTheme: rows((l) => [{ key: l.theme, label: l.theme }]),
    byOutcome: rows((l) => l.outcomes.map((o) => ({ key: o, label: o }))),
    byMeasure: rows((l) => [{ key: l.measure, label: `${l.measure} ${l.name}` }]),
    byContract: rows((l) => [{ key: l.contractId, label: `${l.contractReference} ${options.contractTitles[l.contractId] ?? ""}`.trim() }]),
    bySupplier: rows((l) => [{ key: l.supplierId, label: options.supplierNames[l.supplierId] ?? l.supplierId }]),
    byServiceArea: rows((l) => [{ key: l.serviceArea ?? NO_SERVICE_AREA, label: l.serviceArea ?? NO_SERVICE_AREA }], compareServiceAreas),
    lines: current,
  };
}

/** Money in a CSV cell: to the penny, with no thousands separator, so that it reads back as a number. */
function money(value: number): string {
  return value.toFixed(2);
}


/** The report as CSV, one row per group row after the total, cells escaped against formulas. */
export function socialValueReportCsv(report: SocialValueReport): string {
  const inMoney = `(${report.moneyLabel})`;
  const header = ["Group", "Name", `Committed ${inMoney} ${report.yearLabel}`, `Delivered ${inMoney} ${report.yearLabel}`, `Committed ${inMoney} ${report.previousYearLabel}`, `Delivered ${inMoney} ${report.previousYearLabel}`];
  const row = (group: string, name: string, r: Omit<ReportRow, "key" | "label">) => [group, name, money(r.committed), money(r.delivered), money(r.previousCommitted), money(r.previousDelivered)];
  return formatCsv([header, row("Total", "All contracts", report.totals), ...REPORT_GROUPS.flatMap(({ key, label }) => report[key].map((r) => row(label, r.label, r)))]);
}
