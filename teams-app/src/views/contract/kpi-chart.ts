// The figures a KPI's chart draws, from its periods: the accepted values, the target, and the far
// edge of the tolerance band (past it a period is no longer "approaching target").
import { parsePeriod, type KpiDirection, type KpiPeriod } from "@toms/domain";
import { periodLabel } from "./period-label.js";
import { toleranceBand, withUnit } from "./kpi-words.js";

export interface ChartPoint {
  /** The period's first day, midnight UTC: where the period sits on the time axis. */
  x: Date;
  y: number;
  period: string;
  /** For the chart's callout: "March 2026", "97.5%". */
  xLabel: string;
  yLabel: string;
}

export interface KpiChartSeries {
  /** Accepted values only: a period without one has no point. */
  values: ChartPoint[];
  /** Where the value line breaks: between points whose periods are not next to each other. */
  valueGaps: { startIndex: number; endIndex: number }[];
  target: ChartPoint[];
  /** One tolerance short of the target, period by period. */
  band: ChartPoint[];
  /** The y range that shows every point with some room. */
  yMin: number;
  yMax: number;
  /** The axis ticks, at most `maxTicks`, evenly spread over the periods and always the last one, with short labels. */
  ticks: { x: Date; label: string }[];
}

/** "Mar 2026", "Q1 2026", "2026": short enough for an axis. */
export function shortPeriodLabel(period: string): string {
  const parsed = parsePeriod(period);
  if (!parsed) return period;
  if (parsed.frequency === "quarterly") return `${period.slice(5)} ${period.slice(0, 4)}`;
  if (parsed.frequency === "annual") return period;
  return new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${parsed.startDate}T00:00:00Z`));
}

/** The chart of the periods given (those that have begun, in order). */
export function kpiChartSeries(periods: readonly KpiPeriod[], direction: KpiDirection, unit: string, maxTicks = 12): KpiChartSeries {
  const point = (p: KpiPeriod, y: number): ChartPoint => ({ x: new Date(`${p.startDate}T00:00:00Z`), y, period: p.period, xLabel: periodLabel(p.period), yLabel: withUnit(y, unit) });
  const values: ChartPoint[] = [];
  const valueGaps: { startIndex: number; endIndex: number }[] = [];
  let previousIndex = -1;
  periods.forEach((p, index) => {
    if (p.value === undefined) return;
    if (values.length > 0 && index - previousIndex > 1) valueGaps.push({ startIndex: values.length - 1, endIndex: values.length });
    values.push(point(p, p.value));
    previousIndex = index;
  });
  const target = periods.map((p) => point(p, p.target));
  const band = periods.map((p) => {
    const { from, to } = toleranceBand(direction, p.target, p.tolerance);
    return point(p, direction === "higher" ? from : to);
  });
  const ys = [...values, ...target, ...band].map((p) => p.y);
  const low = ys.length > 0 ? Math.min(...ys) : 0;
  const high = ys.length > 0 ? Math.max(...ys) : 1;
  const room = high > low ? (high - low) * 0.1 : Math.max(1, Math.abs(high) * 0.1);
  return {
    values,
    valueGaps,
    target,
    band,
    // A count or a percentage never goes below nothing, so the axis does not either.
    yMin: low >= 0 ? Math.max(0, low - room) : low - room,
    yMax: high + room,
    ticks: tickPeriods(periods, maxTicks).map((p) => ({ x: new Date(`${p.startDate}T00:00:00Z`), label: shortPeriodLabel(p.period) })),
  };
}

/** Every n-th period, counted back from the latest so that it is always labelled, at most `max` of them. */
function tickPeriods<P>(periods: readonly P[], max: number): P[] {
  const step = Math.max(1, Math.ceil(periods.length / Math.max(1, max)));
  return periods.filter((_, i) => (periods.length - 1 - i) % step === 0);
}
