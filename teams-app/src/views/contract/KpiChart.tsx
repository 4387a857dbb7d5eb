// One KPI's value against its target over time, with the edge of its tolerance band: the chart
// half of its <ChartOrTable> (the table beside it has the same figures).
import { DataVizPalette, LineChart, type ChartProps, type LineChartPoints } from "@fluentui/react-charts";
import { useEffect, useMemo, useRef, useState } from "react";
import type { KpiDirection, KpiPeriod } from "@toms/domain";
import { kpiChartSeries, type ChartPoint } from "./kpi-chart.js";

/** Room an axis label such as "Sept 2026" needs, in pixels. */
const TICK_WIDTH = 84;
const yNumber = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });

function points(series: readonly ChartPoint[]) {
  return series.map((p) => ({ x: p.x, y: p.y, xAxisCalloutData: p.xLabel, yAxisCalloutData: p.yLabel }));
}

/** The width of the element, followed as the pane is resized (Teams' side panel is 320 px). */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

export function KpiChart({ title, periods, direction, unit }: { title: string; periods: readonly KpiPeriod[]; direction: KpiDirection; unit: string }) {
  const { ref, width } = useWidth();
  const maxTicks = Math.max(2, Math.floor((width - 64) / TICK_WIDTH));
  const series = useMemo(() => kpiChartSeries(periods, direction, unit, maxTicks), [periods, direction, unit, maxTicks]);
  const labels = useMemo(() => new Map(series.ticks.map((t) => [t.x.getTime(), t.label])), [series]);
  const lines: LineChartPoints[] = [
    { legend: "Target", data: points(series.target), color: DataVizPalette.color2, legendShape: "dottedLine", lineOptions: { strokeDasharray: "6 3" }, hideNonActiveDots: true },
    { legend: "Tolerance limit", data: points(series.band), color: DataVizPalette.warning, legendShape: "dottedLine", lineOptions: { strokeDasharray: "2 3" }, hideNonActiveDots: true },
    { legend: "Accepted value", data: points(series.values), gaps: series.valueGaps, color: DataVizPalette.color1, lineOptions: { strokeWidth: 3 } },
  ];
  const data: ChartProps = { chartTitle: title, lineChartData: lines };
  return (
    <div ref={ref} style={{ width: "100%", minWidth: 0 }}>
      {width > 0 && (
        <LineChart
          data={data}
          width={width}
          height={260}
          yMinValue={series.yMin}
          yMaxValue={series.yMax}
          tickValues={series.ticks.map((t) => t.x)}
          customDateTimeFormatter={(date) => labels.get(date.getTime()) ?? ""}
          useUTC
          culture="en-GB"
          enabledLegendsWrapLines
          legendsOverflowText="More"
          yAxisTickFormat={(value: number) => yNumber.format(value)}
          margins={{ left: 48, right: 16, top: 16, bottom: 36 }}
        />
      )}
    </div>
  );
}
