// Which periods a KPI's new target can start from: those of the KPI (from the dashboard) on or
// after the one its current target applies from, since earlier periods keep the target they had.
import { parsePeriod, periodLabel, type KpiPeriod, type KpiTargetVersion } from "@toms/domain";

export interface PeriodChoice {
  period: string;
  label: string;
}

/** The version in force now: the last one (versions are oldest first and never empty). */
export function currentVersion(versions: readonly KpiTargetVersion[]): KpiTargetVersion | undefined {
  return versions.at(-1);
}

/** The periods a new target may apply from, in order, each labelled "April 2026". */
export function targetPeriodChoices(periods: readonly Pick<KpiPeriod, "period" | "startDate">[], versions: readonly KpiTargetVersion[]): PeriodChoice[] {
  const from = currentVersion(versions)?.fromPeriod;
  const earliest = from ? parsePeriod(from)?.startDate : undefined;
  return periods.filter((p) => earliest === undefined || p.startDate >= earliest).map((p) => ({ period: p.period, label: periodLabel(p.period) }));
}

/**
 * The period offered first: the one today is in, else the next to begin, else the last there is
 * (a contract that has ended). Undefined when there is none to choose.
 */
export function offeredPeriod(choices: readonly PeriodChoice[], periods: readonly Pick<KpiPeriod, "period" | "startDate" | "endDate">[], today: string): string | undefined {
  const allowed = new Set(choices.map((c) => c.period));
  const open = periods.filter((p) => allowed.has(p.period));
  return (open.find((p) => p.startDate <= today && today <= p.endDate) ?? open.find((p) => p.startDate > today) ?? open.at(-1))?.period;
}
