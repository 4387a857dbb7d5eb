// KPI ratings over the last 8 quarters, on the portfolio and on a supplier's scorecard: a stacked
// bar a quarter, one colour a rating, with the same counts as a table.
import { ResponsiveContainer, VerticalStackedBarChart, type VerticalStackedChartProps } from "@fluentui/react-charts";
import { TableCell, TableRow, Text } from "@fluentui/react-components";
import { periodLabel, RATINGS, type RatingsInQuarter } from "@toms/domain";
import { useMemo } from "react";
import { ChartOrTable } from "../../common/chart-or-table.js";
import { formatNumber, shortPeriodLabel } from "../../common/format.js";
import { FigureTable, NumberCell } from "../../common/table.js";
import { useChartColours } from "../../common/use-chart-theme.js";
import { useLegendProps } from "./chart-parts.js";
import { quartersSpan, ratingsByQuarter } from "./ratings-by-quarter.js";

const TITLE = "KPI ratings by quarter";
const periods = (n: number) => `${formatNumber(n)} KPI ${n === 1 ? "period" : "periods"}`;

export function RatingsChart({ ratingsOverTime }: { ratingsOverTime: readonly RatingsInQuarter[] }) {
  const colours = useChartColours().ratings;
  const legendProps = useLegendProps();
  const { quarters, hasRatings } = useMemo(() => ratingsByQuarter(ratingsOverTime), [ratingsOverTime]);
  const data = useMemo<VerticalStackedChartProps[]>(
    () =>
      quarters.map((q) => ({
        xAxisPoint: shortPeriodLabel(q.quarter),
        xAxisCalloutData: periodLabel(q.quarter),
        chartData: RATINGS.map((r) => ({ legend: r.label, data: q.ratings[r.id], color: colours[r.id], yAxisCalloutData: periods(q.ratings[r.id]) })),
      })),
    [quarters, colours],
  );
  const span = quartersSpan(quarters.map((q) => q.quarter));

  const table = (
    <FigureTable label="KPI periods by rating, by quarter" columns={["Quarter", ...RATINGS.map((r) => ({ label: r.label, numeric: true })), { label: "All", numeric: true }]}>
      {quarters.map((q) => (
        <TableRow key={q.quarter} data-quarter={q.quarter}>
          <TableCell>{periodLabel(q.quarter)}</TableCell>
          {RATINGS.map((r) => (
            <NumberCell key={r.id} value={q.ratings[r.id]} data-rating={r.id}>
              {formatNumber(q.ratings[r.id])}
            </NumberCell>
          ))}
          <NumberCell>{formatNumber(q.total)}</NumberCell>
        </TableRow>
      ))}
    </FigureTable>
  );

  const chart = hasRatings ? (
    <ResponsiveContainer height={360}>
      <VerticalStackedBarChart
        data={data}
        chartTitle={`KPI periods by rating, by the quarter they ended in, ${span}`}
        barGapMax={2}
        barWidth="auto"
        wrapXAxisLables
        maxBarWidth={40}
        isCalloutForStack
        yAxisTitle="KPI periods"
        yAxisTickFormat={(value: number) => formatNumber(value)}
        culture="en-GB"
        enabledLegendsWrapLines
        legendProps={{ ...legendProps, canSelectMultipleLegends: true }}
      />
    </ResponsiveContainer>
  ) : (
    <Text>No KPI period ended in these quarters has an accepted rating yet. Ratings appear here once updates are accepted.</Text>
  );

  return <ChartOrTable title={TITLE} description={`Accepted ratings of KPI periods, by the quarter each period ended in: ${span}.`} chart={chart} table={table} />;
}
