// How a KPI and its periods are put into words on the contract page: the direction, values with
// their unit, each period's status and its tolerance band. Words only: the ratings and statuses
// themselves come from the service.
import { KPI_THRESHOLD_VALUE, type KpiDirection, type KpiFrequency, type KpiPeriod, type OwedUpdate } from "@toms/domain";
import { formatDate, formatNumber } from "../../common/format.js";

/** "Higher is better" / "Lower is better". */
export function directionWords(direction: KpiDirection): string {
  return direction === "higher" ? "Higher is better" : "Lower is better";
}

const FREQUENCIES: Record<KpiFrequency, string> = { monthly: "Monthly", quarterly: "Quarterly", annual: "Yearly" };

/** How often a KPI is reported: "Monthly", "Quarterly", "Yearly". */
export function frequencyWords(frequency: KpiFrequency): string {
  return FREQUENCIES[frequency];
}

/** A value with its unit as a person writes it: "97.5%", "48 collections". */
export function withUnit(value: number, unit: string): string {
  const shown = formatNumber(value);
  const trimmed = unit.trim();
  if (!trimmed) return shown;
  return trimmed === "%" ? `${shown}%` : `${shown} ${trimmed}`;
}

/**
 * The values a period is "approaching target" between: one tolerance on the wrong side of the
 * target (below it when higher is better, above it when lower is better).
 */
export function toleranceBand(direction: KpiDirection, target: number, tolerance: number): { from: number; to: number } {
  return direction === "higher" ? { from: target - tolerance, to: target } : { from: target, to: target + tolerance };
}

/** The band in words: "95% to 98%". */
export function toleranceBandWords(direction: KpiDirection, target: number, tolerance: number, unit: string): string {
  const band = toleranceBand(direction, target, tolerance);
  return `${withUnit(band.from, unit)} to ${withUnit(band.to, unit)}`;
}

/** What is owed on a period of a KPI, from the dashboard's list, if anything. */
export function owedFor(owed: readonly OwedUpdate[], kpiId: string, period: string): OwedUpdate | undefined {
  return owed.find((o) => o.kpiId === kpiId && o.period === period);
}

/** A period's status in words, e.g. "Overdue since 14 March 2026", "Awaiting review since 4 April 2026". */
export function periodStatusWords(period: Pick<KpiPeriod, "status" | "startDate" | "due">, owed?: Pick<OwedUpdate, "since" | "owedBy" | "what">): string {
  switch (period.status) {
    case "not-started":
      return `Not started: begins on ${formatDate(period.startDate)}`;
    case "open":
      return `Open: the update is due by ${formatDate(period.due)}`;
    case "overdue":
      return `Overdue since ${formatDate(period.due)}`;
    case "awaiting-review":
      return owed?.what === "review" ? `Awaiting review since ${formatDate(owed.since)}` : "Awaiting review";
    case "rejected":
      return owed?.what === "correction"
        ? `Rejected: ${owed.owedBy === "supplier" ? "the supplier owes" : "you owe"} a correction since ${formatDate(owed.since)}`
        : "Rejected: a correction is to be sent";
    case "accepted":
      return "Accepted";
  }
}

/** The periods worth showing today: those that have begun (the rest have nothing to show yet). */
export function begunPeriods<P extends Pick<KpiPeriod, "status">>(periods: readonly P[]): P[] {
  return periods.filter((p) => p.status !== "not-started");
}

/** The s.52 threshold as people say it: "£5m" (the domain's figure, so the words follow the rule). */
export const KPI_THRESHOLD_WORDS = `£${KPI_THRESHOLD_VALUE / 1_000_000}m`;
