import { describe, expect, it } from "vitest";
import type { KpiPeriod } from "@toms/domain";
import { kpiChartSeries, shortPeriodLabel } from "./kpi-chart.js";

function month(period: string, target: number, value?: number): KpiPeriod {
  const start = `${period}-01`;
  return { period, startDate: start, endDate: start, due: start, target, tolerance: 1, status: value === undefined ? "overdue" : "accepted", ...(value === undefined ? {} : { value }), rating: "other" };
}

describe("a KPI's chart", () => {
  it("draws a point for each accepted value only, and breaks the line over periods without one", () => {
    const chart = kpiChartSeries([month("2026-01", 98, 97.5), month("2026-02", 98), month("2026-03", 98, 99), month("2026-04", 98, 96)], "higher", "%");
    expect(chart.values.map((p) => [p.period, p.y])).toEqual([
      ["2026-01", 97.5],
      ["2026-03", 99],
      ["2026-04", 96],
    ]);
    expect(chart.valueGaps).toEqual([{ startIndex: 0, endIndex: 1 }]);
    expect(chart.values[0]?.x.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(chart.values[0]?.xLabel).toBe("January 2026");
    expect(chart.values[0]?.yLabel).toBe("97.5%");
  });

  it("puts the tolerance edge below the target when higher is better, above it when lower is", () => {
    const periods = [month("2026-01", 98), { ...month("2026-02", 50), tolerance: 5 }];
    expect(kpiChartSeries(periods, "higher", "%").band.map((p) => p.y)).toEqual([97, 45]);
    expect(kpiChartSeries(periods, "lower", "").band.map((p) => p.y)).toEqual([99, 55]);
    expect(kpiChartSeries(periods, "lower", "").target.map((p) => p.y)).toEqual([98, 50]);
  });

  it("keeps a changed target period by period", () => {
    const chart = kpiChartSeries([month("2026-03", 50), month("2026-04", 55)], "higher", "%");
    expect(chart.target.map((p) => p.y)).toEqual([50, 55]);
  });

  it("gives the y axis room around every point, never below zero for counts", () => {
    const chart = kpiChartSeries([month("2026-01", 2, 0), month("2026-02", 2, 4)], "lower", "incidents");
    expect(chart.yMin).toBe(0);
    expect(chart.yMax).toBeGreaterThan(4);
    const flat = kpiChartSeries([month("2026-01", 0, 0)], "lower", "");
    expect(flat.yMax).toBeGreaterThan(flat.yMin);
  });

  it("labels at most the ticks asked for, always the latest period", () => {
    const year = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"].map((m) => month(`2026-${m}`, 1));
    expect(kpiChartSeries(year, "higher", "").ticks.map((t) => t.label)).toHaveLength(12);
    expect(kpiChartSeries(year, "higher", "", 4).ticks.map((t) => t.label)).toEqual(["Mar 2026", "Jun 2026", "Sept 2026", "Dec 2026"]);
    expect(kpiChartSeries(year, "higher", "", 5).ticks.map((t) => t.label)).toEqual(["Mar 2026", "Jun 2026", "Sept 2026", "Dec 2026"]);
    expect(kpiChartSeries(year.slice(0, 2), "higher", "", 1).ticks.map((t) => t.label)).toEqual(["Feb 2026"]);
  });

  it("labels the axis shortly", () => {
    expect(shortPeriodLabel("2026-03")).toBe("Mar 2026");
    expect(shortPeriodLabel("2026-Q2")).toBe("Q2 2026");
    expect(shortPeriodLabel("2027")).toBe("2027");
  });
});
