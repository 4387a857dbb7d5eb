// Social value committed against delivered, as grouped bars of money: a group a theme (or contract,
// supplier...), a bar a figure, in the charts' social value colours. The chart half of a
// <ChartOrTable>: the table beside it has the same figures.
import { GroupedVerticalBarChart, ResponsiveContainer, type GroupedVerticalBarChartData } from "@fluentui/react-charts";
import { useMemo } from "react";
import type { SocialValueSeries } from "../../common/chart-colours.js";
import { formatCompact, formatMoney } from "../../common/format.js";
import { useTab } from "../../common/tab-context.js";
import { useChartColours } from "../../common/use-chart-theme.js";
import { useLegendProps } from "./chart-parts.js";

/** One group of bars: its name on the axis, and its amount of each figure drawn (none is 0). */
export interface MoneyGroup {
  name: string;
  amounts: Partial<Record<SocialValueSeries, number>>;
}

/** The figures drawn, in order, each with its legend ("Committed 2025/26"). */
export type MoneySeries = readonly { key: SocialValueSeries; legend: string }[];

export function MoneyBarChart({ title, groups, series }: { title: string; groups: readonly MoneyGroup[]; series: MoneySeries }) {
  const { moneyLabel } = useTab();
  const colours = useChartColours().socialValue;
  const legendProps = useLegendProps();
  const data = useMemo<GroupedVerticalBarChartData[]>(
    () =>
      groups.map((group) => ({
        name: group.name,
        series: series.map(({ key, legend }) => {
          const amount = group.amounts[key] ?? 0;
          return { key, legend, data: amount, color: colours[key], xAxisCalloutData: group.name, yAxisCalloutData: formatMoney(amount, moneyLabel) };
        }),
      })),
    [groups, series, colours, moneyLabel],
  );
  return (
    <ResponsiveContainer height={360}>
      <GroupedVerticalBarChart
        data={data}
        chartTitle={title}
        yAxisTitle={`Amount (${moneyLabel.trim()})`}
        yAxisTickFormat={(value: number) => formatCompact(value)}
        hideLabels
        enabledLegendsWrapLines
        barWidth="auto"
        maxBarWidth={40}
        culture="en-GB"
        legendProps={legendProps}
      />
    </ResponsiveContainer>
  );
}
