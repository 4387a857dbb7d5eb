// KPI ratings over the last 8 quarters: a stacked bar a quarter, one colour a rating, with the
// same counts as a table.
import { ResponsiveContainer, VerticalStackedBarChart, type VerticalStackedChartProps } from "@fluentui/react-charts";
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles } from "@fluentui/react-components";
import { RATINGS, type RatingsInQuarter } from "@toms/domain";
import { useMemo } from "react";
import { ChartOrTable } from "../../common/chart-or-table.js";
import { formatNumber } from "../../common/format.js";
import { RATING_COLOURS } from "./chart-colours.js";
import { quarterLabel, quarterShortLabel, quartersSpan, ratingsByQuarter } from "./portfolio-summary.js";
import { useChartTheme } from "./use-chart-theme.js";

const useStyles = makeStyles({
  scroller: { overflowX: "auto", maxWidth: "100%" },
  number: { textAlign: "end", fontVariantNumeric: "tabular-nums" },
  // The chart's legend capitalises every word; ratings are named as the regulations name them.
  legendText: { textTransform: "none" },
});

const periods = (n: number) => `${formatNumber(n)} KPI ${n === 1 ? "period" : "periods"}`;

export function RatingsChart({ ratingsOverTime }: { ratingsOverTime: readonly RatingsInQuarter[] }) {
  const styles = useStyles();
  const colours = RATING_COLOURS[useChartTheme()];
  const { quarters, hasRatings } = useMemo(() => ratingsByQuarter(ratingsOverTime), [ratingsOverTime]);
  const data = useMemo<VerticalStackedChartProps[]>(
    () =>
      quarters.map((q) => ({
        xAxisPoint: quarterShortLabel(q.quarter),
        xAxisCalloutData: quarterLabel(q.quarter),
        chartData: RATINGS.map((r) => ({ legend: r.label, data: q.ratings[r.id], color: colours[r.id], yAxisCalloutData: periods(q.ratings[r.id]) })),
      })),
    [quarters, colours],
  );
  const span = quartersSpan(quarters.map((q) => q.quarter));

  const table = (
    <div className={styles.scroller} tabIndex={0} role="region" aria-label="KPI ratings by quarter, as a table">
      <Table size="small" aria-label="KPI periods by rating, by quarter">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Quarter</TableHeaderCell>
            {RATINGS.map((r) => (
              <TableHeaderCell key={r.id} className={styles.number}>
                {r.label}
              </TableHeaderCell>
            ))}
            <TableHeaderCell className={styles.number}>All</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {quarters.map((q) => (
            <TableRow key={q.quarter} data-quarter={q.quarter}>
              <TableCell>{quarterLabel(q.quarter)}</TableCell>
              {RATINGS.map((r) => (
                <TableCell key={r.id} className={styles.number} data-rating={r.id} data-value={q.ratings[r.id]}>
                  {formatNumber(q.ratings[r.id])}
                </TableCell>
              ))}
              <TableCell className={styles.number}>{formatNumber(q.total)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
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
        legendProps={{ allowFocusOnLegends: true, canSelectMultipleLegends: true, styles: { text: styles.legendText } }}
      />
    </ResponsiveContainer>
  ) : (
    <Text>No KPI period ended in these quarters has an accepted rating yet. Ratings appear here once updates are accepted.</Text>
  );

  return <ChartOrTable title="KPI ratings by quarter" description={`Accepted ratings of KPI periods, by the quarter each period ended in: ${span}.`} chart={chart} table={table} />;
}
